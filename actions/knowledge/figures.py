"""The rates, amounts and thresholds a French text states (« 25,6 % », « 83 600 € »), spaces normalised."""

from __future__ import annotations

import re
from typing import FrozenSet

FIGURE = re.compile(r"(?<![\d,])\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?[ \u00a0\u202f]?[%€]")
SPACES = re.compile(r"[ \u00a0\u202f]")


def figures_in(text: str) -> FrozenSet[str]:
    """« 83 600 € » and « 83 600€ » alike, as « 83 600 € »."""
    return frozenset(_spaced(f) for f in FIGURE.findall(text))


def _spaced(figure: str) -> str:
    digits, unit = SPACES.sub("", figure[:-1]), figure[-1]
    whole, _, decimals = digits.partition(",")
    grouped = f"{int(whole):,}".replace(",", " ")
    return f"{grouped},{decimals} {unit}" if decimals else f"{grouped} {unit}"
