"""« 6 h par semaine de micro-travail, ça rapporte combien ? »: a range from the published pay figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

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
HOURS = (
    r"(\d{1,3}(?:[.,]\d)?) ?(?:h|heures?)\b"
    r"(?: ?(?:par|/|chaque|a la|dans la|dans le|la|le|au|en un) ?(semaine|sem|mois|jour|j)\b)?"
)
DAYS_PER_WEEK = r"\b([1-7]) ?(?:jours?|j)\b ?(?:par|/|dans la|la) ?semaine"
ASSUMED_DAYS_PER_WEEK = 5  # said in the answer, with how to give one's own
MAX_HOURS_PER_WEEK = 80


@dataclass(frozen=True)
class Hours:
    """Hours of micro-work as said: per week, per month, or per day (with the days per week, stated or assumed)."""

    hours: Decimal
    period: str
    days_per_week: Optional[int] = None

    @property
    def weekly(self) -> Decimal:
        if self.period == "jour":
            return self.hours * (self.days_per_week or ASSUMED_DAYS_PER_WEEK)
        return self.hours if self.period == "semaine" else self.hours / WEEKS_PER_MONTH

    @property
    def monthly(self) -> Decimal:
        return self.hours if self.period == "mois" else self.weekly * WEEKS_PER_MONTH


def parse_hours(text: str) -> Optional[Hours]:
    """The hours the text states, or None; a week when no period is said."""
    folded = fold(text)
    match = re.search(HOURS, folded)
    if not match:
        return None
    hours = Decimal(match.group(1).replace(",", "."))
    period = {"mois": "mois", "jour": "jour", "j": "jour"}.get(match.group(2) or "", "semaine")
    days = re.search(DAYS_PER_WEEK, folded) if period == "jour" else None
    said = Hours(hours, period, int(days.group(1)) if days else None)
    return said if 0 < said.weekly <= MAX_HOURS_PER_WEEK else None


def _number(value: Decimal) -> str:
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}".replace(",", " ")


def _hours(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _said(hours: Hours) -> str:
    """« 6 h par semaine de micro-travail »; per day, the days counted (the answer is then at its longest)."""
    if hours.period != "jour":
        return f"{_hours(hours.hours)} h par {hours.period} de micro-travail"
    days = hours.days_per_week or ASSUMED_DAYS_PER_WEEK
    counted = "" if hours.days_per_week else "en comptant "
    return f"{_hours(hours.hours)} h par jour, {counted}{days} jour{'s' if days > 1 else ''} par semaine"


def microwork_earnings_reply(knowledge: Knowledge, hours: Hours) -> Reply:
    """What those hours would pay at each published hourly figure, per month, with the assumption spelled out."""
    monthly_hours = hours.monthly
    rates = [knowledge.store.rates[rid] for rid in PAY_FIGURES]
    lines = [f"Pour {_said(hours)} (environ {_number(monthly_hours)} h par mois), au tarif des heures payées :"]
    lines += [
        f"• {rate.fact.text}, soit environ {_number(Decimal(str(rate.value)) * monthly_hours)} $ par mois"
        for rate in rates
    ]
    lowers = "" if hours.period == "jour" else " et baisse le revenu réel"  # per day: 700 characters at most
    lines.append(
        f"Hypothèse : toutes ces heures sont payées ; le temps passé à chercher des tâches ne l'est pas{lowers}. "
        "En dollars US des années indiquées, avant cotisations et impôts."
    )
    buttons = [
        button("Plateformes de micro-travail", "ask_platforms", concept="microwork"),
        button("Simuler mes revenus", "simulate_income"),
        button("D'où viennent ces chiffres ?", "ask_source"),
    ]
    return Reply("\n".join(lines), buttons, [r.fact for r in rates], "income", {"concept": "microwork"})
