"""Reads an amount of euros as French people type it (« 1,8k », « 40 000 par an », « mille cinq cents »)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from actions.knowledge.folding import fold

MONTH, YEAR = "mois", "an"
SMALLEST, LARGEST_PER_MONTH = Decimal(50), Decimal(1_000_000)  # outside: a typo or a joke, asked again
DAYS_PER_MONTH_LIMIT = 31

WORD_VALUES = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}  # fmt: skip
YEARLY = r"par an\b|/ ?an\b|\bannuel|par annee|a l'annee|l'annee|sur l'annee|sur un an|chaque annee|\bpa\b"
MONTHLY = r"par mois|/ ?mois|mensuel|chaque mois|\bmois\b"
# numbers that are not the turnover: dates, hours, percentages, durations
MONTHS = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
NOT_AMOUNTS = (
    rf"\b(1er|\d{{1,2}}) ({MONTHS})( 20\d\d)?|\b({MONTHS}) 20\d\d\b"
    r"|\b(en|avant|apres|depuis|de|des|jusqu'en) 20\d\d\b|\b\d+ ?%|\b\d+ ?(h|heures?)\b|\b\d+ ?(ans|semaines?|mois)\b"
)
NUMBER = r"(?<![\d,.])(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(\d+)|\.(\d{1,2})(?!\d))?( ?k\b| ?mille\b| ?000\b)?"
WEEKLY = r"par semaine|/ ?semaine|\bhebdo"  # weeks in a month would be an assumption: asked again
DAY_RATE = r"\btjm\b|par jour|/ ?j(our)?\b|la journee|\bjournalier"
DAYS = r"(\d{1,2}) ?(jours?|j)\b"


@dataclass(frozen=True)
class Amount:
    """A turnover in euros over a period (month or year)."""

    euros: Decimal
    period: str

    @property
    def slot_value(self) -> str:
        """How the form stores it, e.g. "1800/mois"."""
        text = f"{self.euros:.2f}".rstrip("0").rstrip(".")
        return f"{text}/{self.period}"

    @classmethod
    def from_slot(cls, value: str) -> Optional["Amount"]:
        euros, _, period = (value or "").partition("/")
        try:
            amount = cls(Decimal(euros), period)
        except InvalidOperation:
            return None
        return amount if period in (MONTH, YEAR) and amount.plausible else None

    @property
    def plausible(self) -> bool:
        per_month = self.euros if self.period == MONTH else self.euros / 12
        return SMALLEST <= self.euros and per_month <= LARGEST_PER_MONTH


def _number(match: re.Match) -> Decimal:
    whole, decimals, cents, multiplier = match.groups()
    value = Decimal(re.sub(r"[ .]", "", whole) + "." + (decimals or cents or "0"))
    return value * 1000 if multiplier else value


def _words(text: str) -> Optional[Decimal]:
    """« mille cinq cents » -> 1500; None when the text spells no number."""
    total, current, seen = 0, 0, False
    for word in re.findall(r"[a-z]+", text):
        if word in WORD_VALUES:
            value = WORD_VALUES[word]
            current += 76 if value == 20 and current % 100 == 4 else value  # quatre-vingt: 4 + 76 = 80
            seen = True
        elif word in ("cent", "cents"):
            current, seen = max(current, 1) * 100, True
        elif word == "mille":
            total, current, seen = total + max(current, 1) * 1000, 0, True
        elif seen and word not in ("et", "euros", "euro", "balles"):
            break
    return Decimal(total + current) if seen else None


def parse_amount(text: str) -> Optional[Amount]:
    """The turnover the text states, or None when it states none, a negative or an implausible one."""
    folded = fold(text).replace("\u00a0", " ").replace("\u202f", " ").replace("€", " euros ")
    if re.search(r"(?<![\w])-\s*\d|\bmoins \d", folded):
        return None
    cleaned = re.sub(NOT_AMOUNTS, " ", folded)
    if re.search(WEEKLY, cleaned):
        return None
    if re.search(DAY_RATE, cleaned):  # a day rate counts only with its days per month; without them, asked again
        days = re.search(DAYS, cleaned)
        rate = re.search(NUMBER, re.sub(DAYS, " ", cleaned)) if days else None
        if not (rate and 0 < int(days.group(1)) <= DAYS_PER_MONTH_LIMIT):
            return None
        amount = Amount(_number(rate) * int(days.group(1)), MONTH)
        return amount if amount.plausible else None
    # « 2 000 € par mois toute l'année »: the year is how long, the month is the amount's period
    period = MONTH if re.search(MONTHLY, cleaned) or not re.search(YEARLY, cleaned) else YEAR
    numbers = list(re.finditer(NUMBER, cleaned))
    if len(numbers) > 1:
        return None  # « entre 1 000 et 2 000 » : which one ? asked again
    value = _number(numbers[0]) if numbers else _words(cleaned)
    if value is None:
        return None
    amount = Amount(value, period)
    return amount if amount.plausible else None
