"""The rating is offered after knowledge-search answers and simulations too, and filed under the answer it rates."""

import datetime as dt

from actions.feedback import COUNTER_SLOT, FEEDBACK_QUESTION, ActionFeedback
from actions.search import ActionKnowledgeSearch
from actions.simulation.form import ActionSimulateIncome
from tests.support import make_tracker, slots, text_of, titles

FOUND = "c combien le plafond de CA en micro entreprise"
UNKNOWN = "quel est le numéro de téléphone du service client de Malt ?"
ANSWERS = {"sim_activity": "bnc", "sim_turnover": "1800/mois", "sim_platform": "malt", "sim_acre": "none"}


def test_a_search_answer_counts_and_the_third_answer_asks_whether_it_helped(run_action):
    messages, events = run_action(ActionKnowledgeSearch(), make_tracker(FOUND, "nlu_fallback"))
    assert FEEDBACK_QUESTION not in text_of(messages)
    assert slots(events)[COUNTER_SLOT] == 1

    messages, events = run_action(
        ActionKnowledgeSearch(), make_tracker(FOUND, "nlu_fallback", slots={COUNTER_SLOT: 2.0})
    )
    assert messages[-1]["text"] == FEEDBACK_QUESTION
    assert titles(messages)[-2:] == ["👍 Utile", "👎 Pas utile"]
    assert slots(events)["last_topic"] == "knowledge_search"


def test_the_honest_answer_is_not_rated_and_not_counted(run_action):
    messages, events = run_action(
        ActionKnowledgeSearch(), make_tracker(UNKNOWN, "nlu_fallback", slots={COUNTER_SLOT: 2.0})
    )
    assert "Je n'ai pas d'information fiable" in text_of(messages)
    assert FEEDBACK_QUESTION not in text_of(messages)
    assert COUNTER_SLOT not in slots(events)


def test_a_simulation_always_ends_with_the_rating_question(run_action):
    class OnTheFirstOfDecember(ActionSimulateIncome):
        today = staticmethod(lambda: dt.date(2026, 12, 1))

    messages, events = run_action(OnTheFirstOfDecember(), make_tracker("", "affirm", slots=ANSWERS))
    assert "1 123,20 € par mois" in text_of(messages)
    assert messages[-1]["text"] == FEEDBACK_QUESTION
    assert slots(events)["last_topic"] == "simulation"


def test_a_rating_after_a_simulation_is_filed_under_the_simulation(run_action):
    tracker = make_tracker("👎 Pas utile", "feedback", [("rating", "useless")], slots={"last_topic": "simulation"})
    _, events = run_action(ActionFeedback(), tracker)
    assert slots(events)["last_feedback"] == {"rating": "useless", "answer": "simulation"}
