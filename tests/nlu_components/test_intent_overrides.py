"""The pipeline steps that re-read an intent: two platforms compared, sound-alike names, trust, the two concepts."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components import LEFT_OUT
from nlu_components.gazetteer import Gazetteer, Name
from nlu_components.platform_pair import PlatformPairReader, compares_platforms

BOTH = ("microwork", "freelancing")


def platforms(*values):
    return [{"entity": "platform", "value": v} for v in values]


def test_two_platforms_set_against_each_other_are_a_comparison():
    assert compares_platforms("plutot toloka ou appen ?", platforms("toloka", "appen"))
    assert compares_platforms("la différence entre malt et upwork", platforms("malt", "upwork"))
    assert compares_platforms("codeur par rapport a malt, ça donne quoi ?", platforms("codeur", "malt"))
    assert compares_platforms("toloka c'est comme appen ? quelles differences ?", platforms("toloka", "appen"))


def test_how_to_do_something_on_one_platform_or_another_is_not_a_comparison():
    assert not compares_platforms("comment trouver des clients sur malt ou codeur ?", platforms("malt", "codeur"))
    assert compares_platforms("comment choisir entre malt ou codeur ?", platforms("malt", "codeur"))
    assert compares_platforms("malt ou codeur, comment savoir lequel est le mieux ?", platforms("malt", "codeur"))


def test_two_platforms_without_a_comparison_word_are_not():
    assert not compares_platforms("des sites comme malt et upwork", platforms("malt", "upwork"))
    assert not compares_platforms("malt ou malt.fr ?", platforms("malt", "malt"))
    assert not compares_platforms("des sites genre malt ou upwork, y en a d'autres ?", platforms("malt", "upwork"))


@pytest.mark.parametrize(
    "text, value", [("c koi le mikro travaye", "microwork"), ("le frilans ça paye ?", "freelancing")]
)
def test_names_spelt_as_they_sound_are_found(text, value):
    names = Gazetteer([("micro-travail", Name("concept", "microwork")), ("freelance", Name("concept", "freelancing"))])
    assert [m.value for m in names.find(text)] == [value]


@pytest.mark.parametrize("intent", ["ask_advantages", "ask_disadvantages"])
def test_the_strengths_of_one_platform_against_another_are_a_comparison(intent):
    text = "les points forts de Codeur par rapport à Malt ?"
    message = Message(
        {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": platforms("codeur", "malt")}
    )
    [message] = PlatformPairReader({}, None, None).process([message])
    assert message.get("intent")["name"] == "ask_platform_comparison"


def test_a_message_reread_as_a_platform_comparison_keeps_only_its_platforms():
    text = "404works et codeur, quelles différences pour un dev freelance ?"
    entities = platforms("404works", "codeur") + [{"entity": "concept", "value": "freelancing"}]
    message = Message({"text": text, "intent": {"name": "ask_comparison", "confidence": 0.5}, "entities": entities})
    [message] = PlatformPairReader({}, None, None).process([message])
    assert message.get("intent")["name"] == "ask_platform_comparison"
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("platform", "404works"),
        ("platform", "codeur"),
    ]


def spanned(text, *values):
    return [{"entity": "platform", "value": v, "start": text.index(v), "end": text.index(v) + len(v)} for v in values]


def _reread_pair(text, left_out, intent="inform"):
    message = Message({"text": text, "intent": {"name": intent, "confidence": 0.5}, "entities": [], LEFT_OUT: left_out})
    [message] = PlatformPairReader({}, None, None).process([message])
    return message


@pytest.mark.parametrize("intent", ["inform", "nlu_fallback"])
def test_two_platforms_asked_about_beside_an_experience_are_a_comparison_not_a_choice_answer(intent):
    text = "codeur versus malt pour un dev avec 10 ans d'expérience ?"
    message = _reread_pair(text, spanned(text, "codeur", "malt"), intent)
    assert message.get("intent")["name"] == "ask_platform_comparison"
    assert [e["value"] for e in message.get("entities")] == ["codeur", "malt"]


@pytest.mark.parametrize(
    "text",
    [
        "je préfère trouver mes clients sur malt ou codeur",  # an answer to the guided choice, not a question
        "des sites comme malt et codeur, j'en ai déjà essayé ?",
    ],
)
def test_a_choice_answer_naming_platforms_stays_one(text):
    assert _reread_pair(text, spanned(text, "malt", "codeur")).get("intent")["name"] == "inform"


def _read_as_source(text, entities, intent="ask_source"):
    from nlu_components.platform_trust import PlatformTrustReader

    message = Message({"text": text, "intent": {"name": intent, "confidence": 0.6}, "entities": entities})
    [message] = PlatformTrustReader({}, None, None).process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize("intent", ["ask_source", "nlu_fallback"])
def test_a_trust_question_naming_an_unknown_platform_is_about_that_platform(intent):
    assert _read_as_source("Est-ce que Zorbleo c'est fiable ?", platforms("Zorbleo"), intent) == "ask_platform_info"


@pytest.mark.parametrize(
    "text, entities",
    [
        ("c'est fiable ce que vous dites ?", []),  # the bot's answer, no platform
        ("d'où vient cette info sur Malt, c'est fiable ?", platforms("malt")),
    ],
)
def test_a_trust_question_about_the_answer_stays_a_source_question(text, entities):
    assert _read_as_source(text, entities) == "ask_source"


def _read_for_choice(text, intent, concepts=()):
    from nlu_components.choice_for_me import ChoiceForOneself

    entities = [{"entity": "concept", "value": c} for c in concepts]
    message = Message({"text": text, "intent": {"name": intent, "confidence": 0.6}, "entities": entities})
    [message] = ChoiceForOneself({}, None, None).process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize(
    "text, intent, concepts",
    [
        ("je suis étudiant, micro-travail ou freelance, lequel des deux pour moi ?", "ask_comparison", BOTH),
        ("maman de deux enfants, dans mon cas vous feriez quoi entre les deux ?", "ask_situation", ()),
        ("pour qqn comme moi sans diplome c quoi le mieux ?", "nlu_fallback", ()),
        ("freelance direct ou micro-travail d'abord ? vous feriez quoi ?", "ask_getting_started", BOTH),
        ("j'hésite encore entre le freelance et le micro-travail", "nlu_fallback", BOTH),
        ("je ne sais pas si je dois me lancer en freelance ou dans les microtâches", "nlu_fallback", BOTH),
        ("peu de temps, pas de diplôme : entre les deux, tu me conseilles lequel ?", "inform", ()),
        ("avec deux heures par jour, que me conseillez-vous entre le micro-travail et le freelance ?", "inform", BOTH),
        ("entre les deux, lequel me conseillerais-tu ?", "nlu_fallback", ()),
    ],
)
def test_choosing_between_the_two_for_oneself_is_the_guided_choice(text, intent, concepts):
    assert _read_for_choice(text, intent, concepts) == "help_me_choose"


def test_the_two_named_in_a_request_read_as_an_answer_count_for_the_choice():
    """Read as a questionnaire answer, the message's concepts are left out by the entity extractor: still named."""
    from nlu_components.choice_for_me import ChoiceForOneself

    text = "pas de diplôme, que me conseilles-tu entre micro-travail et freelance ?"
    left_out = [
        {"entity": "concept", "value": value, "start": text.index(word), "end": text.index(word) + len(word)}
        for value, word in (("microwork", "micro-travail"), ("freelancing", "freelance"))
    ]
    intent = {"name": "inform", "confidence": 0.8}
    message = Message({"text": text, "intent": intent, "entities": [], LEFT_OUT: left_out})
    [message] = ChoiceForOneself({}, None, None).process([message])
    assert message.get("intent")["name"] == "help_me_choose"
    assert sorted(e["value"] for e in message.get("entities")) == ["freelancing", "microwork"]


