"""rasa-sdk's validate_<slot> and extract_<slot> hooks still work on a guided form."""

from typing import Any, Dict

from actions.choice_form import ASK_ACTIONS, ValidateChoiceForm
from tests.actions.test_choice_form import form_tracker
from tests.support import slots, text_of


class RefusesStructuredSchedule(ValidateChoiceForm):
    """A subclass whose validate_schedule hook refuses one value and says why."""

    def validate_schedule(self, value: Any, dispatcher, tracker, domain) -> Dict[str, Any]:
        if value == "structured":
            dispatcher.utter_message(text="Les horaires fixes ne sont pas proposés ici.")
            return {"schedule": None}
        return {"schedule": value}


class ReadsNightAsFlexible(ValidateChoiceForm):
    """A subclass whose extract_schedule hook reads a word the form's own reading does not know."""

    def extract_schedule(self, dispatcher, tracker, domain) -> Dict[str, Any]:
        return {"schedule": "flexible"} if "nuit" in (tracker.latest_message.get("text") or "") else {}


def test_a_validate_hook_refusing_the_answer_counts_a_failure(run_action):
    messages, events = run_action(RefusesStructuredSchedule(), form_tracker("à temps plein"))
    assert text_of(messages) == "Les horaires fixes ne sont pas proposés ici."
    assert slots(events) == {"schedule": None, "choice_failures": 1}


def test_a_validate_hook_accepting_the_answer_fills_the_slot(run_action):
    messages, events = run_action(RefusesStructuredSchedule(), form_tracker("quand je veux"))
    assert messages == []
    assert slots(events) == {"schedule": "flexible", "choice_failures": 0}


def test_an_extract_hook_places_an_answer_the_form_cannot_read(run_action):
    _, events = run_action(ValidateChoiceForm(), form_tracker("plutôt la nuit"))
    assert slots(events) == {"choice_failures": 1}
    _, events = run_action(ReadsNightAsFlexible(), form_tracker("plutôt la nuit"))
    assert slots(events) == {"schedule": "flexible", "choice_failures": 0}


def test_the_ask_actions_are_the_ones_the_domain_declares():

    from tests.actions.test_choice_values import DOMAIN, QUESTIONS

    declared = [a for a in DOMAIN["actions"] if a.startswith("action_ask_") and a[len("action_ask_") :] in QUESTIONS]
    assert [cls().name() for cls in ASK_ACTIONS] == declared
