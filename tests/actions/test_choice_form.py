"""The guided-choice form: reading answers, refusing, defaults, corrections, questions and the result."""

from actions.choice_form import ASK_ACTIONS, ValidateChoiceForm
from actions.recommendation import ActionRecommend, ActionResetChoice
from tests.support import make_tracker, slots, text_of, titles

ASK = {cls().name(): cls() for cls in ASK_ACTIONS}


def form_tracker(text, intent="inform", requested="schedule", entities=None, filled=None, events=None, failures=0):
    values = {"requested_slot": requested, "active_loop": "choice_form", "choice_failures": failures, **(filled or {})}
    return make_tracker(text, intent, entities, values, events)


def test_free_text_answer_fills_the_requested_slot(run_action):
    _, events = run_action(ValidateChoiceForm(), form_tracker("je veux bosser quand je veux"))
    assert slots(events) == {"schedule": "flexible", "choice_failures": 0}


def test_button_answer_fills_the_slot(run_action):
    _, events = run_action(
        ValidateChoiceForm(),
        form_tracker('/inform{"skills": "specialized"}', requested="skills", entities=[("skills", "specialized")]),
    )
    assert slots(events)["skills"] == "specialized"


def test_unplaceable_answer_counts_a_failure_and_fills_nothing(run_action):
    messages, events = run_action(ValidateChoiceForm(), form_tracker("banane", intent="inform", failures=1))
    assert slots(events) == {"choice_failures": 2}
    assert messages == []


def test_a_question_in_the_middle_is_left_to_the_rules(run_action):
    _, events = run_action(
        ValidateChoiceForm(),
        form_tracker("c'est quoi Malt ?", intent="ask_platform_info", entities=[("platform", "malt")]),
    )
    assert events == []  # rejected: the question is answered, then the form asks again


def test_dont_know_takes_the_default_and_says_so(run_action):
    messages, events = run_action(
        ValidateChoiceForm(), form_tracker("aucune idée", intent="dont_know", requested="income")
    )
    assert slots(events)["income"] == "supplement"
    assert text_of(messages).startswith("Pas de souci : par défaut, je retiens un complément de revenu")


def test_correction_of_an_earlier_answer(run_action):
    tracker = form_tracker(
        "en fait j'ai des compétences en développement",
        requested="career",
        filled={"schedule": "flexible", "skills": "basic", "income": "main"},
    )
    messages, events = run_action(ValidateChoiceForm(), tracker)
    assert slots(events) == {"skills": "specialized"}
    assert text_of(messages) == "C'est noté, je corrige votre réponse : « Oui, une compétence à vendre »."


def test_answer_without_correction_word_does_not_change_earlier_answers(run_action):
    tracker = form_tracker("j'ai des compétences en développement", requested="career", filled={"skills": "basic"})
    _, events = run_action(ValidateChoiceForm(), tracker)
    assert "skills" not in slots(events)


def test_yes_after_the_stop_question_is_left_to_the_stop_rules(run_action):
    bot = {
        "event": "bot",
        "text": "Voulez-vous vraiment arrêter ?",
        "metadata": {"utter_action": "utter_ask_stop_confirm"},
    }
    _, events = run_action(ValidateChoiceForm(), form_tracker("oui", intent="affirm", events=[bot]))
    assert events == []


def test_question_has_buttons_for_each_value_and_dont_know(run_action):
    messages, _ = run_action(ASK["action_ask_schedule"], form_tracker("", failures=0))
    assert text_of(messages).startswith("Question 1/5 : ")
    assert titles(messages) == [
        "Quand je veux, par créneaux",
        "Horaires réguliers, journées entières",
        "Je ne sais pas",
    ]


def test_question_is_rephrased_after_a_failure(run_action):
    messages, _ = run_action(ASK["action_ask_income"], form_tracker("", requested="income", failures=1))
    assert text_of(messages).startswith("Je n'ai pas su placer votre réponse. Autrement dit : ")


def test_after_repeated_failures_the_bot_offers_to_stop(run_action):
    messages, _ = run_action(ASK["action_ask_income"], form_tracker("", requested="income", failures=2))
    assert "arrêter le questionnaire" in text_of(messages)
    assert titles(messages)[-2:] == ["Je ne sais pas", "Arrêter le questionnaire"]


def test_recommendation_explains_each_criterion_and_names_platforms(run_action):
    filled = dict(schedule="flexible", skills="basic", income="supplement", career="short_term", autonomy="low")
    messages, events = run_action(ActionRecommend(), make_tracker("", "inform", slots=filled))
    first, second = messages[0]["text"], messages[1]["text"]
    assert first.startswith("Ma recommandation : le micro-travail.")
    assert "Vous cherchez un complément de revenu : " in first
    assert first.count("• ") == 5
    assert second.startswith("Plateformes à regarder en premier :") and "Prochaines étapes :" in second
    assert "Clickworker" in second or "Wirk" in second
    assert slots(events)["recommendation"] == "microwork"
    assert "Recommencer" in titles(messages) and "Comparer" in titles(messages)


def test_freelance_recommendation_points_to_a_legal_status(run_action):
    filled = dict(schedule="structured", skills="specialized", income="main", career="long_term", autonomy="high")
    messages, events = run_action(ActionRecommend(), make_tracker("", "inform", slots=filled))
    assert messages[0]["text"].startswith("Ma recommandation : le freelance.")
    assert "micro-entreprise ou portage salarial" in messages[1]["text"]
    assert slots(events)["recommendation"] == "freelancing"


def test_mixed_recommendation_suggests_starting_with_microwork(run_action):
    filled = dict(schedule="flexible", skills="basic", income="main", career="long_term", autonomy="high")
    messages, events = run_action(ActionRecommend(), make_tracker("", "inform", slots=filled))
    assert messages[0]["text"].startswith("Ma recommandation : un parcours mixte.")
    assert "commencer par le micro-travail" in messages[0]["text"]
    assert slots(events)["recommendation"] == "mixed"


def test_reset_clears_every_answer(run_action):
    messages, events = run_action(
        ActionResetChoice(), make_tracker("recommencer", "restart_choice", slots={"schedule": "flexible"})
    )
    recorded = slots(events)
    cleared = {k: v for k, v in recorded.items() if k not in ("last_sources", "last_checked")}
    assert all(value is None for value in cleared.values())
    assert "schedule" in cleared and "recommendation" in cleared
    assert text_of(messages).startswith("C'est parti !")
    # what the seed says to ask oneself, recorded as the sources of the answer
    assert "horaires fixes ou variables" in text_of(messages) and slots(events)["last_sources"] == ["seed_comparatif"]
