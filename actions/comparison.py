"""The side-by-side comparison of micro-travail and freelance, criterion by criterion."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Reply, button, render_fact, requested_page
from actions.knowledge.queries import Knowledge

CRITERIA_PER_PAGE = 4


def comparison_reply(knowledge: Knowledge, page: int = 1) -> Reply:
    """Four criteria per page, micro-travail side then freelance side; "Autres critères" pages on."""
    criteria = knowledge.comparison()
    start = (max(1, page) - 1) * CRITERIA_PER_PAGE
    shown = criteria[start:start + CRITERIA_PER_PAGE] or criteria[:CRITERIA_PER_PAGE]
    lines = ["Micro-travail ou freelance, critère par critère :"] if start == 0 else []
    facts = []
    for criterion in shown:
        facts += [criterion.microwork, criterion.freelancing]
        lines.append(
            f"\n{criterion.label}\n– Micro-travail : {render_fact(criterion.microwork)}"
            f"\n– Freelance : {render_fact(criterion.freelancing)}"
        )
    buttons = []
    if start + CRITERIA_PER_PAGE < len(criteria):
        buttons.append(button("Autres critères", "ask_comparison", page=str(page + 1)))
    buttons += [
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
        return comparison_reply(Knowledge(), requested_page(tracker)).send(dispatcher)
