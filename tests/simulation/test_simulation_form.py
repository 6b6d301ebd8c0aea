"""The simulation form: the first message fills what it states, amounts are read back, failures re-ask."""

from actions.recommendation import recommendation_replies
from actions.simulation.form import ASK_ACTIONS, ValidateSimulateIncomeForm
from tests.support import make_tracker, slots, text_of, titles

ASK = {cls().name(): cls() for cls in ASK_ACTIONS}


def form_tracker(text, intent="inform", requested="sim_turnover", filled=None, failures=0, entities=None):
    values = {
        "requested_slot": requested,
        "active_loop": "simulate_income_form",
        "simulation_failures": failures,
        **(filled or {}),
    }
    return make_tracker(text, intent, entities, values)


def test_a_direct_question_fills_every_answer_it_states_and_says_nothing(run_action):
    messages, events = run_action(
        ValidateSimulateIncomeForm(),
        form_tracker("TJM 300 € sur Malt, 8 jours par mois, en libéral ?", "simulate_income", requested=None),
    )
    assert slots(events) == {"sim_turnover": "2400/mois", "sim_platform": "malt", "sim_activity": "bnc"}
    assert messages == []


def test_a_correction_of_the_amount_is_read_back_in_euros(run_action):
    messages, events = run_action(
        ValidateSimulateIncomeForm(),
        form_tracker("en fait 3k par mois", requested="sim_platform", filled={"sim_turnover": "1500/mois"}),
    )
    assert slots(events)["sim_turnover"] == "3000/mois"
    assert text_of(messages) == "C'est noté, je corrige votre réponse : « 3 000 € par mois »."


def test_dont_know_takes_the_named_default(run_action):
    messages, events = run_action(ValidateSimulateIncomeForm(), form_tracker("je sais pas", "dont_know"))
    assert slots(events) == {"sim_turnover": "1000/mois", "simulation_failures": 0}
    assert "par défaut, je prends 1 000 € par mois" in text_of(messages)


def test_a_negative_amount_counts_a_failure_and_the_question_comes_back_with_an_example(run_action):
    _, events = run_action(ValidateSimulateIncomeForm(), form_tracker("-800", failures=0))
    assert slots(events) == {"simulation_failures": 1}
    messages, _ = run_action(ASK["action_ask_sim_turnover"], form_tracker("-800", failures=1))
    assert text_of(messages).startswith("Je n'ai pas su placer votre réponse. Indiquez un montant en euros")
    assert "« 1 800 € par mois »" in text_of(messages)
    messages, _ = run_action(ASK["action_ask_sim_turnover"], form_tracker("-800", failures=2))
    assert "Arrêter le questionnaire" in titles(messages)


def test_the_freelance_recommendation_offers_a_simulation(knowledge):
    answers = {"schedule": "structured", "skills": "specialized", "income": "main", "career": "long_term"}
    _, replies = recommendation_replies(knowledge, {**answers, "autonomy": "high"})
    assert "Simuler mes revenus" in [b["title"] for b in replies[-1].buttons]
    _, replies = recommendation_replies(
        knowledge, {"schedule": "flexible", "skills": "basic", "income": "supplement", "career": "short_term"}
    )
    assert "Simuler mes revenus" not in [b["title"] for b in replies[-1].buttons]


def test_a_forged_button_value_or_a_huge_amount_is_refused(run_action):
    forged = form_tracker(
        '/inform{"sim_turnover": "../../etc/passwd"}', entities=[("sim_turnover", "../../etc/passwd")]
    )
    _, events = run_action(ValidateSimulateIncomeForm(), forged)
    assert slots(events) == {"simulation_failures": 1}
    _, events = run_action(ValidateSimulateIncomeForm(), form_tracker("9" * 5000 + " €"))
    assert slots(events) == {"simulation_failures": 1}
