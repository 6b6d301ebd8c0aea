"""Concept answers, comparison, follow-ups and sources, as the user reads them."""

import json

import pytest

from actions.comparison import ActionCompare
from actions.concepts import ActionAnswerConcept
from actions.follow_up import ActionFollowUpConcept
from actions.legal import ActionLegalStatus
from actions.sources import ActionShowSources
from tests.support import make_tracker, slots, text_of, titles


def test_definition_of_microwork(run_action):
    messages, events = run_action(
        ActionAnswerConcept(),
        make_tracker("c'est quoi le micro-travail ?", "ask_definition", [("concept", "microwork")]),
    )
    text = text_of(messages)
    assert text.startswith("Micro-travail : ")
    assert "tâches simples et répétitives" in text
    assert {"Avantages", "Inconvénients"} <= set(titles(messages))
    assert slots(events)["concept"] == "microwork"
    assert "seed_comparatif" in slots(events)["last_sources"]


def test_definition_without_concept_answers_both(run_action):
    messages, _ = run_action(ActionAnswerConcept(), make_tracker("c'est quoi ?", "ask_definition"))
    text = text_of(messages)
    assert "Micro-travail : " in text and "Freelance : " in text


def test_drawbacks_follow_the_concept_of_the_conversation(run_action):
    tracker = make_tracker("et ses inconvénients ?", "ask_disadvantages", slots={"concept": "freelancing"})
    messages, _ = run_action(ActionAnswerConcept(), tracker)
    text = text_of(messages)
    assert text.startswith("Les inconvénients du freelance :")
    assert "Les revenus du freelance sont instables." in text and "isolement professionnel" in text


def test_advantages_without_any_concept_ask_which_one(run_action):
    messages, _ = run_action(ActionAnswerConcept(), make_tracker("les avantages ?", "ask_advantages"))
    assert "Du micro-travail ou du freelance ?" in text_of(messages)
    assert titles(messages) == ["Micro-travail", "Freelance"]


def test_long_lists_are_paged_with_a_next_button(run_action, knowledge):
    messages, _ = run_action(
        ActionAnswerConcept(), make_tracker("avantages micro-travail", "ask_advantages", [("concept", "microwork")])
    )
    assert "Voir la suite" in titles(messages)
    first = text_of(messages)
    messages, _ = run_action(
        ActionAnswerConcept(),
        make_tracker(
            '/ask_advantages{"concept": "microwork", "page": "2"}',
            "ask_advantages",
            [("concept", "microwork"), ("page", "2")],
        ),
    )
    assert text_of(messages) != first
    assert knowledge.concept("microwork").advantages[5].text in text_of(messages)


def test_comparison_gives_both_sides_per_criterion(run_action):
    messages, events = run_action(ActionCompare(), make_tracker("quelle différence ?", "ask_comparison"))
    text = text_of(messages)
    assert text.count("– Micro-travail : ") == text.count("– Freelance : ") == 4
    assert "Flexibilité" in text and "Indépendance" in text
    assert titles(messages)[:2] == ["Autres critères", "Aidez-moi à choisir"]
    assert slots(events)["last_topic"] == "comparison"


def test_comparison_next_page_shows_other_criteria(run_action):
    messages, _ = run_action(
        ActionCompare(), make_tracker('/ask_comparison{"page": "2"}', "ask_comparison", [("page", "2")])
    )
    assert "Rémunération" in text_of(messages) and "Nature du travail" not in text_of(messages)


def criteria_headings(messages) -> list:
    text = text_of(messages)
    return [block.split("\n")[0].split(" : ")[0] for block in text.split("\n\n")[1 if "critère par" in text else 0 :]]


@pytest.mark.parametrize(
    "question, criterion",
    [
        ("le freelance est il mieux paye que le micro travail ?", "Rémunération"),
        ("niveau couverture sociale, lequel des deux est le moins risqué ?", "Protection sociale"),
        ("pour se faire des contacts pro, micro-travail ou freelance ?", "Réseau professionnel"),
        ("lequel des deux est le plus facile pour commencer sans experience ?", "Facilité d’accès"),
    ],
)
def test_comparison_puts_the_criterion_asked_about_first(run_action, question, criterion):
    messages, _ = run_action(ActionCompare(), make_tracker(question, "ask_comparison"))
    assert criteria_headings(messages)[0] == criterion, text_of(messages)


def test_comparison_without_a_criterion_keeps_the_seed_table_order(run_action):
    messages, _ = run_action(ActionCompare(), make_tracker("quelles différences entre les deux ?", "ask_comparison"))
    assert criteria_headings(messages)[:2] == ["Nature du travail", "Compétences requises"]


