"""Removes costs of Rasa 3.6.21 that buy nothing when a trained model only answers messages.

- Loading: Rasa builds a TensorFlow model by running one *training* step (gradients, optimizer state)
  before reading the trained weights. Reading the weights into a model built by one prediction instead
  gives the same predictions and keeps ~550 MB less in memory (1.6 GB → 1.05 GB for the server).
Two per-message costs, 40 % of a reply at turn 1 (measured in-process, 2 cores):
- every custom action reply is checked with ``jsonschema.validate``, which first re-validates the
  constant response schema itself (~20 ms); the schema is now checked once and its validator reused;
- every stored event is turned back into an object by ``Event.resolve_by_type``, which walks the whole
  class tree of events for each one (~0.1 ms × every event of the session); the answer is now cached.
Behaviour is unchanged: same predictions, same schema, same errors, same event classes (tests/runtime).
They replace private Rasa code, so they are installed only on the exact Rasa version they were written for.
"""
from __future__ import annotations

import contextlib
import logging
from typing import Any, Dict, Iterator, Optional, Text, Type

logger = logging.getLogger(__name__)
RASA_VERSION = "3.6.21"
_installed = False


def install() -> bool:
    """Installs the three adjustments once; returns whether they are active."""
    global _installed
    import rasa

    if _installed:
        return True
    if rasa.__version__ != RASA_VERSION:
        logger.warning("runtime.speedups written for Rasa %s, found %s: not installed (replies stay correct, "
                       "only slower). Check runtime/speedups.py against the new Rasa and update RASA_VERSION.",
                       RASA_VERSION, rasa.__version__)
        return False
    _load_models_for_inference()
    _cache_action_response_validator()
    _cache_event_types()
    _installed = True
    return True


_stock_model_load = None


def _load_models_for_inference() -> None:
    global _stock_model_load
    from rasa.utils.tensorflow.models import RasaModel

    stock = _stock_model_load = RasaModel.load.__func__

    def load(cls, model_file_name: Text, model_data_example: Any, predict_data_example: Any = None,
             finetune_mode: bool = False, *args: Any, **kwargs: Any) -> RasaModel:
        if finetune_mode or predict_data_example is None:  # training goes on: Rasa's way, optimizer included
            return stock(cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
                         *args, **kwargs)
        model = cls(*args, **kwargs)
        # TensorFlow checkpoints restore each variable as soon as it is created: the prediction below
        # creates every variable a prediction uses, and the optimizer's saved state is left unread.
        model.load_weights(model_file_name).expect_partial()
        model.run_inference(predict_data_example)
        return model

    RasaModel.load = classmethod(load)


@contextlib.contextmanager
def stock_model_loading() -> Iterator[None]:
    """Loads models the way Rasa does for the duration of the block (used to compare both ways)."""
    from rasa.utils.tensorflow.models import RasaModel

    if _stock_model_load is None:
        yield
        return
    patched = RasaModel.__dict__["load"]  # the classmethod itself, not a method bound to RasaModel
    RasaModel.load = classmethod(_stock_model_load)
    try:
        yield
    finally:
        RasaModel.load = patched


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
