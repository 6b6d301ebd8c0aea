"""Answers ask_human: the people who can actually help, and the operator's own contact when configured."""

from __future__ import annotations

import logging
import os
import re
from typing import Any, Dict, List, Mapping, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.adviser_offer import OFFER, advisers_here, with_adviser_offer
from actions.buttons import button
from actions.knowledge.contacts import Contact, get_contacts
from actions.replies import Reply

logger = logging.getLogger(__name__)
_EMAIL = re.compile(r"^[^@\s<>\"]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https://[^\s<>\"]{4,300}$")
INTRO = "Je suis un assistant automatique, mais des personnes peuvent vous conseiller."


def operator_contact(environ: Mapping[str, str] = os.environ) -> List[str]:
    """The operator's contact lines from HANDOFF_EMAIL / HANDOFF_URL; a malformed value is left out."""
    lines = []
    for variable, pattern, template in (
        ("HANDOFF_EMAIL", _EMAIL, "par e-mail : {}"),
        ("HANDOFF_URL", _URL, "en ligne : {}"),
    ):
        value = (environ.get(variable) or "").strip()
        if value and pattern.match(value):
            lines.append(template.format(value))
        elif value:
            logger.warning("%s is set but malformed; it is not shown to users", variable)
    return lines


def human_reply(contacts: Mapping[str, Contact], operator_lines: List[str], intro: str = INTRO) -> Reply:
    """Who to talk to: the operator first when configured, then the public services, with their links."""
    parts = [intro]
    if operator_lines:
        parts.append("Notre équipe vous répond " + " ou ".join(operator_lines) + ".")
    parts.append(
        "Les services publics et réseaux d'accompagnement :\n"
        + "\n".join(f"• {c.name} : {c.url}" for c in contacts.values())
    )
    facts = [f for c in contacts.values() for f in c.facts]
    buttons = [
        button("Comment débuter ?", "ask_getting_started"),
        button("Quel statut ?", "ask_legal_status"),
        button("Que savez-vous faire ?", "help"),
    ]
    return Reply("\n\n".join(parts), buttons, facts, "ask_human")


class ActionOfferHuman(Action):
    """Answers ask_human; on Telegram with an advisers' chat, also offers an adviser here."""

    def name(self) -> Text:
        return "action_offer_human"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if advisers_here(tracker.latest_message):
            return with_adviser_offer(human_reply(get_contacts(), operator_contact(), OFFER)).send(dispatcher)
        return human_reply(get_contacts(), operator_contact()).send(dispatcher)
