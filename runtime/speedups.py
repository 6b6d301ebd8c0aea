"""Removes two per-message costs of Rasa 3.6.21 that never change between messages.

Measured in-process (scripts/bench.py, 2 cores), they were 40 % of a reply at turn 1:
- every custom action reply is checked with ``jsonschema.validate``, which first re-validates the
  constant response schema itself (~20 ms); the schema is now checked once and its validator reused;
- every stored event is turned back into an object by ``Event.resolve_by_type``, which walks the whole
  class tree of events for each one (~0.1 ms × every event of the session); the answer is now cached.
Behaviour is unchanged: same schema, same errors, same event classes. Both replace private Rasa code, so
they are installed only on the exact Rasa version they were written against.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Optional, Text, Type

logger = logging.getLogger(__name__)
RASA_VERSION = "3.6.21"
_installed = False


def install() -> bool:
    """Installs both speed-ups once; returns whether they are active."""
    global _installed
    import rasa

    if _installed:
        return True
    if rasa.__version__ != RASA_VERSION:
        logger.warning("runtime.speedups written for Rasa %s, found %s: not installed (replies stay correct, "
                       "only slower). Check runtime/speedups.py against the new Rasa and update RASA_VERSION.",
                       RASA_VERSION, rasa.__version__)
        return False
    _cache_action_response_validator()
    _cache_event_types()
    _installed = True
    return True


def _cache_action_response_validator() -> None:
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
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
        return original(self, result)  # Rasa's own path builds and raises its detailed error

    RemoteAction._validate_action_result = validate_action_result


def _cache_event_types() -> None:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    known: Dict[Text, Type[Event]] = {}

    def resolve_by_type(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        event_class = known.get(type_name)
        if event_class is None:
            event_class = original(type_name, default)
            if event_class is not None and event_class is not default:
                known[type_name] = event_class
        return event_class

    Event.resolve_by_type = staticmethod(resolve_by_type)
