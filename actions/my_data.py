"""Answers « /mes_donnees » (what is stored, a copy shown here) and performs « /oublier » once confirmed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict, List, Optional, Text
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.custom_forms import FORMS_CONFIG
from actions.human import operator_contact
from actions.replies import Reply
from runtime.forget import FORGET_ACTION

COPY_LIMIT = 650  # characters per message of the copy, under the replies' ~700
COPY_MESSAGES = 5  # at most this many messages: past them, the most recent lines are kept
PARIS = ZoneInfo("Europe/Paris")
DATA_BUTTONS = [button("Effacer mes données", "forget_me"), button("Que savez-vous faire ?", "help")]


def my_data_reply(sender_id: str, user_messages: int, operator_lines: List[str]) -> Reply:
    """What this conversation stores, and the ways to act on it (a copy here or from the team, or erasure)."""
    ask_copy = "Pour en obtenir une copie, touchez « Recevoir une copie » : je vous l'affiche ici."
    if operator_lines:
        ask_copy += (
            " Pour une copie complète, écrivez à l'équipe qui gère ce service "
            + " ou ".join(operator_lines)
            + f", en indiquant l'identifiant de conversation « {sender_id} »."
        )
    text = (
        f"Je conserve notre conversation : vos {user_messages} message(s), mes réponses, leur date, le canal "
        "utilisé et vos réponses au questionnaire. Je ne vous demande ni nom ni adresse : seul ce que vous "
        "écrivez vous-même est gardé.\n"
        f"{ask_copy}\n"
        "Pour tout effacer maintenant, écrivez « /oublier »."
    )
    return Reply(text, [button("Recevoir une copie", "my_data_copy"), *DATA_BUTTONS])


def _users_own(event: Dict[str, Any]) -> bool:
    """A message the user wrote (or a button they pressed), not an intent the channel triggered for them."""
    return event.get("event") == "user" and not (event.get("metadata") or {}).get("is_external")


def _when(timestamp: Optional[float]) -> str:
    if not isinstance(timestamp, (int, float)) or timestamp <= 0:
        return "date inconnue"
    return dt.datetime.fromtimestamp(timestamp, PARIS).strftime("%d/%m/%Y %H:%M")


def _question(text: str) -> str:
    """« Question 1/5 : comment … ? » -> « Comment … ? »: the question alone, without its explanations."""
    question = re.sub(r"^Question \d+/\d+ : ", "", text).split("?")[0].strip() + " ?"
    return question[:1].upper() + question[1:]


def kept_answers(slots: Dict[str, Any]) -> List[str]:
    """The questionnaires' answers this conversation keeps, as their questions and button titles."""
    lines = []
    for form in FORMS_CONFIG.values():
        for slot, question in form["slots"].items():
            value = slots.get(slot)
            if value is not None:
                lines.append(f"• {_question(question['question'])} {question['values'].get(value, value)}")
    return lines


def _pages(lines: List[str]) -> List[str]:
    """The lines in messages of at most COPY_LIMIT characters; the most recent ones when there are too many."""
    pages: List[str] = []
    for line in reversed(lines):
        line = line if len(line) <= COPY_LIMIT else line[: COPY_LIMIT - 1] + "…"
        if pages and len(pages[0]) + 1 + len(line) <= COPY_LIMIT:
            pages[0] = line + "\n" + pages[0]
        elif len(pages) < COPY_MESSAGES:
            pages.insert(0, line)
        else:
            break
    return pages


def my_data_copy_replies(sender_id: str, events: List[Dict[str, Any]], slots: Dict[str, Any]) -> List[Reply]:
    """A copy of what the user gave: their messages with their date (Paris time) and their answers kept."""
    written = [e for e in events if _users_own(e)]
    lines = [f"{_when(e.get('timestamp'))} : {e.get('text') or ''}" for e in written]
    answers = kept_answers(slots)
    intro = (
        f"Voici la copie de vos données pour la conversation « {sender_id} » : vos {len(written)} message(s), "
        "à l'heure de Paris, puis vos réponses aux questionnaires. Mes réponses, gardées avec elles, "
        "ne disent rien de vous : je ne les recopie pas."
    )
    kept = lines + (["Vos réponses :", *answers] if answers else [])
    pages = _pages(kept)
    if sum(page.count("\n") + 1 for page in pages) < len(kept):
        intro += " La conversation est longue : je n'en affiche que la fin."
    replies = [Reply(intro)] + [Reply(page) for page in pages]
    replies[-1].buttons = list(DATA_BUTTONS)
    return replies


class ActionMyData(Action):
    """Answers my_data."""

    def name(self) -> Text:
        return "action_my_data"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        user_messages = sum(1 for e in tracker.events if _users_own(e))
        return my_data_reply(tracker.sender_id, user_messages, operator_contact()).send(dispatcher)


class ActionMyDataCopy(Action):
    """Answers my_data_copy: the user's own messages and answers, shown in the chat."""

    def name(self) -> Text:
        return "action_my_data_copy"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        events: List[EventType] = []
        for reply in my_data_copy_replies(tracker.sender_id, list(tracker.events), dict(tracker.slots)):
            events += reply.send(dispatcher)
        return events


class ActionForgetMe(Action):
    """Confirms the erasure; storage.erasure deletes the conversation when Rasa saves this turn."""

    def name(self) -> Text:
        return FORGET_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        Reply(
            "C'est fait : notre conversation et vos réponses sont effacées. Si vous revenez, je repartirai de zéro.",
            [button("Recommencer", "greet"), button("Que savez-vous faire ?", "help")],
        ).send(dispatcher)
        return []
