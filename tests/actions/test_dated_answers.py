"""Answers stating a dated figure (rates, ceilings, platform fees) warn once its period has ended (frozen clock),
and still give the figure."""

import datetime as dt

import pytest

from actions import clock
from actions.legal import ActionLegalStatus
from actions.platforms import ActionPlatformInfo
from tests.support import make_tracker, text_of

RATES_QUESTION = "quel taux de cotisations en micro-entreprise ?"
PREVIOUS = "période précédente, jusqu'au 31/12/2026 : à vérifier sur le site officiel"


@pytest.fixture
def frozen(monkeypatch):
    def freeze(day):
        monkeypatch.setattr(clock, "today", lambda: day)

    return freeze


def rates_answer(run_action):
    tracker = make_tracker(
        RATES_QUESTION,
        "ask_legal_status",
        entities=[("legal_topic", "micro_entreprise")],
    )
    messages, _ = run_action(ActionLegalStatus(), tracker)
    return text_of(messages)


def line_with(text, figure):
    return next(line for line in text.splitlines() if figure in line)


def test_within_the_period_the_rates_are_given_without_a_warning(run_action, frozen):
    frozen(dt.date(2026, 12, 1))
    text = rates_answer(run_action)
    assert "25,6 %" in text
    assert "période précédente" not in text


def test_past_the_period_the_rates_are_still_given_as_the_previous_period_s(run_action, frozen):
    frozen(dt.date(2027, 1, 15))
    text = rates_answer(run_action)
    assert PREVIOUS in line_with(text, "25,6 %")
    assert PREVIOUS in line_with(text, "21,2 %")


def test_a_ceiling_valid_until_2028_is_not_flagged_in_2027(run_action, frozen):
    frozen(dt.date(2027, 1, 15))
    tracker = make_tracker(
        "quel est le plafond de chiffre d'affaires en micro-entreprise ?",
        "ask_legal_status",
        entities=[("legal_topic", "micro_entreprise")],
    )
    messages, _ = run_action(ActionLegalStatus(), tracker)
    assert "période précédente" not in line_with(text_of(messages), "83 600 €")


@pytest.mark.parametrize(("day", "flagged"), [(dt.date(2027, 5, 24), False), (dt.date(2027, 5, 25), True)])
def test_a_platform_fee_is_flagged_after_its_review_window(run_action, frozen, day, flagged):
    frozen(day)
    tracker = make_tracker(
        "combien prend malt ?",
        "ask_platform_info",
        entities=[("platform", "malt"), ("aspect", "fees")],
    )
    messages, _ = run_action(ActionPlatformInfo(), tracker)
    fee_line = line_with(text_of(messages), "10 % HT")
    assert ("période précédente, jusqu'au 24/05/2027" in fee_line) is flagged
