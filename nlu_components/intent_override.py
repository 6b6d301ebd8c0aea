"""Base of the small pipeline steps that replace a message's intent when a plain rule says better."""

from __future__ import annotations

import inspect
from abc import abstractmethod
from typing import Any, Dict, FrozenSet, List, Optional, Set, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components import LEFT_OUT, BuiltFromConfig, source_fingerprint


def named_values(message: Message, entity: Text) -> Set[Text]:
    """The values of the entities of one type the message names."""
    return {e.get("value") for e in message.get(ENTITIES) or [] if e.get("entity") == entity}


def taken_back(message: Message, types: FrozenSet[Text], entities: List[Dict[Text, Any]]) -> List[Dict[Text, Any]]:
    """The names of `types` the entity extractor left out for the first intent, where no entity already is."""
    return [
        e
        for e in message.get(LEFT_OUT) or []
        if e.get("entity") in types and not any(o["start"] < e["end"] and e["start"] < o["end"] for o in entities)
    ]


class IntentOverride(BuiltFromConfig, GraphComponent):
    """Untrained; for each typed message (not a button payload), `override` may name the intent to set.

    The entities were extracted for the first intent: `entity_types`, when set, are the only types the new
    intent's examples annotate; the others are dropped with the old reading, and those of these types the first
    intent left out are taken back.
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
                    message.set(ENTITIES, kept + taken_back(message, self.entity_types, kept), add_to_output=True)
        return messages
