"""Answers « /mes_donnees » (what is stored, how to get a copy) and performs « /oublier » once confirmed."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.human import operator_contact
from actions.replies import Reply
from runtime.forget import FORGET_ACTION


def my_data_reply(sender_id: str, user_messages: int, operator_lines: List[str]) -> Reply:
    """What this conversation stores, and the two ways to act on it (a copy, or erasure)."""
    ask_copy = (
        "Pour en obtenir une copie, écrivez à l'équipe qui gère ce service " + " ou ".join(operator_lines)
        if operator_lines
        else "Pour en obtenir une copie, demandez-la à l'équipe qui gère ce service"
    )
    text = (
        f"Je conserve notre conversation : vos {user_messages} message(s), mes réponses, leur date, le canal "
        "utilisé et vos réponses au questionnaire. Je ne vous demande ni nom ni adresse : seul ce que vous "
        "écrivez vous-même est gardé.\n"
        f"{ask_copy}, en indiquant l'identifiant de conversation « {sender_id} ».\n"
        "Pour tout effacer maintenant, écrivez « /oublier »."
    )
    return Reply(text, [button("Effacer mes données", "forget_me"), button("Que savez-vous faire ?", "help")])


class ActionMyData(Action):
    """Answers my_data."""

    def name(self) -> Text:
        return "action_my_data"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        user_messages = sum(  # the channel's external intents (adviser handoff steps) are not the user's
            1 for e in tracker.events if e.get("event") == "user" and not (e.get("metadata") or {}).get("is_external")
        )
        return my_data_reply(tracker.sender_id, user_messages, operator_contact()).send(dispatcher)


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
