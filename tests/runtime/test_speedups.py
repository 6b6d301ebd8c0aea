"""The speed-ups change nothing Rasa decides: same event classes, same accepted and refused action replies."""

import jsonschema
import pytest
import rasa.core.test  # noqa: F401  (defines event subclasses that share a type name with Rasa's own)
from rasa.core.actions.action import RemoteAction
from rasa.shared.core import events
from rasa.shared.utils.common import all_subclasses

from runtime import speedups
from tests.support import adjusted_rasa_attributes

ADJUSTMENTS = ["cache_action_response_validator", "cache_event_types"]
STOCK = {owner: dict(vars(owner)) for owner in (RemoteAction, events.Event)}  # before any install


@pytest.fixture
def installed():
    with speedups.installed() as names:
        assert names == ADJUSTMENTS, "speed-ups not installed: is Rasa still 3.6.21?"
        assert adjusted_rasa_attributes() == ["RemoteAction._validate_action_result", "Event.resolve_by_type"]
        yield


def test_every_event_type_resolves_to_the_same_class_as_rasa(installed):
    for type_name in {event_class.type_name for event_class in all_subclasses(events.Event)} - {"event"}:
        # Rasa's rule: the first class in the class tree with that name (e.g. UserUttered, not its test subclass)
        expected = next(c for c in all_subclasses(events.Event) if c.type_name == type_name)
        assert events.Event.resolve_by_type(type_name) is expected, type_name
    assert events.Event.resolve_by_type("topic") is None
    assert events.Event.resolve_by_type("nope", default=events.UserUttered) is events.UserUttered
    with pytest.raises(ValueError, match="Unknown event name 'nope'"):
        events.Event.resolve_by_type("nope")


def test_stored_events_come_back_as_the_same_events(installed):
    original = [
        events.UserUttered("bonjour", {"name": "greet"}),
        events.SlotSet("concept", "microwork"),
        events.ActionExecuted("action_listen"),
        events.SessionStarted(),
    ]
    assert events.deserialise_events([event.as_dict() for event in original]) == original


def test_action_server_replies_are_still_validated(installed):
    action = RemoteAction("action_answer_concept", None)
    assert action._validate_action_result(
        {"events": [{"event": "slot", "name": "concept", "value": "x"}], "responses": [{"text": "Bonjour"}]}
    )
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"no_event_key": 1}], "responses": []})
    with pytest.raises(jsonschema.ValidationError):
        action._validate_action_result({"events": "not a list"})


def test_another_rasa_version_keeps_stock_rasa_and_warns(monkeypatch, caplog):
    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with speedups.installed() as names:
        assert names == []
        assert adjusted_rasa_attributes() == []
    assert "written for Rasa 3.6.21, found 3.7.0: not installed" in caplog.text


def test_after_the_speedup_tests_rasa_has_exactly_its_own_attributes():
    assert adjusted_rasa_attributes() == []
    for owner, attributes in STOCK.items():
        assert dict(vars(owner)) == attributes, owner.__name__
