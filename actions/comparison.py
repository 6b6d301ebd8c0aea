"""The side-by-side comparison of micro-travail and freelance, criterion by criterion."""

from __future__ import annotations

import statistics
from typing import Any, Dict, List, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import latest_entities, paged_question, requested_page
from actions.feedback import send_answer
from actions.knowledge.model import CONCEPT_IDS, Criterion, Fact
from actions.knowledge.queries import Knowledge
from actions.paging import more_button, page_of
from actions.platforms import platforms_side_by_side
from actions.relevance import says_nothing_more, search_scores
from actions.rendering import render_fact
from actions.replies import Reply

CRITERIA_PER_PAGE = 4
LEVEL_WORDS = {"low": "faible", "moderate": "modérée", "high": "élevée"}  # agree with "flexibilité", "indépendance"
RATED = ("flexibility", "independence")  # criteria the seed's table rates per concept (Concept.<id>.level)
# words of any comparison question: they name what is asked, not which criterion
COMPARISON_WORDS = (
    "micro-travail microtravail microwork freelance freelancing différence différent comparer comparaison entre "
    "lequel laquelle deux choisir choix mieux meilleur plus moins quoi quel quelle"
)
LEAD = 0.2  # a criterion comes first when the search scores it this far above the typical criterion


def _rating(knowledge: Knowledge, criterion: Criterion) -> Tuple[str, List[Fact]]:
    """The criterion's heading, with the seed table's rating of each concept when it gives one."""
    if criterion.id not in RATED:
        return criterion.label, []
    micro, free = (getattr(knowledge.concept(cid), criterion.id) for cid in CONCEPT_IDS)
    heading = (
        f"{criterion.label} : {LEVEL_WORDS[micro.level]} pour le micro-travail, "
        f"{LEVEL_WORDS[free.level]} pour le freelance"
    )
    return heading, [micro.facts[0], free.facts[0]]  # the first fact states the table's rating


def _outlook(knowledge: Knowledge, criterion: Criterion) -> Tuple[str, List[Fact]]:
    """For long-term viability, what each path leads to beyond the criterion's own sentence."""
    if criterion.id != "long_term":
        return "", []
    facts = [knowledge.concept(cid).long_term[1] for cid in CONCEPT_IDS]  # [0] restates the criterion
    return "\nSur la durée : " + " ".join(render_fact(f) for f in facts), facts


def criteria_for(knowledge: Knowledge, question: str) -> List[Criterion]:
    """The criteria, those whose sides answer the question clearly better than the others first (« mieux payé » →
    Rémunération); the seed table's order for a question that names no criterion (« quelles différences ? »)."""
    criteria = list(knowledge.comparison())
    if not question or question.startswith("/") or says_nothing_more(question, COMPARISON_WORDS):
        return criteria
    sides = search_scores([side for c in criteria for side in (c.microwork, c.freelancing)], question)
    scores = [max(sides[2 * i], sides[2 * i + 1]) for i in range(len(criteria))]
    usual = statistics.median(scores)
    leading = sorted((i for i, score in enumerate(scores) if score >= usual + LEAD), key=lambda i: -scores[i])
    return [criteria[i] for i in leading] + [c for i, c in enumerate(criteria) if i not in leading]


def comparison_reply(knowledge: Knowledge, page: int = 1, question: str = "") -> Reply:
    """Four criteria per page, micro-travail side then freelance side; "Autres critères" pages on."""
    shown = page_of(criteria_for(knowledge, question), page, CRITERIA_PER_PAGE)
    lines = ["Micro-travail ou freelance, critère par critère :"] if shown.number == 1 else []
    facts: List[Fact] = []
    for criterion in shown.items:
        heading, rating_facts = _rating(knowledge, criterion)
        outlook, outlook_facts = _outlook(knowledge, criterion)
        facts += [criterion.microwork, criterion.freelancing] + rating_facts + outlook_facts
        lines.append(
            f"\n{heading}\n– Micro-travail : {render_fact(criterion.microwork)}"
            f"\n– Freelance : {render_fact(criterion.freelancing)}{outlook}"
        )
    buttons = more_button(shown, "ask_comparison", title="Autres critères") + [
        button("Aidez-moi à choisir", "help_me_choose"),
        button("Plateformes de micro-travail", "ask_platforms", concept="microwork"),
        button("Plateformes de freelance", "ask_platforms", concept="freelancing"),
    ]
    return Reply("\n".join(lines).strip(), buttons, facts, "comparison")


class ActionCompare(Action):
    """Answers ask_comparison."""

    def name(self) -> Text:
        return "action_compare"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        named = latest_entities(tracker, "platform")
        if len(named) >= 2:  # « Malt vs Codeur, lequel est mieux ? »
            return send_answer(platforms_side_by_side(Knowledge(), named, None), dispatcher, tracker)
        reply = comparison_reply(Knowledge(), requested_page(tracker), paged_question(tracker))
        return send_answer(reply, dispatcher, tracker)
