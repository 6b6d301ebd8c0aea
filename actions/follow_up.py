"""Answers a bare follow-up naming a concept ("et le freelance ?") on the previous topic."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.concepts import TOPIC_INTENT, topic_reply
from actions.context import concepts_in_context
from actions.feedback import send_answer
from actions.getting_started import getting_started_reply
from actions.knowledge.queries import Knowledge
from actions.platforms import platform_list_reply
from actions.replies import Reply


def follow_up_reply(knowledge: Knowledge, last_topic: str, concept_ids: List[str]) -> Reply:
    """The previous topic, now for the concept(s) just named; a definition when there is none."""
    if last_topic == "platforms":
        return platform_list_reply(knowledge, concept_ids, [])
    if last_topic == "getting_started":
        return getting_started_reply(knowledge, concept_ids)
    return topic_reply(knowledge, TOPIC_INTENT.get(last_topic, "ask_definition"), concept_ids)


class ActionFollowUpConcept(Action):
    """Answers specify_concept."""

    def name(self) -> Text:
        return "action_follow_up_concept"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        reply = follow_up_reply(Knowledge(), tracker.get_slot("last_topic") or "", concepts_in_context(tracker))
        return send_answer(reply, dispatcher, tracker)
