"""Loaders of the long-tail sections of the store: situations and themes, task-scam signs, dated rates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Dict, Tuple

from actions.knowledge import model as m
from actions.knowledge.reader import Reader


def _exact_keys(reader: Reader, data: Dict[str, Any], entry: str, expected: Tuple[str, ...]) -> None:
    if set(data) != set(expected):
        reader.fail(entry, f"expected exactly {expected}, found {tuple(data)}")


def load_situations(reader: Reader) -> Tuple[Dict[str, m.Topic], Dict[str, m.Topic]]:
    situations, themes = reader.section("situations"), reader.section("themes")
    _exact_keys(reader, situations, "situations", m.SITUATION_IDS)
    _exact_keys(reader, themes, "themes", m.THEME_IDS)
    return (
        {
            sid: m.Topic(
                sid, reader.get(d, "label", sid), reader.aliases(d, "aliases", sid), reader.facts(d, "facts", sid)
            )
            for sid, d in situations.items()
        },
        {
            tid: m.Topic(tid, reader.get(d, "label", tid), (), reader.facts(d, "facts", tid))
            for tid, d in themes.items()
        },
    )


def load_scams(reader: Reader) -> m.ScamGuide:
    signs = []
    for i, data in enumerate(reader.section("signs", list)):
        sid = reader.get(data, "id", f"signs[{i}]")
        cues = reader.aliases(data, "cues", sid)
        if sid != "no_company" and not cues:  # no_company is the absence of a company name, not a word
            reader.fail(sid, "'cues' must list the words that reveal this sign")
        signs.append(
            m.ScamSign(
                sid,
                reader.get(data, "label", sid),
                reader.choice(data, "strength", sid, m.SIGN_STRENGTHS),
                cues,
                reader.facts(data, "facts", sid),
            )
        )
    found = tuple(s.id for s in signs)
    if sorted(found) != sorted(m.SCAM_SIGN_IDS):
        reader.fail("signs", f"expected each of the signs {m.SCAM_SIGN_IDS} once, found {found}")
    ceiling = reader.section("pay_ceiling")
    numbers = {
        key: reader.get(ceiling, key, "pay_ceiling", int)
        for key in ("top_per_hour", "typical_per_hour", "per_simple_task", "simple_task_per_day_floor", "workday_hours")
    }
    if (
        min(numbers.values()) <= 0
        or numbers["workday_hours"] > 24
        or numbers["typical_per_hour"] > numbers["top_per_hour"]
    ):
        reader.fail("pay_ceiling", "rates and 'workday_hours' must be positive, hours at most 24, typical <= top")
    return m.ScamGuide(
        tuple(signs),
        m.PayCeiling(
            **numbers,
            simple_task_cues=reader.aliases(ceiling, "simple_task_cues", "pay_ceiling"),
            freelance_cues=reader.aliases(ceiling, "freelance_cues", "pay_ceiling"),
            facts=reader.facts(ceiling, "facts", "pay_ceiling"),
        ),
        reader.facts(reader.data, "advice", "advice"),
    )


def load_rates(reader: Reader) -> Dict[str, m.Rate]:
    rates = {}
    for rid, data in reader.section("rates").items():
        value = data.get("value") if isinstance(data, dict) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            reader.fail(rid, "'value' must be a number, zero or more (a percentage or an amount in euros)")
        valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
        if not isinstance(valid_from, dt.date) or not isinstance(valid_until, dt.date) or valid_until < valid_from:
            reader.fail(rid, "'valid_from' and 'valid_until' must be ISO dates, the first one not after the second")
        review = reader.choice(data, "review", rid, tuple(m.RATE_REVIEWS))
        unit = reader.choice(data, "unit", rid, m.RATE_UNITS)
        fact = reader.fact(data, rid)
        within = data.get("request_within_days")
        if within is not None and (type(within) is not int or within <= 0 or f"{within} jours" not in fact.text):
            reader.fail(rid, "'request_within_days' must be a whole number of days that its text states")
        fact = replace(fact, valid_from=valid_from, valid_until=valid_until)
        rates[rid] = m.Rate(rid, float(value), unit, valid_from, valid_until, review, fact, within)
    return rates
