"""« 6 h par semaine de micro-travail, ça rapporte combien ? »: a range from the published pay figures."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional, Tuple

from actions.buttons import button
from actions.knowledge.folding import fold
from actions.knowledge.queries import Knowledge
from actions.replies import Reply

PAY_FIGURES = (
    "microwork_median_hara_2018",
    "microwork_mean_ilo_2018",
    "microwork_floor_prolific_2023",
    "microwork_mean_prolific_2023",
)
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
HOURS = r"(\d{1,3}(?:[.,]\d)?) ?(?:h|heures?)\b(?: ?(?:par|/|chaque|a la|dans la|la) ?(semaine|sem|mois))?"
MAX_HOURS_PER_WEEK = 80


def parse_hours(text: str) -> Optional[Tuple[Decimal, str]]:
    """(hours, "semaine" | "mois") the text states, or None; a week when no period is said."""
    match = re.search(HOURS, fold(text))
    if not match:
        return None
    hours = Decimal(match.group(1).replace(",", "."))
    period = "mois" if match.group(2) == "mois" else "semaine"
    weekly = hours if period == "semaine" else hours / WEEKS_PER_MONTH
    return (hours, period) if 0 < weekly <= MAX_HOURS_PER_WEEK else None


def _number(value: Decimal) -> str:
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}".replace(",", " ")


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def microwork_earnings_reply(knowledge: Knowledge, hours: Decimal, period: str) -> Reply:
    """What those hours would pay at each published hourly figure, per month, with the assumption spelled out."""
    monthly_hours = hours * WEEKS_PER_MONTH if period == "semaine" else hours
    rates = [knowledge.store.rates[rid] for rid in PAY_FIGURES]
    lines = [
        f"Pour {_hours(hours)} h par {period} de micro-travail (environ {_number(monthly_hours)} h par mois), "
        "au tarif des heures payées :"
    ]
    lines += [
        f"• {rate.fact.text}, soit environ {_number(Decimal(str(rate.value)) * monthly_hours)} $ par mois"
        for rate in rates
    ]
    lines.append(
        "Hypothèse : toutes ces heures sont payées ; le temps passé à chercher des tâches ne l'est pas et baisse "
        "le revenu réel. En dollars US des années indiquées, avant cotisations et impôts."
    )
    buttons = [
        button("Plateformes de micro-travail", "ask_platforms", concept="microwork"),
        button("Simuler mes revenus", "simulate_income"),
        button("D'où viennent ces chiffres ?", "ask_source"),
    ]
    return Reply("\n".join(lines), buttons, [r.fact for r in rates], "income", {"concept": "microwork"})
