"""Hours of micro-work per day or « dans le mois » are read as said; per day, the days counted are stated."""

from actions.concepts import ActionAnswerConcept
from tests.support import make_tracker, text_of


def answer(run_action, text):
    messages, _ = run_action(ActionAnswerConcept(), make_tracker(text, "ask_income", [("concept", "microwork")]))
    return text_of(messages)


def test_hours_in_the_month_are_per_month(run_action):
    # 20 h x 2 $ = 40, x 15 $ = 300
    text = answer(run_action, "20 heures dans le mois de micro-travail, ça rapporte combien ?")
    assert text.startswith("Pour 20 h par mois de micro-travail")
    assert "soit environ 40 $ par mois" in text and "soit environ 300 $ par mois" in text


def test_hours_per_day_without_days_state_the_days_counted(run_action):
    # 2 h x 5 days = 10 h a week; x 52 / 12 = 43.3 h a month: x 2 $ = 87, x 15 $ = 650
    text = answer(run_action, "2 h par jour de micro-travail, ça rapporte combien ?")
    assert text.startswith("Pour 2 h par jour, en comptant 5 jours par semaine (environ 43 h par mois)")
    assert "soit environ 87 $ par mois" in text and "soit environ 650 $ par mois" in text
    assert len(text) <= 700


def test_hours_per_day_with_the_days_of_the_week(run_action):
    # 2 h x 3 days = 6 h a week = 26 h a month: x 2 $ = 52
    text = answer(run_action, "2 h par jour, 3 jours par semaine, en micro-travail ça paie combien ?")
    assert text.startswith("Pour 2 h par jour, 3 jours par semaine (environ 26 h par mois)")
    assert "soit environ 52 $ par mois" in text


def test_the_longest_day_still_fits_a_message(run_action):
    text = answer(run_action, "16 h par jour de micro-travail, ça rapporte combien ?")
    assert text.startswith("Pour 16 h par jour, en comptant 5 jours par semaine (environ 347 h par mois)")
    assert len(text) <= 700
