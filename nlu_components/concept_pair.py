"""Reads what a comparison sets side by side: micro-travail and freelance (ask_comparison), or legal statuses."""

from __future__ import annotations

import re
from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.gazetteer import folded_words
from nlu_components.intent_override import IntentOverride, named_values

COMPARISON = "ask_comparison"
LEGAL = "ask_legal_status"
DEFINITION = "ask_definition"
# « les points forts respectifs du freelance et du micro-travail » weighs each against the other
WEIGHED = frozenset({DEFINITION, "ask_advantages", "ask_disadvantages"})
# « le plus risqué entre le crowdworking et le freelancing ? »: the two named and set against each other
COMPARISON_WORDS = re.compile(r"\b(plus|moins|mieux|meilleur|pire|entre|difference|differences|versus|vs|que)\b")
# « c'est quoi le freelance par rapport au micro-travail ? » asks what sets one apart, not two definitions
CONTRAST_WORDS = re.compile(
    r"\b(par rapport|contrairement|compare|comparer|comparaison|difference|differences|versus|vs|respectifs?"
    r"|respectives?|chacun|chacune)\b"
)
# « la différence entre BNC et BIC » compares statuses or tax regimes, not the two ways of working
LEGAL_WORDS = re.compile(r"\b(bnc|bic|sasu|eurl|eirl|ei|sas|statut|statuts|regime|regimes|micro entreprise|portage)\b")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ComparedPair(IntentOverride):
    """After the fallback: the two concepts named and set against each other are a comparison even when no intent
    was confident, or when one is defined or weighed by contrast with the other; a comparison that names statuses
    and not both concepts is a legal question."""

    def override(self, text: Text, message: Message) -> Optional[Text]:
        intent = (message.get(INTENT) or {}).get("name")
        folded = folded_words(text)
        concepts = named_values(message, "concept")
        if intent == "nlu_fallback" and len(concepts) >= 2 and COMPARISON_WORDS.search(folded):
            return COMPARISON
        if intent in WEIGHED and len(concepts) >= 2 and CONTRAST_WORDS.search(folded):
            return COMPARISON
        statuses = named_values(message, "legal_topic") or LEGAL_WORDS.search(folded)
        if intent == COMPARISON and len(concepts) < 2 and statuses:
            return LEGAL
        return None
