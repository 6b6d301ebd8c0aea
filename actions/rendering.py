"""Facts as the user reads them: uncertain facts flagged, lists as bullets."""

from __future__ import annotations

from typing import Iterable

from actions.knowledge.model import Fact

UNCERTAIN_MARK = " (information à vérifier)"
MAX_BULLETS = 6
BARRIER_WORDS = {"low": "faible", "medium": "moyenne", "high": "élevée"}  # a platform's entry barrier


def render_fact(fact: Fact) -> str:
    """A fact as the user reads it; uncertain facts say so."""
    text = fact.text
    return text + UNCERTAIN_MARK if fact.uncertain and UNCERTAIN_MARK.strip() not in text else text


def bullets(facts: Iterable[Fact], limit: int = MAX_BULLETS) -> str:
    return "\n".join(f"• {render_fact(f)}" for f in list(facts)[:limit])
