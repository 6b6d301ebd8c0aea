"""ACRE is applied only when the person speaks of it, or answers the ACRE question: never read from a date alone."""

import pytest

from actions.simulation.form import ValidateSimulateIncomeForm
from tests.support import make_tracker, slots


def first_message(text):
    return make_tracker(text, "simulate_income", slots={"active_loop": "simulate_income_form"})


@pytest.mark.parametrize(
    "text",
    [
        "créée en 2025, je facture 2000 € par mois en conseil",
        "combien de cotisations sur 1 200 € en 2027 ?",
        "je vais créer ma micro-entreprise, combien il me restera sur 1500 € par mois ?",
        "je me suis lancée en mars 2026 comme graphiste, 1800 € par mois",
    ],
)
def test_a_date_without_acre_leaves_the_acre_question_to_ask(run_action, text):
    _, events = run_action(ValidateSimulateIncomeForm(), first_message(text))
    assert "sim_acre" not in slots(events)


@pytest.mark.parametrize(
    "text, value",
    [
        ("j'ai l'ACRE, créée en mars 2026, 1800 € par mois", "before_july_2026"),
        ("avec l'acre, je vais créer ma micro-entreprise, 1500 € par mois", "from_july_2026"),
        ("sans ACRE, 2000 € par mois en conseil", "none"),
    ],
)
def test_a_message_that_names_acre_fills_it(run_action, text, value):
    _, events = run_action(ValidateSimulateIncomeForm(), first_message(text))
    assert slots(events)["sim_acre"] == value


def test_the_answer_to_the_acre_question_needs_no_acre_word(run_action):
    tracker = make_tracker(
        "créée en 2025",
        "inform",
        slots={"requested_slot": "sim_acre", "active_loop": "simulate_income_form", "simulation_failures": 0},
    )
    _, events = run_action(ValidateSimulateIncomeForm(), tracker)
    assert slots(events)["sim_acre"] == "before_july_2026"
