"""Removes two per-message costs of Rasa 3.6.21 that buy nothing when a trained model only answers messages.

Measured in-process on 2 cores, 40 % of a reply at turn 1 when they were written:
- every custom action reply is checked with ``jsonschema.validate``, which first re-validates the
  constant response schema itself (~20 ms); the schema is now checked once and its validator reused;
- every stored event is turned back into an object by ``Event.resolve_by_type``, which walks the whole
  class tree of events for each one (~0.1 ms × every event of the session); the answer is now cached.
Behaviour is unchanged: same schema, same errors, same event classes (tests/runtime).
They replace private Rasa code, so they are installed only on the exact Rasa version they were written for,
and only by the server's entry point (runtime/serve.py); `uninstall` puts Rasa's own attributes back.
Each adjustment is independent: removing one is deleting its function and its line in ADJUSTMENTS.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text, Type

from runtime.rasa_adjustments import RasaAdjustments

RASA_VERSION = "3.6.21"


def cache_action_response_validator() -> None:
    """The action server's reply schema is checked once; its validator is reused for every reply."""
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    stock = RemoteAction.__dict__["_validate_action_result"]
    validators: Dict[Any, Any] = {}

    def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        key = type(self).action_response_format_spec  # a constant schema per action class
        validator = validators.get(key)
        if validator is None:
            schema = self.action_response_format_spec()
            validator_class = jsonschema.validators.validator_for(schema)
            validator_class.check_schema(schema)
            validator = validators[key] = validator_class(schema)
        if validator.is_valid(result):
            return True
        return stock(self, result)  # Rasa's own path builds and raises its detailed error

    SPEEDUPS.replace(RemoteAction, "_validate_action_result", validate_action_result)


def cache_event_types() -> None:
    """The event class of each stored event type name is looked up once."""
    from rasa.shared.core.events import Event

    stock = Event.resolve_by_type
    known: Dict[Text, Type[Event]] = {}

    def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        event_class = known.get(type_name)
        if event_class is None:
            event_class = stock(type_name, default)
            if event_class is not None and event_class is not default:
                known[type_name] = event_class
        return event_class

    SPEEDUPS.replace(Event, "resolve_by_type", staticmethod(resolve_by_type))


SPEEDUPS = RasaAdjustments(
    "runtime.speedups",
    RASA_VERSION,
    (cache_action_response_validator, cache_event_types),
    "replies stay correct, only slower",
)
install, uninstall, installed = SPEEDUPS.install, SPEEDUPS.uninstall, SPEEDUPS.installed
