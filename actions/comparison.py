"""The side-by-side comparison of micro-travail and freelance, criterion by criterion."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Reply, button, render_fact
from actions.knowledge.queries import Knowledge

HIGHLIGHTED = ("nature", "skills", "flexibility", "independence", "income", "long_term")


def comparison_reply(knowledge: Knowledge, criterion_id: Optional[str] = None) -> Reply:
    """The main comparison rows; each row gives the micro-travail side then the freelance side."""
    criteria = [c for c in knowledge.comparison() if c.id in HIGHLIGHTED] or knowledge.comparison()
    if criterion_id:
        criteria = [c for c in criteria if c.id == criterion_id] or criteria
    lines, facts = ["Micro-travail ou freelance, critère par critère :"], []
    for criterion in criteria:
        facts += [criterion.microwork, criterion.freelancing]
        lines.append(
            f"\n{criterion.label}\n– Micro-travail : {render_fact(criterion.microwork)}"
            f"\n– Freelance : {render_fact(criterion.freelancing)}"
        )
    buttons = [
        button("Aidez-moi à choisir", "help_me_choose"),
        button("Plateformes de micro-travail", "ask_platforms", concept="microwork"),
        button("Plateformes de freelance", "ask_platforms", concept="freelancing"),
    ]
    return Reply("\n".join(lines), buttons, facts, "comparison")


class ActionCompare(Action):
    """Answers ask_comparison."""

    def name(self) -> Text:
        return "action_compare"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        return comparison_reply(Knowledge()).send(dispatcher)
