"""Answers "how do I start?": general advice plus the concept's first steps."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import concepts_in_context, paged_question, requested_page
from actions.feedback import send_answer
from actions.knowledge.queries import Knowledge
from actions.paging import more_button
from actions.recommendation import answers_given, follows_recommendation, recommendation_follow_up
from actions.relevance import answering_elsewhere, relevant_first
from actions.rendering import ELSEWHERE_HEADING, bullets, elsewhere_first, fact_page
from actions.replies import Reply

TITLES = {"microwork": "Pour débuter dans le micro-travail :", "freelancing": "Pour débuter en freelance :"}
GENERAL_TITLE = "Quelques conseils pour bien démarrer :"
# what a getting-started question names without saying which advice it asks for
TOPIC_WORDS = "débuter commencer démarrer lancer conseil conseils étape étapes premier premiers pas réussir"


def getting_started_reply(knowledge: Knowledge, concept_ids: List[str], page: int = 1, question: str = "") -> Reply:
    """Concept-specific first steps when a concept is known, else the general advice; the advice the question asks
    about first (« se fixer des objectifs, ça aide ? »), from the general advice too when it answers better."""
    general = knowledge.getting_started("general")
    if len(concept_ids) == 1:
        cid = concept_ids[0]
        concept = knowledge.concept(cid)
        words = f"{concept.name} {concept.label} {' '.join(concept.aliases)} {TOPIC_WORDS}"
        own = relevant_first(knowledge.getting_started(cid), question, searched=True, topic_words=words)
        elsewhere = answering_elsewhere(own, general, question, words)
        lead = ELSEWHERE_HEADING if elsewhere else ""
        shown = fact_page([*elsewhere, *own], page, lead + TITLES[cid] + "\n")
        text = elsewhere_first(shown.items, elsewhere, TITLES[cid] + "\n")
        buttons = more_button(shown, "ask_getting_started", concept=cid)
        buttons += [
            button("Conseils généraux", "ask_getting_started"),
            button("Plateformes", "ask_platforms", concept=cid),
        ]
        if cid == "freelancing":
            buttons.append(button("Quel statut ?", "ask_legal_status"))
        return Reply(text.rstrip(), buttons, shown.items, "getting_started", {"concept": cid})
    ordered = relevant_first(general, question, searched=True, topic_words=TOPIC_WORDS)
    shown = fact_page(ordered, page, GENERAL_TITLE + "\n")
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
        reply = getting_started_reply(
            Knowledge(), concepts_in_context(tracker), requested_page(tracker), paged_question(tracker)
        )
        return send_answer(reply, dispatcher, tracker)
