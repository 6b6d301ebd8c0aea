"""Synonym mapping plus clean-up of extracted entities: trimmed spans, closed vocabularies, no repeats."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.entity_synonyms import EntitySynonymMapper
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from spacy.lang.fr.stop_words import STOP_WORDS

from nlu_components import source_fingerprint

PUNCTUATION = " \t,;:.!?«»\"'’()[]-–—"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class CleaningSynonymMapper(EntitySynonymMapper):
    """EntitySynonymMapper that also drops what cannot be an entity.

    - spans lose surrounding punctuation before synonym lookup ("Crème de la Crème," → "Crème de la Crème");
    - entity types with a closed vocabulary (config `closed`) keep only their canonical values, so a
      stray word tagged as a concept ("au", "travail") is dropped;
    - an open type (config `open`, e.g. platform: a name the bot may not know) keeps an unknown
      value only if the model is confident and it is not made of common French words;
    - the same (entity, value) pair is kept once.
    """

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        return source_fingerprint(__file__)  # retrain when any code of this module changes

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"closed": {}, "open": {}, "min_open_confidence": 0.9}

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            for entity in message.get(ENTITIES, []):
                if isinstance(entity.get("value"), str):
                    entity["value"] = entity["value"].strip(PUNCTUATION) or entity["value"]
        messages = super().process(messages)
        for message in messages:
            message.set(ENTITIES, self._clean(message.get(ENTITIES, []), message.get(TEXT) or ""), add_to_output=True)
        return messages

    def _clean(self, entities: List[Dict[Text, Any]], text: Text) -> List[Dict[Text, Any]]:
        kept, seen = [], set()
        for entity in entities:
            name, value = entity.get("entity"), entity.get("value")
            if entity.get("extractor") == "RegexMessageHandler":  # button payloads are trusted as they are
                kept.append(entity)
                continue
            if not isinstance(value, str) or (name, value) in seen:
                continue
            if name in self._config["closed"] and value not in self._config["closed"][name]:
                continue
            if name in self._config["open"] and value not in self._config["open"][name] and not self._plausible_name(entity):
                continue
            seen.add((name, value))
            kept.append(entity)
        return kept

    def _plausible_name(self, entity: Dict[Text, Any]) -> bool:
        words = [w for w in entity["value"].casefold().split() if w.strip(PUNCTUATION)]
        letters = sum(c.isalnum() for c in entity["value"])
        confident = (entity.get("confidence_entity") or 0) >= self._config["min_open_confidence"]
        return confident and letters >= 3 and len(words) <= 3 and not all(w in STOP_WORDS for w in words)
