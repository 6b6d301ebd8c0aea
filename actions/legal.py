"""Answers about French legal statuses, income declaration and social protection."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import latest_entities, requested_page
from actions.feedback import send_answer
from actions.french import capitalise
from actions.knowledge.queries import Knowledge
from actions.paging import more_button, page_of
from actions.rendering import bullets
from actions.replies import Reply

OVERVIEW = "statuts"
SUGGESTED = ("micro_entreprise", "portage_salarial", "declaration", "protection_sociale", "acre")
SIMULATED = ("micro_entreprise", "declaration", "acre")  # topics whose figures the income simulation applies


def legal_reply(knowledge: Knowledge, topic_id: Optional[str], page: int = 1) -> Reply:
    """One legal topic, or the overview of statuses with a button per topic."""
    topic = knowledge.legal_topic(topic_id or OVERVIEW) or knowledge.legal_topic(OVERVIEW)
    shown = page_of(topic.facts, page)
    text = f"{capitalise(topic.label)} :\n{bullets(shown.items)}"
    related = [
        button(capitalise(knowledge.legal_topic(t).label), "ask_legal_status", legal_topic=t)
        for t in SUGGESTED
        if t != topic.id and knowledge.legal_topic(t)
    ]
    simulate = [button("Simuler mes revenus", "simulate_income")] if topic.id in SIMULATED else []
    buttons = more_button(shown, "ask_legal_status", legal_topic=topic.id) + simulate + related[:3]
    return Reply(text, buttons, shown.items, "legal")


class ActionLegalStatus(Action):
    """Answers ask_legal_status for the topic named (micro-entreprise, portage, déclaration…)."""

    def name(self) -> Text:
        return "action_legal_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        topics = latest_entities(tracker, "legal_topic")
        reply = legal_reply(Knowledge(), topics[0] if topics else None, requested_page(tracker))
        return send_answer(reply, dispatcher, tracker)
