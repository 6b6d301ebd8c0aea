"""Reads a message naming two known platforms with a comparison word as the intent ask_platform_comparison."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components import BuiltFromConfig, source_fingerprint
from nlu_components.gazetteer import squeeze, words

INTENT_NAME = "ask_platform_comparison"
# intents a two-platform question is mistaken for; « d'autres sites que Malt et Upwork » (ask_platforms) needs
# a comparison word too
REREAD_INTENTS = frozenset(
    "ask_platform_info ask_platforms ask_comparison ask_getting_started ask_income nlu_fallback out_of_scope".split()
)
COMPARISON_WORDS = re.compile(
    r"\b(ou|vs|versus|entre|mieux|plus|moins|pareil|hesite|jhesite|choisir|lequel|laquelle)\b|differen|compar"
)


def compares_platforms(text: Text, entities: List[Dict[Text, Any]]) -> bool:
    """Two different platforms named, and a word that sets them against each other."""
    platforms = {e.get("value") for e in entities if e.get("entity") == "platform"}
    folded = " ".join(word for word, _, _ in words(text))
    return len(platforms) >= 2 and bool(COMPARISON_WORDS.search(folded)) and bool(squeeze(text))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlatformPairReader(BuiltFromConfig, GraphComponent):
    """After the entity extractor and the fallback: « Codeur ou Malt ? » is a comparison, whatever its words."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> str:
        return source_fingerprint(__file__)

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self._config = config

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            if (
                intent in REREAD_INTENTS
                and not text.startswith("/")
                and compares_platforms(text, message.get(ENTITIES) or [])
            ):
                message.set(INTENT, {"name": INTENT_NAME, "confidence": 1.0}, add_to_output=True)
        return messages