def test_comparison_pages_after_a_criterion_show_every_other_criterion_once(run_action, knowledge):
    question = "le freelance est il mieux paye que le micro travail ?"
    asked = {"event": "user", "text": question, "parse_data": {"intent": {"name": "ask_comparison"}}}
    seen = criteria_headings(run_action(ActionCompare(), make_tracker(question, "ask_comparison"))[0])
    for page in ("2", "3", "4"):
        click = make_tracker(f'/ask_comparison{{"page": "{page}"}}', "ask_comparison", [("page", page)], events=[asked])
        seen += criteria_headings(run_action(ActionCompare(), click)[0])
    assert sorted(seen) == sorted(c.label for c in knowledge.comparison())


def test_follow_up_answers_the_previous_topic_for_the_new_concept(run_action):
    tracker = make_tracker(
        "et le freelance ?",
        "specify_concept",
        [("concept", "freelancing")],
        slots={"last_topic": "drawbacks", "concept": "freelancing"},
    )
    messages, _ = run_action(ActionFollowUpConcept(), tracker)
    assert "inconvénients" in text_of(messages).lower() and "freelance" in text_of(messages)


def test_follow_up_on_platforms_lists_that_kind(run_action):
    tracker = make_tracker(
        "et pour le micro-travail ?", "specify_concept", [("concept", "microwork")], slots={"last_topic": "platforms"}
    )
    text = text_of(run_action(ActionFollowUpConcept(), tracker)[0])
    assert "Clickworker" in text and "Malt" not in text


def test_sources_of_the_previous_answer(run_action):
    tracker = make_tracker(
        "c'est quoi ta source ?",
        "ask_source",
        slots={"last_sources": ["seed_comparatif", "malt_help_commission"], "last_checked": "2026-11-25"},
    )
    text = text_of(run_action(ActionShowSources(), tracker)[0])
    assert "vérifiées le 25/11/2026" in text
    assert "https://help.malt.com" in text
    assert "Quelle est la différence entre le microwork et le freelancing" in text


def test_sources_before_any_answer_say_so(run_action):
    text = text_of(run_action(ActionShowSources(), make_tracker("ta source ?", "ask_source"))[0])
    assert "pas encore donné d'information sourcée" in text


def test_comparison_states_the_seed_table_ratings_with_their_source(run_action, knowledge):
    messages, events = run_action(ActionCompare(), make_tracker("quelle différence ?", "ask_comparison"))
    text = text_of(messages)
    assert "Flexibilité : élevée pour le micro-travail, modérée pour le freelance" in text
    assert "Indépendance professionnelle : faible pour le micro-travail, élevée pour le freelance" in text
    assert "seed_comparatif" in slots(events)["last_sources"]


def test_comparison_says_what_each_path_leads_to_in_the_long_run(run_action):
    messages, _ = run_action(
        ActionCompare(), make_tracker('/ask_comparison{"page": "2"}', "ask_comparison", [("page", "2")])
    )
    assert (
        "Sur la durée : Le micro-travail reste limité en termes de développement professionnel et de "
        "rémunération. Le freelance permet des projets de longue durée et offre des opportunités de croissance."
    ) in text_of(messages)


def test_comparison_page_past_the_end_starts_again(run_action):
    messages, _ = run_action(
        ActionCompare(), make_tracker('/ask_comparison{"page": "99"}', "ask_comparison", [("page", "99")])
    )
    assert text_of(messages).startswith("Micro-travail ou freelance, critère par critère :")
    assert titles(messages)[0] == "Autres critères"


def first_bullet(messages) -> str:
    return text_of(messages).split("\n• ")[1]


def test_an_income_question_answered_by_a_drawback_gets_it_first(run_action):
    tracker = make_tracker("en freelance mes revenus seront réguliers ?", "ask_income", [("concept", "freelancing")])
    messages, _ = run_action(ActionAnswerConcept(), tracker)
    assert text_of(messages).startswith("Ce que rapporte le freelance :")
    assert "instables" in first_bullet(messages)


