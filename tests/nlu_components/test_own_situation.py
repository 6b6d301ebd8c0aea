"""Situation questions read again: one describing no one, and one's own situation behind a tax question."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components import LEFT_OUT


def _situation_question(text, entities=(), ranking=(("ask_situation", 0.6), ("ask_income", 0.2))):
    message = Message(
        {
            "text": text,
            "intent": {"name": "ask_situation", "confidence": 0.6},
            "intent_ranking": [{"name": name, "confidence": confidence} for name, confidence in ranking],
            "entities": list(entities),
        }
    )
    from nlu_components.own_situation import SituationWithoutPerson

    [message] = SituationWithoutPerson({}, None, None).process([message])
    return message.get("intent")["name"]


def test_a_situation_question_that_describes_no_one_reads_as_the_next_intent():
    """« Le micro-travail peut-il servir de complément de revenu ? » asks about the income, not one's own situation."""
    assert _situation_question("Le micro-travail peut-il servir de complément de revenu ?") == "ask_income"


@pytest.mark.parametrize(
    "ranking",
    [
        (("ask_situation", 0.9), ("ask_definition", 0.03)),  # a guess: the situation answer offers the choice
        (("ask_situation", 0.6), ("inform", 0.3)),  # a questionnaire answer, outside the questionnaire
        (("ask_situation", 0.9),),
    ],
)
def test_a_situation_question_without_a_likely_next_intent_stays_one(ranking):
    assert _situation_question("le freelance, c'est compatible avec un autre boulot ?", ranking=ranking) == (
        "ask_situation"
    )


@pytest.mark.parametrize(
    "text, entities",
    [
        ("maman solo, c'est réaliste dans mon cas ?", []),
        ("jsuis papa au foyer, c fait pour moi ?", []),
        ("g 2 enfants et un mi-temps, c'est jouable ?", []),
        ("j'ai une RQTH, le freelance c'est envisageable ?", []),
        ("En tant que fonctionnaire, ai-je le droit ?", []),
        ("retraitée, le freelance c'est possible ?", [{"entity": "situation", "value": "retiree"}]),
    ],
)
def test_a_situation_question_about_oneself_stays_one(text, entities):
    assert _situation_question(text, entities) == "ask_situation"


def _legal_question(text, entities=(), left_out=(), intent="ask_legal_status"):
    from nlu_components.own_situation import SituationBehindALegalQuestion

    message = Message(
        {
            "text": text,
            "intent": {"name": intent, "confidence": 0.7},
            "entities": list(entities),
            LEFT_OUT: list(left_out),
        }
    )
    [message] = SituationBehindALegalQuestion({}, None, None).process([message])
    return message.get("intent")["name"], sorted(e["value"] for e in message.get("entities") or [])


def _named(entity, value, text, word):
    return {"entity": entity, "value": value, "start": text.index(word), "end": text.index(word) + len(word)}


def test_ones_own_situation_behind_a_tax_question_is_a_situation_question():
    text = "je suis demandeuse d'emploi, mes gains sur Malt je les déclare où ?"
    entities = [_named("platform", "malt", text, "Malt"), _named("legal_topic", "declaration", text, "déclare")]
    left_out = [_named("situation", "job_seeker", text, "demandeuse d'emploi")]
    assert _legal_question(text, entities, left_out) == ("ask_situation", ["declaration", "job_seeker", "malt"])
    retired = "retraitée, je paie des cotisations sur ce que je gagne avec Prolific ?"
    named = [_named("situation", "retiree", retired, "retraitée")]
    assert _legal_question(retired, named)[0] == "ask_situation"


def test_a_status_asked_about_stays_a_legal_question_whoever_asks():
    text = "je suis salarié, c'est quoi le portage salarial ?"
    entities = [
        _named("situation", "employee", text, "salarié"),
        _named("legal_topic", "portage_salarial", text, "portage"),
    ]
    assert _legal_question(text, entities)[0] == "ask_legal_status"
    general = "un étudiant doit déclarer ses gains ?"
    assert _legal_question(general, [_named("situation", "student", general, "étudiant")])[0] == "ask_legal_status"
    nobody = "je dois déclarer mes gains Prolific ?"
    assert _legal_question(nobody)[0] == "ask_legal_status"


@pytest.mark.parametrize(
    "text",
    [
        "je suis intermittente du spectacle, mes gains Prolific je les déclare comment ?",
        "frontalier au Luxembourg, je paie mes cotisations de freelance où ?",
        "j'habite en Espagne, je peux facturer des clients français en micro-entreprise ?",
        "je suis déjà auto-entrepreneur en plomberie, je dois déclarer Fiverr à part ?",
        "papa au foyer, il me faut un statut pour vendre sur ComeUp ?",
    ],
)
def test_a_profile_the_store_has_no_facts_for_behind_a_tax_question_is_a_situation_question(text):
    assert _legal_question(text)[0] == "ask_situation"


def test_living_in_france_is_no_particular_situation():
    assert _legal_question("je vis en France, je déclare mes gains Toloka comment ?")[0] == "ask_legal_status"


@pytest.mark.parametrize(
    "text",
    [
        "intermittente du spectacle, si je vends des photos en freelance je perds mes droits ?",
        "je suis frontalier, mes gains Toloka je dois les déclarer en France ?",
        "deja auto entrepreneur en coiffure, c compatible avec des missions Malt ?",
    ],
)
def test_a_profile_behind_a_rights_question_read_as_an_answer_is_a_situation_question(text):
    """Outside the questionnaire, « je perds mes droits ? » after a profile is no answer to one of its questions."""
    assert _legal_question(text, intent="inform")[0] == "ask_situation"


@pytest.mark.parametrize(
    "text",
    ["je suis intermittent, j'ai peu de temps", "au foyer avec deux enfants, quelques heures le soir", "fonctionnaire"],
)
def test_a_profile_given_as_an_answer_stays_an_answer(text):
    assert _legal_question(text, intent="inform")[0] == "inform"


def test_a_profile_opening_a_general_legal_question_stays_a_legal_question():
    """« fonctionnaires : ils doivent déclarer ? » asks about a profile, not from it: the legal answer."""
    assert _legal_question("fonctionnaires : ils doivent déclarer leurs gains Prolific ?")[0] == "ask_legal_status"
