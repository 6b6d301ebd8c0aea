"""The guided-choice values have one meaning everywhere: domain.yml, forms.yml, choice.yml and the parser."""

from pathlib import Path

import pytest

from actions.answer_parsing import PATTERNS
from actions.custom_forms import FORMS_CONFIG
from actions.knowledge.model import CONCEPT_IDS
from actions.recommendation import PLATFORM_MIX, RESULT_TITLES
from tests.support import domain_dict

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = domain_dict()
FORM = FORMS_CONFIG["choice_form"]
QUESTIONS = DOMAIN["forms"]["choice_form"]["required_slots"]


def test_the_questions_come_in_the_same_order_everywhere(store):
    assert list(FORM["slots"]) == QUESTIONS
    assert [c.slot for c in store.choice.criteria] == QUESTIONS
    assert list(PATTERNS) == QUESTIONS


@pytest.mark.parametrize("slot", QUESTIONS)
def test_each_question_has_the_values_of_its_domain_slot(store, slot):
    values = set(DOMAIN["slots"][slot]["values"])
    criterion = next(c for c in store.choice.criteria if c.slot == slot)
    assert set(FORM["slots"][slot]["values"]) == values, "actions/forms.yml"
    assert set(criterion.values) == values, "knowledge/choice.yml"
    assert {value for value, _ in PATTERNS[slot]} == values, "actions/answer_parsing.py"


def test_the_recommendation_has_the_values_of_its_domain_slot(store):
    values = set(DOMAIN["slots"]["recommendation"]["values"])
    assert set(CONCEPT_IDS) | {"mixed"} == values
    assert set(RESULT_TITLES) == set(PLATFORM_MIX) == set(store.choice.next_steps) == values


def test_the_interrupting_intents_are_intents_of_the_domain():
    assert set(FORM["interrupting_intents"]) <= set(DOMAIN["intents"])


def test_the_failure_counter_is_a_slot_of_the_domain():
    assert FORM["failure_slot"] in DOMAIN["slots"]
