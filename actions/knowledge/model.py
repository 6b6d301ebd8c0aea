"""Typed records of the comparison knowledge store (what the loader returns)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

CONCEPT_IDS = ("microwork", "freelancing")
FACT_STATUSES = ("verified", "secondary", "unverified")
PLATFORM_STATES = ("active", "closing", "historical")
AVAILABILITY = ("yes", "no", "varies", "unknown")
COMMISSION = ("none", "some", "unknown")
BARRIERS = ("low", "medium", "high")
LEVELS = ("low", "moderate", "high")
FILTER_IDS = ("french", "no_commission", "france")  # each one is a test in Knowledge.platforms
SITUATION_IDS = (
    "student",
    "employee",
    "job_seeker",
    "retiree",
    "rsa_recipient",
    "minor",
    "foreign_resident",
    "sick_leave",
)
THEME_IDS = ("ai_microwork", "research")
SCAM_SIGN_IDS = ("unsolicited_contact", "unrealistic_pay", "pay_to_work", "crypto", "test_mission", "no_company")
SIGN_STRENGTHS = ("strong", "moderate")
RATE_UNITS = ("percent", "euros", "dollars per hour")
# how often a figure of this kind must be re-checked, in days; a published measurement (its year in its text)
# does not go stale
RATE_REVIEWS = {"yearly": 365, "6 months": 182, "fixed": None}


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: Optional[str] = None
    seed: Optional[str] = None

    @property
    def reference(self) -> str:
        """Where a reader can check it: the URL, or the seed article."""
        return self.url or f"article de référence « {self.title} »"


@dataclass(frozen=True)
class Fact:
    text: str
    sources: Tuple[str, ...]
    checked: dt.date
    status: str
    figures: Tuple[str, ...] = ()  # the rates (rates.yml) whose figures it states
    valid_from: Optional[dt.date] = None  # the period its figures apply to, from those rates
    valid_until: Optional[dt.date] = None

    @property
    def uncertain(self) -> bool:
        return self.status == "unverified"

    def outdated_on(self, day: dt.date) -> bool:
        """Its figures are those of a period that has ended."""
        return self.valid_until is not None and day > self.valid_until


@dataclass(frozen=True)
class Level:
    level: str
    facts: Tuple[Fact, ...]


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    label: str
    aliases: Tuple[str, ...]
    definition: Tuple[Fact, ...]
    characteristics: Tuple[Fact, ...]
    advantages: Tuple[Fact, ...]
    drawbacks: Tuple[Fact, ...]
    skills: Tuple[Fact, ...]
    income: Tuple[Fact, ...]
    flexibility: Level
    independence: Level
    long_term: Tuple[Fact, ...]


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    microwork: Fact
    freelancing: Fact


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    aliases: Tuple[str, ...]
    ambiguous_aliases: Tuple[str, ...]  # also ordinary words (« codeur »): the platform only in context
    kind: str
    state: str
    website: str
    origin: str
    french_speaking: Optional[bool]  # None: the store has no confirmed interface language
    available_in_france: str
    worker_commission: str
    entry_barrier: str
    tasks: Tuple[Fact, ...]
    fees: Tuple[Fact, ...]
    payment: Tuple[Fact, ...]
    availability: Tuple[Fact, ...]
    entry: Tuple[Fact, ...]
    notes: Tuple[Fact, ...]


@dataclass(frozen=True)
class PlatformFilter:
    """A way to narrow the list of platforms (« en français »), and the words that ask for it."""

    id: str
    label: str
    aliases: Tuple[str, ...]


@dataclass(frozen=True)
class ChoiceCriterion:
    """One question of the guided choice, with the score each answer gives."""

    slot: str
    label: str  # how the recommendation chart names it
    values: Tuple[str, ...]
    default: str
    weights: Dict[str, Dict[str, int]]
    explanations: Dict[str, Fact]


@dataclass(frozen=True)
class ChoiceModel:
    criteria: Tuple[ChoiceCriterion, ...]
    mixed_margin: int
    next_steps: Dict[str, Tuple[Fact, ...]]
    mixed_summary: Fact


@dataclass(frozen=True)
class Topic:
    """A subject answered by a list of facts: a legal topic, a user's situation (« étudiant ») or a theme."""

    id: str
    label: str
    aliases: Tuple[str, ...]
    facts: Tuple[Fact, ...]


LegalTopic = Topic


@dataclass(frozen=True)
class ScamSign:
    """A warning sign of a task scam and the words that betray it in a pasted offer."""

    id: str
    label: str
    strength: str
    cues: Tuple[str, ...]
    facts: Tuple[Fact, ...]


@dataclass(frozen=True)
class PayCeiling:
    """The real rates the store holds, to judge a promised pay (knowledge/scams.yml says how)."""

    top_per_hour: int
    typical_per_hour: int
    per_simple_task: int
    simple_task_per_day_floor: int
    workday_hours: int
    simple_task_cues: Tuple[str, ...]
    freelance_cues: Tuple[str, ...]
    facts: Tuple[Fact, ...]


@dataclass(frozen=True)
class ScamGuide:
    signs: Tuple[ScamSign, ...]
    pay_ceiling: PayCeiling
    advice: Tuple[Fact, ...]


@dataclass(frozen=True)
class Rate:
    """A figure the simulations compute with, the period it applies to, and the fact the bot shows for it."""

    id: str
    value: float
    unit: str
    valid_from: dt.date
    valid_until: dt.date
    review: str
    fact: Fact
    request_within_days: Optional[int] = None  # a deadline to ask for it (ACRE), when its fact gives one

    def applies_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_until

    def review_due(self, day: dt.date) -> bool:
        """Past its period, or not re-checked for longer than its kind allows."""
        days = RATE_REVIEWS[self.review]
        return days is not None and (day > self.valid_until or (day - self.fact.checked).days > days)


@dataclass
class Store:
    sources: Dict[str, Source]
    concepts: Dict[str, Concept]
    comparison: List[Criterion]
    platforms: Dict[str, Platform]
    legal: Dict[str, LegalTopic]
    getting_started: Dict[str, Tuple[Fact, ...]]
    choice: Optional[ChoiceModel] = None
    filters: Dict[str, PlatformFilter] = field(default_factory=dict)
    alias_index: Dict[str, str] = field(default_factory=dict)
    situations: Dict[str, Topic] = field(default_factory=dict)
    themes: Dict[str, Topic] = field(default_factory=dict)
    scams: Optional[ScamGuide] = None
    rates: Dict[str, Rate] = field(default_factory=dict)
    official_simulator: Optional[Fact] = None
