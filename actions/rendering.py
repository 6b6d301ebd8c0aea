"""Facts as the user reads them: uncertain facts and figures of an ended period flagged, lists as bullets."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from actions import clock
from actions.knowledge.model import Fact

UNCERTAIN_MARK = " (information à vérifier)"
MAX_BULLETS = 6
BARRIER_WORDS = {"low": "faible", "medium": "moyenne", "high": "élevée"}  # a platform's entry barrier
OUTDATED_MARK = " (chiffre de la période précédente, jusqu'au {until} : vérifiez-le sur le site officiel)"


def render_fact(fact: Fact, today: Optional[dt.date] = None) -> str:
    """A fact as the user reads it; uncertain facts say so, and so do figures whose period has ended."""
    text = fact.text
    if fact.uncertain and UNCERTAIN_MARK.strip() not in text:
        text += UNCERTAIN_MARK
    if fact.outdated_on(today or clock.today()):
        text += OUTDATED_MARK.format(until=f"{fact.valid_until:%d/%m/%Y}")
    return text


def bullets(facts: Iterable[Fact], limit: int = MAX_BULLETS) -> str:
    return "\n".join(f"• {render_fact(f)}" for f in list(facts)[:limit])
