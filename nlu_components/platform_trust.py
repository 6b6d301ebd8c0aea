"""Reads « Zorbleo, c'est fiable ? », a trust question naming a platform, as a question about that platform."""

from __future__ import annotations

import re
from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.gazetteer import folded_words
from nlu_components.intent_override import IntentOverride, named_values

INTENT_NAME = "ask_platform_info"
# « c'est fiable ? » alone asks whether the bot's last answer can be trusted (ask_source); a platform named with it
# (one the classifier never saw, like Zorbleo, leaves only those words, or no confident intent) asks about the platform
REREAD_INTENTS = frozenset({"ask_source", "nlu_fallback"})
TRUST_WORDS = re.compile(r"\b(fiable|serieux|serieuse|legit|arnaque|arnake|bidon|louche)\b")
# « d'où vient cette info sur Malt, c'est fiable ? » is about the source all the same
SOURCE_WORDS = re.compile(r"\b(sources?|vient|viennent|infos?|informations?|reference|lien|chiffre)")


def asks_about_a_platform(text: Text, message: Message) -> bool:
    folded = folded_words(text)
    named = bool(named_values(message, "platform"))
    return named and bool(TRUST_WORDS.search(folded)) and not SOURCE_WORDS.search(folded)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlatformTrustReader(IntentOverride):
    """After the entity extractor: a trust question that names a platform, read as ask_source, is ask_platform_info."""

    entity_types = frozenset({"platform"})

    def override(self, text: Text, message: Message) -> Optional[Text]:
        intent = (message.get(INTENT) or {}).get("name")
        return INTENT_NAME if intent in REREAD_INTENTS and asks_about_a_platform(text, message) else None
