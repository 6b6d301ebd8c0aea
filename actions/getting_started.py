"""Answers "how do I start?": general advice plus the concept's first steps."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import concepts_in_context, requested_page
from actions.feedback import send_answer
from actions.knowledge.queries import Knowledge
from actions.paging import more_button
from actions.recommendation import answers_given, follows_recommendation, recommendation_follow_up
from actions.rendering import bullets, fact_page
from actions.replies import Reply

TITLES = {"microwork": "Pour débuter dans le micro-travail :", "freelancing": "Pour débuter en freelance :"}
GENERAL_TITLE = "Quelques conseils pour bien démarrer :"


def getting_started_reply(knowledge: Knowledge, concept_ids: List[str], page: int = 1) -> Reply:
    """Concept-specific first steps when a concept is known, else the general advice."""
    if len(concept_ids) == 1:
        cid = concept_ids[0]
        shown = fact_page(knowledge.getting_started(cid), page, TITLES[cid] + "\n")
        buttons = more_button(shown, "ask_getting_started", concept=cid)
        buttons += [
            button("Conseils généraux", "ask_getting_started"),
            button("Plateformes", "ask_platforms", concept=cid),
        ]
        if cid == "freelancing":
            buttons.append(button("Quel statut ?", "ask_legal_status"))
        return Reply(
            f"{TITLES[cid]}\n{bullets(shown.items)}", buttons, shown.items, "getting_started", {"concept": cid}
        )
    shown = fact_page(knowledge.getting_started("general"), page, GENERAL_TITLE + "\n")
    buttons = more_button(shown, "ask_getting_started")
    buttons += [
        button("Débuter en micro-travail", "ask_getting_started", concept="microwork"),
        button("Débuter en freelance", "ask_getting_started", concept="freelancing"),
        button("Aidez-moi à choisir", "help_me_choose"),
    ]
    return Reply(f"{GENERAL_TITLE}\n{bullets(shown.items)}", buttons, shown.items, "getting_started")


class ActionGettingStarted(Action):
    """Answers ask_getting_started."""

    def name(self) -> Text:
        return "action_getting_started"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if follows_recommendation(tracker):
            knowledge = Knowledge()
            text = tracker.latest_message.get("text") or ""
            return recommendation_follow_up(knowledge, answers_given(knowledge, tracker), text).send(dispatcher)
        reply = getting_started_reply(Knowledge(), concepts_in_context(tracker), requested_page(tracker))
        return send_answer(reply, dispatcher, tracker)
