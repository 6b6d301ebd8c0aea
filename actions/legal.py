"""Answers about French legal statuses, income declaration and social protection."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import latest_entities, paged_question, requested_page
from actions.feedback import send_answer
from actions.french import capitalise
from actions.knowledge.figures import figures_in
from actions.knowledge.folding import fold
from actions.knowledge.model import Fact
from actions.knowledge.queries import Knowledge
from actions.paging import more_button
from actions.relevance import answering_elsewhere, relevant_first
from actions.rendering import ANSWER_LIMIT, ELSEWHERE_HEADING, bullets, fact_page
from actions.replies import Reply
from actions.two_questions import with_other_questions

OVERVIEW = "statuts"
SUGGESTED = ("micro_entreprise", "portage_salarial", "declaration", "protection_sociale", "acre")
SIMULATED = ("micro_entreprise", "declaration", "acre")  # topics whose figures the income simulation applies
RATES_TOPIC = "micro_entreprise"  # where the store keeps the contribution rates
# « cotisations » also names the declaration topic: a question about rates means the status, not the form to fill
RATES_QUESTION = (
    r"\btaux\b|pourcentage|\b\d+ ?%|combien .*(cotis|charges|urssaf|pai|paye)|(cotisations?|charges) (sociales|urssaf)?"
)
GENERIC_TOPICS = (OVERVIEW, "declaration")
PERCENTAGE = r"\d+(,\d+)? ?%"  # a fact giving a rate
COST_QUESTION = r"\bcout|\bfrais\b|\bprix\b|\btarif|ca revient a combien"
COST_WORDS = r"\bfrais\b|\bcout|\btarif|commission"  # a fact saying what it costs, before a fact with a figure
CONTRIBUTION_RATES = "contribution_"  # the ids of the contribution rates in knowledge/rates.yml


def _states_contributions(fact: Fact) -> bool:
    return any(rate.startswith(CONTRIBUTION_RATES) for rate in fact.figures)


def asks_cost(text: str) -> bool:
    return not text.startswith("/") and bool(re.search(COST_QUESTION, fold(text)))


def asks_rates(text: str) -> bool:
    return not text.startswith("/") and bool(re.search(RATES_QUESTION, fold(text)))


def asked_topic(named: List[str], remembered: Optional[str], text: str) -> Optional[str]:
    """The legal topic meant: a question about rates stays on the status in question (the micro-entreprise by
    default); « et les cotisations ? » after a status stays on that status; else the first topic named."""
    if asks_rates(text):
        specific = [t for t in named if t not in GENERIC_TOPICS]
        if specific:
            return specific[0]
        return remembered if remembered and remembered not in GENERIC_TOPICS else RATES_TOPIC
    return named[0] if named else None


def legal_reply(
    knowledge: Knowledge, topic_id: Optional[str], page: int = 1, question: str = "", platform_id: Optional[str] = None
) -> Reply:
    """One legal topic, the facts closest to the question first (rates first when it asks for rates); a platform's
    own rule that answers better (« pas de SIRET, c'est obligatoire sur Malt ? ») comes before them."""
    topic = knowledge.legal_topic(topic_id or OVERVIEW) or knowledge.legal_topic(OVERVIEW)
    platform = knowledge.find_platform(platform_id) if platform_id and page == 1 else None
    if platform:
        own = [f for part in (platform.entry, platform.notes, platform.availability, platform.fees) for f in part]
        answering = answering_elsewhere(topic.facts, own, question)
        if answering:
            block, reply = (
                ELSEWHERE_HEADING + bullets(answering) + "\n\n",
                legal_reply(knowledge, topic.id, page, question),
            )
            if len(block + reply.text) > ANSWER_LIMIT:
                reply = _first_fact_only(knowledge, topic.id, question)
            return Reply(block + reply.text, reply.buttons, [*answering, *reply.facts], reply.topic, reply.slots)
    facts = relevant_first(topic.facts, question)
    if asks_cost(question):  # « ça coûte combien ? »: what the status costs (fees, rates) first
        facts = sorted(facts, key=lambda f: (not re.search(COST_WORDS, fold(f.text)), not figures_in(f.text)))
    if asks_rates(question):
        # the contribution rates first (the facts restating them name them), then any other percentage
        facts = sorted(facts, key=lambda fact: (not _states_contributions(fact), not re.search(PERCENTAGE, fact.text)))
    header = f"{capitalise(topic.label)} :\n"
    shown = fact_page(facts, page, header)
    text = header + bullets(shown.items)
    related = [
        button(capitalise(knowledge.legal_topic(t).label), "ask_legal_status", legal_topic=t)
        for t in SUGGESTED
        if t != topic.id and knowledge.legal_topic(t)
    ]
    simulate = [button("Simuler mes revenus", "simulate_income")] if topic.id in SIMULATED else []
    buttons = more_button(shown, "ask_legal_status", legal_topic=topic.id) + simulate + related[:3]
    return Reply(text, buttons, shown.items, "legal", {"last_legal_topic": topic.id})


def _first_fact_only(knowledge: Knowledge, topic_id: str, question: str) -> Reply:
    """The topic's answer cut to its first fact, to leave room for a platform's rule above it."""
    full = legal_reply(knowledge, topic_id, 1, question)
    header = full.text.split("\n", 1)[0]
    return Reply(f"{header}\n{bullets(full.facts[:1])}", full.buttons, full.facts[:1], full.topic, full.slots)


class ActionLegalStatus(Action):
    """Answers ask_legal_status for the topic named (micro-entreprise, portage, déclaration…)."""

    def name(self) -> Text:
        return "action_legal_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        remembered = tracker.get_slot("last_legal_topic") if tracker.get_slot("last_topic") == "legal" else None
        named = latest_entities(tracker, "legal_topic")
        knowledge = Knowledge()
        question = paged_question(tracker)
        platforms = latest_entities(tracker, "platform")
        topic = asked_topic(named, remembered, question)
        reply = legal_reply(knowledge, topic, requested_page(tracker), question, platforms[0] if platforms else None)
        concept_ids = latest_entities(tracker, "concept")
        return send_answer(with_other_questions(knowledge, reply, text, concept_ids, named), dispatcher, tracker)
