"""Feedback: offered after every third substantive answer, never in the questionnaire; ratings answered."""

import pytest

from actions.comparison import ActionCompare
from actions.concepts import ActionAnswerConcept
from actions.feedback import FEEDBACK_QUESTION, ActionFeedback, feedback_due, rating_of
from actions.recommendation import ActionRecommend
from tests.support import make_tracker, slots, text_of, titles


def test_feedback_is_due_every_third_answer_and_never_in_a_form():
    assert [feedback_due(n, in_form=False) for n in range(4)] == [False, False, True, True]
    assert not feedback_due(5, in_form=True)
    assert feedback_due(0, in_form=False, always=True)
    assert not feedback_due(0, in_form=True, always=True)


def test_third_answer_asks_whether_it_helped(run_action):
    tracker = make_tracker("comparer", "ask_comparison", slots={"answers_since_feedback": 2.0})
    messages, events = run_action(ActionCompare(), tracker)
    assert FEEDBACK_QUESTION in text_of(messages)
    assert {"👍 Utile", "👎 Pas utile"} <= set(titles(messages))
    assert slots(events)["answers_since_feedback"] == 0.0


def test_first_answer_only_counts(run_action):
    tracker = make_tracker("c'est quoi le micro-travail ?", "ask_definition", [("concept", "microwork")])
    messages, events = run_action(ActionAnswerConcept(), tracker)
    assert FEEDBACK_QUESTION not in text_of(messages)
    assert slots(events)["answers_since_feedback"] == 1.0


def test_no_rating_question_during_the_questionnaire(run_action):
    tracker = make_tracker(
        "c'est quoi le freelance ?",
        "ask_definition",
        [("concept", "freelancing")],
        slots={"answers_since_feedback": 5.0, "active_loop": "choice_form"},
    )
    messages, _ = run_action(ActionAnswerConcept(), tracker)
    assert FEEDBACK_QUESTION not in text_of(messages)


def test_a_question_without_facts_is_not_a_substantive_answer(run_action):
    messages, events = run_action(
        ActionAnswerConcept(), make_tracker("les avantages ?", "ask_advantages", slots={"answers_since_feedback": 2.0})
    )
    assert FEEDBACK_QUESTION not in text_of(messages)
    assert "answers_since_feedback" not in slots(events)


def test_the_recommendation_always_asks(run_action):
    messages, _ = run_action(ActionRecommend(), make_tracker("", "inform"))
    assert FEEDBACK_QUESTION in text_of(messages)


@pytest.mark.parametrize(
    "text, rating",
    [
        ("ça ne répond pas à ma question", "useless"),
        ("pas utile", "useless"),
        ("réponse nulle", "useless"),
        ("je n’ai rien compris", "useless"),
        ("super merci c'était clair", "useful"),
        ("pas mal du tout cette explication", "useful"),
        ("👍", "useful"),
        # a negated complaint is praise; a complaint or a negated praise is not
        ("parfait, aucun souci", "useful"),
        ("pas de problème, merci beaucoup", "useful"),
        ("rien à redire", "useful"),
        ("c'était utile, pas de souci", "useful"),
        ("parfait, ça répond à ma question", "useful"),
        ("bof", "useless"),
        ("👎", "useless"),
        ("ça répond pas du tout à ce que j'ai demandé", "useless"),
        ("c'est à côté de la plaque", "useless"),
        ("hors sujet ta réponse", "useless"),
        ("pas très utile cette réponse", "useless"),
        ("non", "useless"),
        ("c'est pas ce que je demandais", "useless"),
    ],
)
def test_free_text_ratings(text, rating):
    assert rating_of(text, None) == rating


def test_negative_rating_apologises_and_offers_a_human(run_action):
    tracker = make_tracker(
        '/feedback{"rating": "useless"}',
        "feedback",
        [("rating", "useless")],
        slots={"last_topic": "comparison", "concept": "microwork"},
    )
    messages, events = run_action(ActionFeedback(), tracker)
    assert text_of(messages).startswith("Désolé que cette réponse ne vous ait pas aidé.")
    assert "Parler à un humain" in titles(messages) and "Avantages" in titles(messages)
    assert slots(events)["last_feedback"] == {"rating": "useless", "answer": "comparison"}


def test_positive_free_text_rating_thanks(run_action):
    tracker = make_tracker("super merci c'était clair", "feedback", slots={"last_topic": "advantages"})
    messages, events = run_action(ActionFeedback(), tracker)
    assert text_of(messages).startswith("Merci pour votre retour !")
    assert titles(messages)
    assert slots(events)["last_feedback"] == {"rating": "useful", "answer": "advantages"}


@pytest.mark.parametrize(
    ("rated", "same_answer"),
    [("advantages", "Avantages"), ("drawbacks", "Inconvénients"), ("comparison", "Comparer les deux")],
)
def test_a_useless_answer_is_not_offered_again_among_the_other_topics(run_action, rated, same_answer):
    tracker = make_tracker(
        "ça ne répond pas à ma question",
        "feedback",
        slots={"last_topic": rated, "concept": "microwork"},
    )
    messages, _ = run_action(ActionFeedback(), tracker)
    offered = titles(messages)
    assert same_answer not in offered
    assert len([t for t in offered if t not in ("Parler à un humain", "Que savez-vous faire ?")]) == 2