@pytest.mark.parametrize(
    "text, intent, concepts",
    [
        ("je suis au chômage, le micro-travail ou le freelance pour moi, sans perdre l'ARE ?", "ask_situation", BOTH),
        ("micro-travail ou freelance, lequel paie le mieux ?", "ask_comparison", BOTH),
        ("je veux me lancer en freelance, vous me conseillez quoi pour commencer ?", "ask_getting_started", ()),
    ],
)
def test_a_rights_comparison_or_first_step_question_is_not_the_guided_choice(text, intent, concepts):
    assert _read_for_choice(text, intent, concepts) == intent


def _read_pair(text, intent, entities):
    from nlu_components.concept_pair import ComparedPair

    message = Message({"text": text, "intent": {"name": intent, "confidence": 0.4}, "entities": entities})
    [message] = ComparedPair({}, None, None).process([message])
    return message.get("intent")["name"]


def concepts(*values):
    return [{"entity": "concept", "value": v} for v in values]


def test_the_two_concepts_set_against_each_other_are_a_comparison_even_unsure():
    text = "c'est quoi le moins galère entre le microtravail et le freelancing ?"
    assert _read_pair(text, "nlu_fallback", concepts(*BOTH)) == "ask_comparison"
    assert _read_pair("microtravail et freelancing, bof", "nlu_fallback", concepts(*BOTH)) == "nlu_fallback"


def test_a_concept_set_against_the_other_is_a_comparison_not_two_definitions():
    text = "les missions en freelance, ça ressemble à quoi par rapport au micro-travail ?"
    assert _read_pair(text, "ask_definition", concepts(*BOTH)) == "ask_comparison"
    contrast = "c'est quoi le freelance, contrairement au micro travail ?"
    assert _read_pair(contrast, "ask_definition", concepts(*BOTH)) == "ask_comparison"
    both = "c'est quoi le freelance et le micro-travail ?"
    assert _read_pair(both, "ask_definition", concepts(*BOTH)) == "ask_definition"
    one = "c'est quoi le freelance par rapport à un CDI ?"
    assert _read_pair(one, "ask_definition", concepts("freelancing")) == "ask_definition"


@pytest.mark.parametrize(
    "text, intent, named, expected",
    [
        ("le freelance et le micro-travail, leurs points forts respectifs ?", "ask_advantages", BOTH, "ask_comparison"),
        ("les défauts du micro-travail comparé au freelance ?", "ask_disadvantages", BOTH, "ask_comparison"),
        ("les avantages du freelance et du micro-travail ?", "ask_advantages", BOTH, "ask_advantages"),
        ("les avantages du freelance par rapport au CDI ?", "ask_advantages", ("freelancing",), "ask_advantages"),
    ],
)
def test_the_pros_and_cons_of_each_of_the_two_are_a_comparison(text, intent, named, expected):
    assert _read_pair(text, intent, concepts(*named)) == expected


def test_statuses_compared_are_a_legal_question():
    legal = "différence entre bic et bnc quand on est indépendant ?"
    assert _read_pair(legal, "ask_comparison", concepts("freelancing")) == "ask_legal_status"
    both = "micro-travail ou freelance, lequel a le meilleur statut ?"
    assert _read_pair(both, "ask_comparison", concepts(*BOTH)) == "ask_comparison"
