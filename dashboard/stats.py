"""The dashboard's figures, computed from tracker events in one pass (no sender id leaves this module)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Collection, Dict, Iterable, List, Set, Tuple

from actions.custom_forms import FORMS_CONFIG
from dashboard.events import Row

NOT_UNDERSTOOD_INTENTS = ("nlu_fallback", "out_of_scope")
DONT_KNOW_INTENT = "dont_know"
CHOICE_START = "action_reset_choice"
CHOICE_END = "action_recommend"
SIMULATION_RESULT = "action_simulate_income"  # once per simulation: the form's steps and resets are not counted
JSON_SLOTS = ("last_sources", "last_feedback")  # slots whose value is a list or a mapping
CHOICE_QUESTIONS = tuple(FORMS_CONFIG["choice_form"]["slots"])  # the guided choice's questions, in order
EXTERNAL_PREFIX = "EXTERNAL: "  # the text Rasa gives an external intent (rasa.shared.core.events)


@dataclass
class Stats:
    """Everything the dashboard shows, for one period."""

    conversations_per_day: Dict[str, Dict[str, int]] = field(default_factory=lambda: defaultdict(Counter))
    messages_per_day: Dict[str, Dict[str, int]] = field(default_factory=lambda: defaultdict(Counter))
    channels: Counter = field(default_factory=Counter)
    new_users: int = 0
    returning_users: int = 0
    intents: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    not_understood_per_day: Counter = field(default_factory=Counter)
    dont_know_per_day: Counter = field(default_factory=Counter)
    not_understood: List[str] = field(default_factory=list)
    funnel: Dict[str, int] = field(default_factory=dict)
    recommendations: Counter = field(default_factory=Counter)
    simulations: int = 0
    feedback_per_day: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    useless_answers: Counter = field(default_factory=Counter)
    sources_cited: Counter = field(default_factory=Counter)

    @property
    def messages(self) -> int:
        return sum(sum(day.values()) for day in self.messages_per_day.values())

    @property
    def conversations(self) -> int:
        return sum(sum(day.values()) for day in self.conversations_per_day.values())

    @property
    def not_understood_rate(self) -> float:
        return sum(self.not_understood_per_day.values()) / self.messages if self.messages else 0.0

    @property
    def dont_know_rate(self) -> float:
        return sum(self.dont_know_per_day.values()) / self.messages if self.messages else 0.0

    @property
    def feedback(self) -> Counter:
        return sum(self.feedback_per_day.values(), Counter())


_DAYS: Dict[int, str] = {}


def _day(timestamp: float) -> str:
    """The UTC date of a timestamp, as 2026-12-01 (cached: a report sees few distinct days)."""
    number = int(timestamp // 86400)
    if number not in _DAYS:
        _DAYS[number] = dt.datetime.fromtimestamp(number * 86400, dt.timezone.utc).date().isoformat()
    return _DAYS[number]


def compute(rows: Iterable[Row], wrote_before: Collection[str] = ()) -> Stats:
    """The figures of a stream of events (oldest first); `wrote_before`: the senders who wrote before the period,
    returning users even when the period holds only one day of theirs."""
    stats = Stats()
    channel_of: Dict[str, str] = {}
    conversation_days: Set[Tuple[str, str]] = set()  # (sender, day): a conversation is a sender's day of talk
    days_of: Dict[str, Set[str]] = defaultdict(set)
    reached: Dict[str, Set[str]] = defaultdict(set)  # funnel steps reached, per sender
    for row in rows:
        day = _day(row.timestamp)
        if row.type_name == "user" and (row.text or "").startswith(EXTERNAL_PREFIX):
            continue  # sent by the channel to Rasa (an adviser handoff's steps), not by a person
        if row.type_name == "user":
            channel = row.channel or "inconnu"
            channel_of[row.sender_id] = channel
            stats.messages_per_day[day][channel] += 1
            if (row.sender_id, day) not in conversation_days:
                conversation_days.add((row.sender_id, day))
                stats.conversations_per_day[day][channel] += 1
            days_of[row.sender_id].add(day)
            intent = row.intent_name or "inconnu"
            stats.intents[intent] += 1
            if intent in NOT_UNDERSTOOD_INTENTS:
                stats.not_understood_per_day[day] += 1
                stats.not_understood.append(row.text or "")
            elif intent == DONT_KNOW_INTENT:
                stats.dont_know_per_day[day] += 1
        elif row.type_name == "action":
            name = row.action_name or ""
            if name == CHOICE_START:
                reached[row.sender_id] = {"started"}
            elif name == CHOICE_END and "started" in reached[row.sender_id]:
                reached[row.sender_id].add("recommendation")
            elif name == SIMULATION_RESULT:
                stats.simulations += 1
        elif row.type_name == "slot":
            _slot(stats, row, day, reached[row.sender_id])
    for sender, days in days_of.items():
        returning = len(days) > 1 or sender in wrote_before
        stats.returning_users += returning
        stats.new_users += not returning
    stats.channels = Counter(channel_of.values())
    steps = ("started",) + CHOICE_QUESTIONS + ("recommendation",)
    stats.funnel = {step: sum(step in r for r in reached.values()) for step in steps}
    return stats


def _slot(stats: Stats, row: Row, day: str, reached: Set[str]) -> None:
    name, value = row.slot, row.value
    if value is None:
        return
    if name in JSON_SLOTS:
        value = json.loads(value)
    if name == "last_topic":
        stats.topics[value] += 1
    elif name == "recommendation":
        stats.recommendations[value] += 1
    elif name == "last_sources" and isinstance(value, list):
        stats.sources_cited.update(v for v in value if isinstance(v, str))
    elif name == "last_feedback" and isinstance(value, dict):
        rating = value.get("rating")
        stats.feedback_per_day[day][rating] += 1
        if rating == "useless":
            stats.useless_answers[value.get("answer") or "inconnu"] += 1
    elif name in CHOICE_QUESTIONS and "started" in reached:
        reached.add(name)


def abandons(funnel: Dict[str, int]) -> List[Tuple[str, int]]:
    """How many left at each step: those who reached it minus those who reached the next one."""
    steps = list(funnel)
    return [(step, funnel[step] - funnel[following]) for step, following in zip(steps, steps[1:])]
