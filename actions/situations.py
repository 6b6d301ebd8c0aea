"""Answers about what a user's situation changes (étudiant, salarié, demandeur d'emploi…), from its facts."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import latest_entities, paged_question, requested_page
from actions.french import capitalise
from actions.knowledge.folding import fold
from actions.knowledge.model import CONCEPT_IDS
from actions.knowledge.queries import Knowledge
from actions.paging import more_button, page_of
from actions.relevance import relevant_first, with_continuations
from actions.rendering import bullets
from actions.replies import Reply

SITUATION_PAGE = 3  # facts per message: a situation's facts are long sentences
NEXT_STEPS = {  # the legal topic most useful next, per situation
    "student": "declaration",
    "employee": "micro_entreprise",
    "job_seeker": "acre",
    "retiree": "micro_entreprise",
    "rsa_recipient": "acre",
    "minor": "statuts",
    "foreign_resident": "statuts",
    "sick_leave": "protection_sociale",
}
OFFICIAL_SERVICES_TOPIC = "declaration"  # its last fact sends the user to Urssaf, Service Public, impots.gouv


# situations whose rules limit what the others allow: a foreign student's residence permit, a minor's age
LIMITING_FIRST = ("foreign_resident", "minor")


def first_situation(named: Sequence[Optional[str]]) -> Optional[str]:
    """Of the situations a message names, the one to answer first: a limiting one, else the first named."""
    present = [situation for situation in named if situation]
    return next((s for s in LIMITING_FIRST if s in present), present[0] if present else None)


def _other_situations(knowledge: Knowledge, shown: Optional[str], named: Sequence[Optional[str]] = ()):
    """The other situation the message named, as a button (« Étudiant » for a foreign student), or none."""
    return [
        button(capitalise(knowledge.store.situations[s].label), "ask_situation", situation=s)
        for s in dict.fromkeys(named)
        if s and s != shown and s in knowledge.store.situations
    ][:1]


def _situation_buttons(knowledge: Knowledge, limit: int) -> List[Dict[str, str]]:
    return [button(capitalise(s.label), "ask_situation", situation=s.id) for s in knowledge.store.situations.values()][
        :limit
    ]


def situation_named_by_label(knowledge: Knowledge, text: str) -> Optional[str]:
    """The situation whose label, accents included, stands as a word in the text: « retraité » folds to the
    legal topic « retraite », so the NLU cannot give it as an entity."""
    mentions = label_mentions(knowledge, text)
    return mentions[0]["value"] if mentions else None


def label_mentions(knowledge: Knowledge, text: str) -> List[Dict[str, Any]]:
    """The situations whose labels stand as words in the text, as entities (value, start)."""
    lowered = (text or "").casefold()
    found = []
    for situation in knowledge.store.situations.values():
        match = re.search(rf"(?<!\w){re.escape(situation.label.casefold())}(?!\w)", lowered)
        if match:
            found.append({"entity": "situation", "value": situation.id, "start": match.start()})
    return found


MINOR = "minor"  # the situation of someone who says an age under 18
CHILD = r"\b(mon|ma|notre|nos|mes) (fils|fille|filles|enfants?|ados?|adolescente?s?|gamine?s?|petite?-(fils|fille))\b"
UNDER_AGE = (
    r"(\bj'?\s?ai (1[0-7]) ?ans\b|\b(1[0-7]) ans (et demi|bientot)\b)"
    r"(?! ?(d'|d |de |dans|en |chez|comme|que|d'exp))"
)


def is_minor_by_age(text: str) -> bool:
    """« j'ai 17 ans et demi, je peux m'inscrire ? »: the person says an age under 18."""
    return not text.startswith("/") and bool(re.search(UNDER_AGE, fold(text)))


# the words before a situation that make it the user's own: « je suis étranger », « je n'ai pas de papiers »,
# not « un client étranger »
SELF_DESCRIBED = r"\b(je suis|suis|j'?\s?ai|g|je n'?\s?ai|n'?\s?ai|etant|en tant que|moi)\b[^,.;:?!]*$"


def described_situations(text: str, entities: List[Dict[str, Any]]) -> List[str]:
    """Every situation the user says is theirs, in the order said."""
    found = []
    for entity in entities:
        start = entity.get("start")
        if entity.get("entity") != "situation" or not isinstance(start, int):
            continue
        if re.search(SELF_DESCRIBED, fold(text[:start])) or fold(text[start:]).startswith(("pas de", "sans")):
            found.append(entity.get("value"))
    return found


# what a self-description the store has no facts for may be asking (the NLU's runner-up intent), as a button
QUESTION_BEHIND = {
    "ask_skills": ("compétences", "Les compétences demandées"),
    "ask_income": ("revenus", "Combien peut-on gagner ?"),
    "ask_getting_started": ("comment débuter", "Comment débuter ?"),
    "ask_platforms": ("plateformes", "Quelles plateformes ?"),
    "ask_advantages": ("avantages", "Les avantages"),
    "ask_disadvantages": ("inconvénients", "Les inconvénients"),
    "ask_legal_status": ("statut", "Quel statut ?"),
}


def question_behind(knowledge: Knowledge, intent: Optional[str], concept: Optional[str]) -> List[Dict[str, str]]:
    """The button that answers the question asked with an unknown situation, for the concept named if any."""
    if intent not in QUESTION_BEHIND:
        return []
    about, title = QUESTION_BEHIND[intent]
    if concept in CONCEPT_IDS and intent != "ask_legal_status":
        return [button(f"{capitalise(knowledge.concept(concept).name)} : {about}", intent, concept=concept)]
    return [button(title, intent)]


def situation_reply(
    knowledge: Knowledge,
    situation_id: Optional[str],
    page: int = 1,
    question: str = "",
    next_step: Sequence[Dict[str, str]] = (),
    named: Sequence[Optional[str]] = (),
) -> Reply:
    """What changes in this situation, a page at a time, the facts the question asks about first (« prévenir mon
    patron ») and the store's order otherwise; without a known situation, the ones the store holds, the guided
    choice and `next_step` (the question asked beside the situation)."""
    situation = knowledge.store.situations.get(situation_id or "")
    if situation is None:
        pointer = knowledge.legal_topic(OFFICIAL_SERVICES_TOPIC).facts[-1]
        labels = ", ".join(s.label for s in knowledge.store.situations.values())
        return Reply(
            "Je n'ai pas d'information propre à votre situation, je préfère ne rien inventer. "
            f"Je sais ce qui change si vous êtes : {labels}.\n{bullets([pointer])}\n"
            "Pour voir ce qui vous conviendrait, je peux aussi vous poser cinq questions rapides.",
            [*next_step, button("Aidez-moi à choisir", "help_me_choose"), *_situation_buttons(knowledge, 2)],
            [pointer],
            "situation",
        )
    words = " ".join([situation.label, *situation.aliases])
    ordered = relevant_first(situation.facts, question, searched=True, topic_words=words)
    shown = page_of(with_continuations(ordered, situation.facts), page, SITUATION_PAGE)
    about_a_child = situation.id == MINOR and re.search(CHILD, fold(question))  # a parent asking for a child
    heading = f"Pour un {situation.label}" if about_a_child else f"Si vous êtes {situation.label}"
    text = f"{heading} :\n{bullets(shown.items)}"
    topic = knowledge.legal_topic(NEXT_STEPS[situation.id])
    buttons = more_button(shown, "ask_situation", situation=situation.id)
    buttons.append(button(capitalise(topic.label), "ask_legal_status", legal_topic=topic.id))
    buttons.append(button("Les plateformes de micro-travail", "ask_platforms", concept="microwork"))
    buttons += _other_situations(knowledge, situation.id, named)
    return Reply(text, buttons, shown.items, "situation", {"situation": situation.id})


def which_situation_reply(knowledge: Knowledge) -> Reply:
    """The question a « Ma situation » button asks: which one is the user's, with the first ones as buttons."""
    labels = ", ".join(s.label for s in knowledge.store.situations.values())
    return Reply(
        f"Quelle est votre situation ? Je sais ce qui change si vous êtes : {labels}. Choisissez-la, ou "
        "décrivez-la en quelques mots.",
        [*_situation_buttons(knowledge, 4), button("Aidez-moi à choisir", "help_me_choose")],
        topic="situation",
    )


class ActionAnswerSituation(Action):
    """Answers ask_situation for the situation named now, else the one of the conversation."""

    def name(self) -> Text:
        return "action_answer_situation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        knowledge = Knowledge()
        text = tracker.latest_message.get("text") or ""
        named = latest_entities(tracker, "situation") or [
            situation_named_by_label(knowledge, text) or (MINOR if is_minor_by_age(text) else None)
        ]
        situation = first_situation(named) or tracker.get_slot("situation")
        if situation is None and text.startswith("/"):  # a « Ma situation » button, before any word of the user's
            return which_situation_reply(knowledge).send(dispatcher)
        ranking = tracker.latest_message.get("intent_ranking") or []
        runner_up = next((i.get("name") for i in ranking[1:3] if i.get("name") in QUESTION_BEHIND), None)
        concepts = latest_entities(tracker, "concept")
        next_step = question_behind(knowledge, runner_up, concepts[0] if concepts else None)
        page, question = requested_page(tracker), paged_question(tracker)
        reply = situation_reply(knowledge, situation, page, question, next_step, named)
        return reply.send(dispatcher)