@pytest.mark.parametrize(
    "question, intent, concept, topic",
    [
        ("quels sont les avantages du micro-travail ?", "ask_advantages", "microwork", "advantages"),
        ("quels sont les atouts du freelance ?", "ask_advantages", "freelancing", "advantages"),
        ("les points forts du freelance ?", "ask_advantages", "freelancing", "advantages"),
        ("le freelance, ses inconvénients ?", "ask_disadvantages", "freelancing", "drawbacks"),
        ("quels défauts a le micro-travail ?", "ask_disadvantages", "microwork", "drawbacks"),
    ],
)
def test_a_bare_topic_question_keeps_the_topics_own_facts_in_order(run_action, store, question, intent, concept, topic):
    messages, _ = run_action(ActionAnswerConcept(), make_tracker(question, intent, [("concept", concept)]))
    bullets = text_of(messages).split("\n• ")[1:3]
    own = getattr(store.concepts[concept], topic)
    assert [b[:40] for b in bullets] == [own[0].text[:40], own[1].text[:40]], bullets


def walk_pages(run_action, action, question, intent, entities):
    """The texts of every page of one answer, following its « Voir la suite » buttons as a user clicks them."""
    typed = {"event": "user", "text": question, "parse_data": {"intent": {"name": intent}, "entities": []}}
    messages, _ = run_action(action, make_tracker(question, intent, entities, events=[typed]))
    pages = [text_of(messages)]
    while len(pages) < 20:
        more = [b for m in messages for b in (m.get("buttons") or []) if b["title"] == "Voir la suite"]
        if not more:
            return pages
        payload = more[0]["payload"]
        clicked = json.loads(payload[payload.index("{") :])
        click = {"event": "user", "text": payload, "parse_data": {"intent": {"name": intent}, "entities": []}}
        tracker = make_tracker(payload, intent, list(clicked.items()), events=[typed, click])
        messages, _ = run_action(action, tracker)
        pages.append(text_of(messages))
    raise AssertionError("the pages never end")


@pytest.mark.parametrize(
    "question, intent, concept, topic",
    [
        ("combien de micro-travailleurs en France ?", "ask_income", "microwork", "income"),
        ("en freelance mes revenus seront réguliers ?", "ask_income", "freelancing", "income"),
        ("le micro travail c'est de l'exploitation ?", "ask_disadvantages", "microwork", "drawbacks"),
    ],
)
def test_the_pages_of_an_answer_show_each_fact_once(run_action, knowledge, question, intent, concept, topic):
    pages = walk_pages(run_action, ActionAnswerConcept(), question, intent, [("concept", concept)])
    shown = "\n".join(pages)
    for fact in getattr(knowledge.concept(concept), topic):
        assert shown.count(fact.text[:60]) == 1, (fact.text[:60], len(pages))


def test_the_pages_of_a_legal_answer_show_each_fact_of_the_topic_once(run_action, knowledge):
    question = "la micro-entreprise ça coûte combien en cotisations ?"
    pages = walk_pages(
        run_action, ActionLegalStatus(), question, "ask_legal_status", [("legal_topic", "micro_entreprise")]
    )
    shown = "\n".join(pages)
    assert len(pages) > 1
    for fact in knowledge.legal_topic("micro_entreprise").facts:
        assert shown.count(fact.text[:60]) == 1, (fact.text[:60], len(pages))


def test_facts_from_another_topic_are_not_shown_under_the_topics_heading(run_action):
    tracker = make_tracker("combien de micro-travailleurs en France ?", "ask_income", [("concept", "microwork")])
    text = text_of(run_action(ActionAnswerConcept(), tracker)[0])
    assert text.startswith("Pour répondre à votre question :\n• "), text
    assert text.index("14 903") < text.index("Ce que rapporte le micro-travail :\n• "), text


def test_an_income_question_about_stability_gets_the_drawback_that_answers_it(run_action):
    tracker = make_tracker("le micro-travail, ça assure un revenu stable ?", "ask_income", [("concept", "microwork")])
    text = text_of(run_action(ActionAnswerConcept(), tracker)[0])
    assert text.startswith("Pour répondre à votre question :\n• L’absence de stabilité financière"), text


@pytest.mark.parametrize(
    "text, intent, unwanted",
    [
        ("le gros avantage du micro-travail niveau horaires ?", "ask_advantages", "drawbacks"),
        ("le plus gros avantage du micro-travail côté charge de travail ?", "ask_advantages", "drawbacks"),
    ],
)
def test_an_advantage_asked_for_is_never_answered_by_a_drawback(run_action, knowledge, text, intent, unwanted):
    """The other side of the same concept answers the opposite question: it does not lead the answer."""
    concept = "microwork" if "micro" in text else "freelancing"
    tracker = make_tracker(text, intent, [("concept", concept)])
    reply = text_of(run_action(ActionAnswerConcept(), tracker)[0])
    opposite = [f.text[:50] for f in getattr(knowledge.concept(concept), unwanted)]
    assert not any(fact in reply for fact in opposite), reply
