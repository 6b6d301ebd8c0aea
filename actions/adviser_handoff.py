"""Adviser handoff on Telegram, Rasa's side: the summary advisers read (pure), and what the user reads at each step.

The steps come as the intent `adviser_handoff` with an entity `handoff_step`: `consent` from the user's button,
then `started`, `failed` and `ended_*` as external intents from channels/telegram_advisers.py, which alone can
reach the advisers' chat. A step typed by a user as a payload is not external: it only gets the public options."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Dict, Iterable, List, Mapping, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.adviser_offer import STEP_ENTITY, advisers_here
from actions.buttons import button
from actions.custom_forms import FORMS_CONFIG
from actions.human import human_reply, operator_contact
from actions.knowledge.contacts import get_contacts
from actions.replies import Reply

HANDOFF_KEY = "adviser_handoff"  # the custom payload the Telegram channel turns into a post to the advisers
MAX_QUESTION_CHARS = 300
# what the user says that is no question about the topic: greetings, answers, the request for a human itself
NOT_QUESTIONS = {
    "start",
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "inform",
    "stop",
    "restart_choice",
    "dont_know",
    "feedback",
    "ask_human",
    "my_data",
    "forget_me",
    "confirm_forget",
    "cancel_forget",
    "adviser_handoff",
}
PERSONAL = (
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"\+?\d(?:[\s.-]?\d){7,}"),  # phone, social security or bank numbers
)
MASK = "[masqué]"
QUESTION_NUMBER = re.compile(r"^Question \d+/\d+ : ")

STARTED = (
    "C'est transmis : un conseiller va vous répondre ici, dans cette conversation. "
    "En attendant, je ne réponds plus moi-même. Pour revenir à l'assistant, écrivez « stop »."
)
ENDED = {
    "ended_adviser": "Le conseiller a clos l'échange.",
    "ended_user": "Vous avez quitté l'échange avec le conseiller.",
    "ended_timeout": "L'échange avec le conseiller est clos : aucun nouveau message de sa part depuis un moment.",
}
BACK = "C'est de nouveau l'assistant automatique qui vous répond : que voulez-vous savoir ?"
BACK_BUTTON = {"title": "Revenir à l'assistant", "payload": "stop"}  # the channel ends the handoff on « stop »
UNAVAILABLE = "Je n'ai pas pu joindre nos conseillers pour le moment, désolé."


def masked(text: str) -> str:
    """The text without e-mail addresses or long numbers, cut to MAX_QUESTION_CHARS."""
    for pattern in PERSONAL:
        text = pattern.sub(MASK, text)
    return text if len(text) <= MAX_QUESTION_CHARS else text[: MAX_QUESTION_CHARS - 1].rstrip() + "…"


def last_question(events: Iterable[Mapping[str, Any]]) -> Optional[str]:
    """The user's latest typed message that is a question on the topic (no button, no small talk), masked."""
    for event in reversed(list(events)):
        if event.get("event") != "user":
            continue
        text = str(event.get("text") or "").strip()
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        external = (event.get("metadata") or {}).get("is_external")
        if text and not text.startswith("/") and not external and intent not in NOT_QUESTIONS:
            return masked(text)
    return None


def choice_answers(slots: Mapping[str, Any]) -> List[str]:
    """The guided choice's answers given so far, as « question answer » lines in the form's order."""
    lines = []
    for slot, form in FORMS_CONFIG["choice_form"]["slots"].items():
        title = form["values"].get(slots.get(slot)) if isinstance(slots.get(slot), str) else None
        if title:
            question = QUESTION_NUMBER.sub("", form["question"])
            lines.append(f"• {question[0].upper()}{question[1:]} {title}")
    return lines


def adviser_summary(question: Optional[str], answers: List[str]) -> str:
    """What advisers read: the last question and the guided-choice answers, nothing else about the person."""
    parts = [f"Dernière question : « {question} »" if question else "Dernière question : aucune avant la demande."]
    if answers:
        parts.append("Réponses au questionnaire d'orientation :\n" + "\n".join(answers))
    else:
        parts.append("Questionnaire d'orientation : pas rempli.")
    return "\n".join(parts)


def back_buttons() -> List[Dict[str, str]]:
    return [
        button("Que savez-vous faire ?", "help"),
        button("Aidez-moi à choisir", "help_me_choose"),
        button("Parler à un humain", "ask_human"),
    ]


class ActionAdviserHandoff(Action):
    """Answers each step of a handoff to the advisers."""

    def name(self) -> Text:
        return "action_adviser_handoff"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        message = tracker.latest_message or {}
        step = next((e.get("value") for e in message.get("entities") or [] if e.get("entity") == STEP_ENTITY), None)
        external = bool((message.get("metadata") or {}).get("is_external"))
        if step == "consent" and advisers_here(message):
            summary = adviser_summary(last_question(tracker.events), choice_answers(tracker.slots))
            dispatcher.utter_message(json_message={HANDOFF_KEY: {"summary": summary}})
            return []
        if external and step == "started":
            return [*Reply(STARTED, [BACK_BUTTON]).send(dispatcher), ConversationPaused()]
        if external and step in ENDED:
            return Reply(f"{ENDED[step]} {BACK}", back_buttons()).send(dispatcher)
        reply = human_reply(get_contacts(), operator_contact())
        if external and step == "failed":
            reply = replace(reply, text=f"{UNAVAILABLE}\n\n{reply.text}")
        return reply.send(dispatcher)
