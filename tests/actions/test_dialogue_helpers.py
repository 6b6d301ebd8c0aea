"""Pure helpers of the dialogue: a confirmed stop, a second question, the facts closest to a question."""

import pytest

from actions.knowledge.queries import Knowledge
from actions.legal import asked_topic, legal_reply
from actions.relevance import relevant_first
from actions.stop_choice import confirms_stop
from actions.two_questions import question_kinds


@pytest.mark.parametrize(
    "text",
    [
        "j'arrête",
        "stop le questionnaire",
        "je veux vraiment arrêter",
        "je confirme",
        "stop",
        "STOP !!",
        "Stop stop",
        "arrête",
        "arretez svp",
        "on arrête là",
        "stop merci",
        "quitter",
        "annuler",
        "stoooop",
    ],
)
def test_a_stop_that_confirms_itself(text):
    assert confirms_stop(text)


@pytest.mark.parametrize(
    "text",
    ["laisse tomber", "/stop", "bof", "on peut arrêter ?", "stop ?", "j'en ai marre", "arrête de me demander ça"],
)
def test_an_unclear_stop_is_asked_again(text):
    assert not confirms_stop(text)


def test_two_questions_in_one_message_are_both_seen():
    assert question_kinds("c quoi le portage et c'est quoi les inconvenients ?") == ["legal", "drawbacks"]
    assert question_kinds("les plateformes de micro-travail en français") == ["platforms"]


def test_what_a_status_costs_stays_a_legal_question():
    assert question_kinds("c quoi le portage et ça coûte combien ?") == ["legal"]


def test_the_fact_naming_the_question_comes_first():
    drawbacks = Knowledge().concept("microwork").drawbacks
    assert "exploitation" in relevant_first(drawbacks, "est-ce de l'exploitation ?")[0].text
    assert relevant_first(drawbacks, "/ask_disadvantages") == list(drawbacks)


def test_a_rates_question_gets_the_rates():
    topic = asked_topic(["declaration"], None, "quel taux de cotisation pour un auto-entrepreneur ?")
    assert topic == "micro_entreprise"
    assert "%" in legal_reply(Knowledge(), topic, 1, "quel taux de cotisation ?").text.split("\n")[1]


def test_cotisations_after_a_status_stay_on_it():
    assert asked_topic(["declaration"], "portage_salarial", "et les cotisations ?") == "portage_salarial"
    assert asked_topic(["declaration"], None, "comment déclarer mes gains ?") == "declaration"


def test_a_critique_names_its_concept_but_a_bare_question_asks_which():
    from actions.concepts import topic_reply
    from actions.knowledge.queries import Knowledge

    critique = topic_reply(Knowledge(), "ask_disadvantages", [], 1, "salariat deguisé c'est quoi")
    assert critique.text.startswith("Les inconvénients du micro-travail :") and "salariat déguisé" in critique.text
    bare = topic_reply(Knowledge(), "ask_disadvantages", [], 1, "quels sont les inconvénients ?")
    assert "Du micro-travail ou du freelance ?" in bare.text
    income = topic_reply(Knowledge(), "ask_income", [], 1, "ça rapporte combien par mois en moyenne ?")
    assert "Du micro-travail ou du freelance ?" in income.text


def test_every_pair_of_platforms_fits_in_one_short_message():
    import itertools

    from actions.knowledge.queries import Knowledge
    from actions.platforms import platforms_side_by_side

    knowledge = Knowledge()
    ids = sorted(p.id for p in knowledge.store.platforms.values())
    too_long = [
        (a, b, len(text))
        for a, b in itertools.combinations(ids, 2)
        if len(text := platforms_side_by_side(knowledge, [a, b], None).text) > 700
    ]
    assert not too_long


@pytest.mark.parametrize(
    ("topic", "question", "expected"),
    [
        ("portage_salarial", "c'est quoi le portage et ça coûte combien ?", "frais de gestion"),
        ("portage_salarial", "le portage salarial, quels frais ?", "frais de gestion"),
    ],
)
def test_a_cost_question_about_a_status_puts_what_it_costs_first(topic, question, expected):
    assert expected in legal_reply(Knowledge(), topic, 1, question).text.split("\n")[1]
