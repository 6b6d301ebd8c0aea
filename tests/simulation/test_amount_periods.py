"""The period of an amount: « par mois » wins over « l'année »; a day or week rate alone is asked again."""

import pytest

from actions.simulation.amounts import parse_amount
from actions.simulation.form import ASK_ACTIONS, ValidateSimulateIncomeForm
from tests.support import make_tracker, slots, text_of


@pytest.mark.parametrize(
    "text, slot_value",
    [
        ("2 000 € par mois toute l'année", "2000/mois"),
        ("1500 par mois sur l'année", "1500/mois"),
        ("1 800 € mensuels, chaque année", "1800/mois"),
        ("30 000 € sur l'année", "30000/an"),
        ("250 € par jour, 10 jours par mois", "2500/mois"),
        ("je me suis lancée en mars 2026 comme graphiste, 1800 € par mois", "1800/mois"),
    ],
)
def test_the_period_is_read(text, slot_value):
    assert parse_amount(text).slot_value == slot_value


@pytest.mark.parametrize(
    "text",
    [
        "250 € par jour",  # how many days ?
        "TJM 400 €",
        "500 € par semaine",  # weeks in a month: an assumption nobody stated
        "800 euros hebdo",
    ],
)
def test_a_rate_per_day_or_per_week_alone_is_asked_again(text):
    assert parse_amount(text) is None


def test_a_day_rate_without_its_days_is_asked_again_with_an_example_that_gives_them(run_action):
    values = {"requested_slot": "sim_turnover", "active_loop": "simulate_income_form", "simulation_failures": 0}
    _, events = run_action(ValidateSimulateIncomeForm(), make_tracker("250 € par jour", "inform", slots=values))
    assert "sim_turnover" not in slots(events) and slots(events)["simulation_failures"] == 1
    ask = next(cls() for cls in ASK_ACTIONS if cls().name() == "action_ask_sim_turnover")
    messages, _ = run_action(ask, make_tracker("250 € par jour", "inform", slots={**values, **slots(events)}))
    assert "« 300 € par jour, 8 jours par mois »" in text_of(messages)
