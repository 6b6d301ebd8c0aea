"""Reads « lequel des deux pour moi ? », a request to choose between the two for oneself, as help_me_choose."""

from __future__ import annotations

import re
from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.gazetteer import folded_words
from nlu_components.intent_override import IntentOverride, named_values, taken_back
from nlu_components.own_situation import RIGHTS

INTENT_NAME = "help_me_choose"
# what such a request is mistaken for: a profile read as a situation, the two named read as a comparison, a first
# step (« je tente le freelance direct ou je commence par du micro-travail ? »), a profile read as a questionnaire
# answer, or nothing
REREAD_INTENTS = frozenset({"ask_situation", "ask_comparison", "ask_getting_started", "nlu_fallback", "inform"})
# the choice is asked for oneself (folded words)
FOR_ME = re.compile(
    r"\b(pour moi|dans mon cas|a ma place|vous feriez quoi|tu ferais quoi|vous me conseillez|tu me conseilles"
    r"|me conseill\w* (?:vous|tu)|conseillez moi|conseille moi"
    r"|comme moi|mon profil|je devrais|je choisis|je prends|j hesite|je sais pas si|je ne sais pas si|je dois)\b"
)
# between the two: both named, or said so
BETWEEN = re.compile(r"\b(lequel|laquelle|des deux|entre les deux|le mieux|plutot)\b")


def asks_to_choose_for_oneself(text: Text, message: Message) -> bool:
    folded = folded_words(text)
    # read as a questionnaire answer, the two named are among the names the entity extractor left out
    concepts = named_values(message, "concept") | {
        e.get("value") for e in taken_back(message, frozenset({"concept"}), message.get(ENTITIES) or [])
    }
    between = len(concepts) >= 2 or bool(BETWEEN.search(folded))
    return bool(FOR_ME.search(folded)) and between and not RIGHTS.search(folded)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ChoiceForOneself(IntentOverride):
    """After the fallback: a request to choose between micro-travail and freelance for oneself starts the guided
    choice, whatever profile comes with it; a question of rights (« sans perdre l'ARE ») stays a situation one."""

    entity_types = frozenset({"concept"})

    def override(self, text: Text, message: Message) -> Optional[Text]:
        intent = (message.get(INTENT) or {}).get("name")
        return INTENT_NAME if intent in REREAD_INTENTS and asks_to_choose_for_oneself(text, message) else None
