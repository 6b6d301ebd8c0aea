"""Reads a message naming two known platforms with a comparison word as the intent ask_platform_comparison."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.gazetteer import folded_words
from nlu_components.intent_override import IntentOverride, taken_back

INTENT_NAME = "ask_platform_comparison"
# intents a two-platform question is mistaken for; « d'autres sites que Malt et Upwork » (ask_platforms) needs
# a comparison word too
REREAD_INTENTS = frozenset(
    "ask_platform_info ask_platforms ask_comparison ask_getting_started ask_income nlu_fallback out_of_scope "
    "ask_advantages ask_disadvantages".split()
)
UNTAGGED_INTENTS = frozenset({"inform", "nlu_fallback"})
COMPARISON_WORDS = re.compile(
    r"\b(ou|vs|versus|entre|mieux|plus|moins|pareil|hesite|jhesite|choisir|lequel|laquelle|par rapport)\b"
    r"|differen|compar"
)
# words that set two platforms against each other even beside « comme » (« Toloka c'est comme Appen ? quelles
# différences ? »)
EXPLICIT_COMPARISON = re.compile(r"\b(vs|versus|par rapport)\b|differen|compar")

# « des sites comme Clickworker ou Appen, il y en a d'autres ? » asks for more platforms, not for the two
ALTERNATIVE_WORDS = re.compile(r"\b(comme|autres?|alternatives?|similaires?|genre)\b")


# « comment trouver des clients sur Malt ou Codeur ? » asks how to do it on either: « ou » alone compares nothing
HOW_TO = re.compile(r"\b(comment|cmt)\b")
ONLY_OR = frozenset({"ou"})


def compares_platforms(text: Text, entities: List[Dict[Text, Any]]) -> bool:
    """Two different platforms named, and a word that sets them against each other."""
    platforms = {e.get("value") for e in entities if e.get("entity") == "platform"}
    folded = folded_words(text)
    if len(platforms) < 2:
        return False
    said = {m.group(0) for m in COMPARISON_WORDS.finditer(folded)}
    if HOW_TO.search(folded) and said <= ONLY_OR:
        return False
    return bool(EXPLICIT_COMPARISON.search(folded)) or (
        bool(COMPARISON_WORDS.search(folded)) and not ALTERNATIVE_WORDS.search(folded)
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlatformPairReader(IntentOverride):
    """After the entity extractor and the fallback: « Codeur ou Malt ? » is a comparison, whatever its words.

    Its examples annotate the platforms only (« Malt ou Upwork pour un freelance ? »): a concept met on the way
    is not what is compared.
    """

    entity_types = frozenset({"platform"})

    def override(self, text: Text, message: Message) -> Optional[Text]:
        intent = (message.get(INTENT) or {}).get("name")
        entities = message.get(ENTITIES) or []
        # a questionnaire answer (whose answers name no platform) or no confident intent: the extractor left the
        # platforms untagged for the classifier's guess, and they count all the same
        if intent in UNTAGGED_INTENTS:
            entities = entities + taken_back(message, self.entity_types, entities)
        if intent in REREAD_INTENTS:
            return INTENT_NAME if compares_platforms(text, entities) else None
        # « Codeur vs Malt avec 10 ans d'expérience ? » is no answer to the guided choice: a question setting two
        # platforms against each other
        asks = "?" in text or bool(EXPLICIT_COMPARISON.search(folded_words(text)))
        return INTENT_NAME if intent == "inform" and asks and compares_platforms(text, entities) else None
