"""The simulation's values have one meaning everywhere: domain.yml, forms.yml, knowledge/ and the code."""

import inspect

import pytest

import actions.simulation.form as simulation_form
from actions.custom_forms import FORMS_CONFIG
from actions.simulation.amounts import Amount
from actions.simulation.answers import PATTERNS
from actions.simulation.compute import ACTIVITIES
from tests.support import domain_dict

DOMAIN = domain_dict()
FORM = FORMS_CONFIG["simulate_income_form"]
QUESTIONS = DOMAIN["forms"]["simulate_income_form"]["required_slots"]
CATEGORICAL = ("sim_activity", "sim_platform", "sim_acre")


def test_the_questions_come_in_the_same_order_everywhere():
    assert list(FORM["slots"]) == QUESTIONS == list(simulation_form.SLOTS) == list(simulation_form.DEFAULTS)


@pytest.mark.parametrize("slot", CATEGORICAL)
def test_each_question_offers_the_values_of_its_domain_slot(slot):
    values = DOMAIN["slots"][slot]["values"]
    assert set(FORM["slots"][slot]["values"]) == set(values), "actions/forms.yml"
    assert simulation_form.DEFAULTS[slot] in values


def test_each_activity_is_read_and_has_its_contribution_rate(store):
    activities = set(DOMAIN["slots"]["sim_activity"]["values"])
    assert set(ACTIVITIES) == activities, "actions/simulation/compute.py"
    assert {value for value, _ in PATTERNS["sim_activity"]} == activities, "actions/simulation/answers.py"
    assert {f"contribution_{activity}" for activity in activities} <= set(store.rates), "knowledge/rates.yml"


def test_each_platform_offered_is_a_platform_of_the_store_with_its_commission(store):
    offered = set(DOMAIN["slots"]["sim_platform"]["values"]) - {"none"}
    assert offered <= set(store.platforms), "knowledge/platforms.yml"
    assert {f"commission_{value}" for value in offered | {"none"}} <= set(store.rates), "knowledge/rates.yml"


def test_each_acre_case_is_read_and_has_its_rate(store):
    cases = set(DOMAIN["slots"]["sim_acre"]["values"])
    assert {value for value, _ in PATTERNS["sim_acre"]} == cases, "actions/simulation/answers.py"
    assert {f"acre_{case}" for case in cases - {"none"}} <= set(store.rates), "knowledge/rates.yml"


def test_the_turnover_buttons_and_default_are_amounts():
    for value in [*FORM["slots"]["sim_turnover"]["values"], simulation_form.DEFAULTS["sim_turnover"]]:
        assert Amount.from_slot(value) is not None, value


def test_the_ask_actions_are_written_out_one_class_per_question():
    declared = [a for a in DOMAIN["actions"] if a.startswith("action_ask_") and a[len("action_ask_") :] in QUESTIONS]
    source = inspect.getsource(simulation_form)
    assert [cls().name() for cls in simulation_form.ASK_ACTIONS] == declared
    for cls in simulation_form.ASK_ACTIONS:
        assert f"class {cls.__name__}(" in source, f"{cls.__name__} is not written in actions/simulation/form.py"
