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


def _bullets_of_every_page(intent, concept, question):
    from actions.concepts import topic_reply
    from actions.knowledge.queries import Knowledge

    shown, page = [], 1
    while True:
        reply = topic_reply(Knowledge(), intent, [concept], page, question)
        shown += [line for line in reply.text.splitlines() if line.startswith("• ")]
        if not any(b["title"] == "Voir la suite" for b in reply.buttons):
            return shown
        page += 1


def test_a_concept_fact_that_goes_on_from_another_comes_right_after_it():
    """« Ce montant baisse… » speaks of the OIT figure before it, « Dans cette étude… » of Hara et al.: a question
    on unpaid time puts them first, but never without what they go on from."""
    shown = _bullets_of_every_page("ask_income", "microwork", "on gagne combien si on compte le temps non payé ?")
    position = {
        prefix: next(i for i, line in enumerate(shown) if line.startswith("• " + prefix))
        for prefix in ("Selon un rapport de l’OIT", "Ce montant baisse", "Une étude de 2018", "Dans cette étude")
    }
    assert position["Ce montant baisse"] == position["Selon un rapport de l’OIT"] + 1
    assert position["Dans cette étude"] == position["Une étude de 2018"] + 1
    assert len(shown) == len(set(shown))


def test_a_concept_fact_naming_the_concept_by_a_pronoun_keeps_the_question_s_order():
    """« Il convient aux… transitions de carrière » speaks of the micro-travail of the heading, not of the fact
    before it: it stays first."""
    shown = _bullets_of_every_page("ask_advantages", "microwork", "les avantages pour une transition de carrière ?")
    assert shown[0].startswith("• Il convient aux personnes") and len(shown) == len(set(shown))


def test_getting_started_puts_first_the_advice_the_question_asks_about():
    """« faut-il étudier les plateformes avant de démarrer ? » gets that advice first, not the store's first one."""
    from actions.getting_started import getting_started_reply
    from actions.knowledge.queries import Knowledge

    general = getting_started_reply(Knowledge(), [], 1, "faut-il étudier les plateformes avant de démarrer ?")
    assert general.text.splitlines()[1].startswith("• Étudiez les plateformes de votre choix")
    bare = getting_started_reply(Knowledge(), [], 1, "comment démarrer ?")
    assert bare.text.splitlines()[1].startswith("• Pour réussir votre transition")


def test_getting_started_in_a_concept_shows_the_general_advice_that_answers():
    """« se fixer des objectifs » is general advice: asked for micro-travail, it comes before its first steps."""
    from actions.getting_started import getting_started_reply
    from actions.knowledge.queries import Knowledge

    reply = getting_started_reply(
        Knowledge(), ["microwork"], 1, "se fixer des objectifs, ça aide pour débuter en micro-travail ?"
    )
    assert reply.text.startswith("Pour répondre à votre question :\n• Fixez des objectifs clairs et réalistes")
    assert "Pour débuter dans le micro-travail :" in reply.text and len(reply.text) <= 700
