"""Which facts of the store are due for a re-check: rates past their period or review delay, fees, legal rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List

from actions.knowledge import model as m


@dataclass(frozen=True)
class Due:
    kind: str  # what the figure is, and how often it is re-checked
    entry: str  # where it is in the store
    fact: m.Fact
    reason: str


def _stale(fact: m.Fact, review: str, today: dt.date) -> bool:
    return (today - fact.checked).days > m.RATE_REVIEWS[review]


def due_for_review(store: m.Store, today: dt.date) -> List[Due]:
    """Rates (their own review delay), platform fees (every 6 months), legal rules (yearly), oldest first."""
    due = []
    for rate in store.rates.values():
        if rate.review_due(today):
            reason = (
                f"période terminée le {rate.valid_until:%d/%m/%Y}"
                if today > rate.valid_until
                else f"vérifié le {rate.fact.checked:%d/%m/%Y}, à revoir ({rate.review})"
            )
            due.append(Due(f"taux et seuils ({rate.review})", f"rates.yml: {rate.id}", rate.fact, reason))
    for platform in store.platforms.values():
        for i, fact in enumerate(platform.fees):
            if _stale(fact, "6 months", today):
                reason = f"vérifié le {fact.checked:%d/%m/%Y}, à revoir (6 months)"
                due.append(
                    Due("frais des plateformes (6 months)", f"platforms.yml: {platform.id}.fees[{i}]", fact, reason)
                )
    for topic in store.legal.values():
        for i, fact in enumerate(topic.facts):
            if _stale(fact, "yearly", today):
                reason = f"vérifié le {fact.checked:%d/%m/%Y}, à revoir (yearly)"
                due.append(Due("règles légales (yearly)", f"legal.yml: {topic.id}.facts[{i}]", fact, reason))
    return sorted(due, key=lambda d: (d.kind, d.fact.checked, d.entry))
