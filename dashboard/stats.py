"""The dashboard's figures, computed from tracker events in one pass (no sender id leaves this module)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Collection, Dict, Iterable, List, Optional, Set, Tuple

from actions.custom_forms import FORMS_CONFIG
from dashboard.events import Row

NOT_UNDERSTOOD_INTENTS = ("nlu_fallback", "out_of_scope")  # then actions/search.py looks for an answer
DONT_KNOW_INTENT = "dont_know"  # the user's answer to a question of a questionnaire
TURN_SLOTS = ("search_answered", "knowledge_gap", "last_sources")  # what an answer said of the message before it
TRUE = (1, "true")  # a JSON true as SQLite's json_extract (1) and PostgreSQL's ->> ("true") give it
CHOICE_START = "action_reset_choice"
CHOICE_END = "action_recommend"
SIMULATION_RESULT = "action_simulate_income"  # once per simulation: the form's steps and resets are not counted
JSON_SLOTS = ("last_feedback",)  # slots whose value is a mapping
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
    not_understood_per_day: Counter = field(default_factory=Counter)  # no intent, and the search did not answer
    bot_dont_know_per_day: Counter = field(default_factory=Counter)  # the search's honest « je ne sais pas »
    searched_per_day: Counter = field(default_factory=Counter)  # no intent, but the search answered from the store
    dont_know_per_day: Counter = field(default_factory=Counter)  # the users' « je ne sais pas » to questionnaires
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
        return self.rate(self.not_understood_per_day)

    @property
    def dont_know_rate(self) -> float:
        return self.rate(self.dont_know_per_day)

    def rate(self, per_day: Counter) -> float:
        """A daily count's total as a share of the period's messages."""
        return sum(per_day.values()) / self.messages if self.messages else 0.0

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


@dataclass
class _Turn:
    """A sender's last message that no intent answered, and what the action since then said: read when the sender's
    next action or message comes, so that the order of one action's events does not matter."""

    question: Optional[Tuple[str, str]] = None  # (day, text) of the message, until an answer settles it
    answered: Optional[bool] = None  # search_answered, set by actions/search.py
    gap: bool = False  # knowledge_gap: the answer was the honest « je ne sais pas »
    sources: Optional[list] = None  # last_sources of the action

    def close(self, stats: Stats, by_message: bool) -> None:
        """Counts the action's sources (not the official service of an honest answer) and settles the question
        once the search has answered it, or when a new message shows no answer came."""
        if self.sources and not self.gap:
            stats.sources_cited.update(v for v in self.sources if isinstance(v, str))
        if self.question and (by_message or self.answered is not None):
            day, text = self.question
            if self.answered and self.gap:
                stats.bot_dont_know_per_day[day] += 1
            elif self.answered:
                stats.searched_per_day[day] += 1
            else:
                stats.not_understood_per_day[day] += 1
                stats.not_understood.append(text)
            self.question = None
        self.answered, self.gap, self.sources = None, False, None


def compute(rows: Iterable[Row], wrote_before: Collection[str] = ()) -> Stats:
    """The figures of a stream of events (oldest first); `wrote_before`: the senders who wrote before the period,
    returning users even when the period holds only one day of theirs."""
    stats = Stats()
    channel_of: Dict[str, str] = {}
    conversation_days: Set[Tuple[str, str]] = set()  # (sender, day): a conversation is a sender's day of talk
    days_of: Dict[str, Set[str]] = defaultdict(set)
    reached: Dict[str, Set[str]] = defaultdict(set)  # funnel steps reached, per sender
    turns: Dict[str, _Turn] = {}
    for sender, kind, timestamp, intent, action, channel, text, slot, value in rows:
        if kind == "action":
            turn = turns.get(sender)
            if turn:
                turn.close(stats, by_message=False)
            if action == CHOICE_START:
                reached[sender] = {"started"}
            elif action == CHOICE_END and "started" in reached[sender]:
                reached[sender].add("recommendation")
            elif action == SIMULATION_RESULT:
                stats.simulations += 1
            continue
        day = _day(timestamp)
        if kind == "user":
            if text and text.startswith(EXTERNAL_PREFIX):
                continue  # sent by the channel to Rasa (an adviser handoff's steps), not by a person
            channel = channel or "inconnu"
            channel_of[sender] = channel
            stats.messages_per_day[day][channel] += 1
            if (sender, day) not in conversation_days:
                conversation_days.add((sender, day))
                stats.conversations_per_day[day][channel] += 1
            days_of[sender].add(day)
            intent = intent or "inconnu"
            stats.intents[intent] += 1
            turn = turns.get(sender)
            if turn:
                turn.close(stats, by_message=True)
            if intent in NOT_UNDERSTOOD_INTENTS:
                turns[sender] = _Turn(question=(day, text or ""))
            elif intent == DONT_KNOW_INTENT:
                stats.dont_know_per_day[day] += 1
        elif kind == "slot" and slot in TURN_SLOTS:
            _turn_slot(turns.setdefault(sender, _Turn()), slot, value)
        elif kind == "slot" and value is not None:
            _slot(stats, slot, value, day, reached[sender])
    for turn in turns.values():
        turn.close(stats, by_message=True)
    for sender, days in days_of.items():
        returning = len(days) > 1 or sender in wrote_before
        stats.returning_users += returning
        stats.new_users += not returning
    stats.channels = Counter(channel_of.values())
    steps = ("started",) + CHOICE_QUESTIONS + ("recommendation",)
    stats.funnel = {step: sum(step in r for r in reached.values()) for step in steps}
    return stats


def _turn_slot(turn: _Turn, name: str, value: Any) -> None:
    if name == "search_answered":
        turn.answered = value in TRUE
    elif name == "knowledge_gap":
        turn.gap = value in TRUE
    elif value is not None:
        sources = json.loads(value)
        turn.sources = sources if isinstance(sources, list) else None


def _slot(stats: Stats, name: str, value: Any, day: str, reached: Set[str]) -> None:
    if name in JSON_SLOTS:
        value = json.loads(value)
    if name == "last_topic":
        stats.topics[value] += 1
    elif name == "recommendation":
        stats.recommendations[value] += 1
    elif name == "last_feedback" and isinstance(value, dict):
        rating = value.get("rating")
        stats.feedback_per_day[day][rating] += 1
        if rating == "useless":
            stats.useless_answers[value.get("answer") or "inconnu"] += 1
    elif name in CHOICE_QUESTIONS and "started" in reached:
        reached.add(name)


def abandons(funnel: Dict[str, int]) -> List[Tuple[str, int]]:
    """How many stopped at each question (and before the recommendation): those who reached the step before it
    minus those who answered it."""
    steps = list(funnel)
    return [(following, funnel[step] - funnel[following]) for step, following in zip(steps, steps[1:])]
