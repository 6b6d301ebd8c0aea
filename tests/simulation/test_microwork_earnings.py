"""« 6 h par semaine de micro-travail, ça rapporte combien ? » gets a range from the published figures."""

from actions.concepts import ActionAnswerConcept
from tests.support import make_tracker, text_of


def test_hours_per_week_give_a_monthly_range_with_its_assumption(run_action):
    messages, events = run_action(
        ActionAnswerConcept(),
        make_tracker(
            "6 h par semaine de micro-travail, ça rapporte combien ?", "ask_income", [("concept", "microwork")]
        ),
    )
    text = text_of(messages)
    # 6 h x 52 weeks / 12 months = 26 h per month: 26 x 2 = 52, 26 x 4.43 = 115.18, 26 x 8 = 208, 26 x 15 = 390
    assert text.startswith("Pour 6 h par semaine de micro-travail (environ 26 h par mois)")
    for figure in ("soit environ 52 $ par mois", "soit environ 115 $ par mois", "soit environ 208 $ par mois",
                   "soit environ 390 $ par mois"):  # fmt: skip
        assert figure in text
    assert "Hara et al., 2018" in text and "OIT (2018" in text and "Prolific en 2023" in text
    assert "le temps passé à chercher des tâches ne l'est pas" in text
    assert len(text) <= 700
    sources = next(e["value"] for e in events if e.get("name") == "last_sources")
    assert "prolific_payment_principles" in sources


def test_hours_per_month_and_decimals(run_action):
    messages, _ = run_action(ActionAnswerConcept(), make_tracker("2,5 h par mois, ça paie combien ?", "ask_income"))
    # 2.5 h x 15 $ = 37.5 -> 38
    assert text_of(messages).startswith("Pour 2,5 h par mois de micro-travail")
    assert "soit environ 38 $ par mois" in text_of(messages)


def test_without_hours_the_usual_income_answer_is_given(run_action):
    messages, _ = run_action(
        ActionAnswerConcept(), make_tracker("ça paie combien ?", "ask_income", [("concept", "microwork")])
    )
    assert text_of(messages).startswith("Ce que rapporte")
