"""Base of the small pipeline steps that replace a message's intent when a plain rule says better."""

from __future__ import annotations

import inspect
from abc import abstractmethod
from typing import Any, Dict, FrozenSet, List, Optional, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components import BuiltFromConfig, source_fingerprint


class IntentOverride(BuiltFromConfig, GraphComponent):
    """Untrained; for each typed message (not a button payload), `override` may name the intent to set.

    The entities were extracted for the first intent: `entity_types`, when set, are the only types the new
    intent's examples annotate, and the others are dropped with the old reading.
    """

    entity_types: Optional[FrozenSet[Text]] = None

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> str:
        return source_fingerprint(__file__, inspect.getfile(cls))

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self._config = config

    @abstractmethod
    def override(self, text: Text, message: Message) -> Optional[Text]:
        """The intent the message should have instead, or None to keep it."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = None if text.startswith("/") else self.override(text, message)
            if intent:
                message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
                if self.entity_types is not None:
                    kept = [e for e in message.get(ENTITIES) or [] if e.get("entity") in self.entity_types]
                    message.set(ENTITIES, kept, add_to_output=True)
        return messages
