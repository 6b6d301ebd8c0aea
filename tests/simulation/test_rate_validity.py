"""Dated figures: the simulation says « taux en vigueur au … » in their period, and warns past it (frozen clock)."""

import datetime as dt

from actions.knowledge.review import due_for_review
from actions.simulation.form import ActionSimulateIncome
from scripts.facts_report import report
from tests.support import make_tracker, text_of

ANSWERS = {"sim_activity": "bnc", "sim_turnover": "1800/mois", "sim_platform": "malt", "sim_acre": "none"}


def simulation_on(day: dt.date):
    class FrozenClock(ActionSimulateIncome):
        today = staticmethod(lambda: day)

    return FrozenClock()


def test_within_the_period_the_rates_are_in_force_on_that_day(run_action):
    messages, _ = run_action(simulation_on(dt.date(2026, 12, 1)), make_tracker("", "affirm", slots=ANSWERS))
    text = text_of(messages)
    assert "taux en vigueur au 01/12/2026" in text
    assert "période précédente" not in text


def test_past_the_period_the_same_figures_are_flagged_as_the_previous_ones(run_action):
    messages, _ = run_action(simulation_on(dt.date(2027, 1, 15)), make_tracker("", "affirm", slots=ANSWERS))
    text = text_of(messages)
    assert "avec les taux de la période précédente (du 01/01/2026 au 31/12/2026)" in text
    assert "vérifiez-les sur le site officiel de l'Urssaf" in text
    assert "taux en vigueur" not in text
    assert "− 460,80 € par mois" in text  # still answered, with the figures of the store


def test_the_sources_of_the_simulation_are_recorded_for_the_next_question(run_action):
    _, events = run_action(simulation_on(dt.date(2026, 12, 1)), make_tracker("", "affirm", slots=ANSWERS))
    sources = next(e["value"] for e in events if e.get("name") == "last_sources")
    assert {"taux_copilance", "malt_help_commission", "plafonds_rotek", "urssaf_autoentrepreneur"} <= set(sources)


def test_the_review_report_lists_rates_past_their_period_and_fees_past_six_months(store):
    assert due_for_review(store, dt.date(2026, 12, 1)) == []
    due = due_for_review(store, dt.date(2027, 1, 15))
    assert {d.entry for d in due} >= {"rates.yml: contribution_bnc", "rates.yml: vat_services"}
    assert "rates.yml: ceiling_services" not in {d.entry for d in due}  # 2026-2028, checked less than a year ago
    assert not any(d.kind.startswith("frais des plateformes") for d in due)
    later = {d.entry for d in due_for_review(store, dt.date(2027, 6, 1))}
    assert "platforms.yml: malt.fees[0]" in later and "rates.yml: commission_fiverr" in later


def test_the_report_names_each_due_fact_with_its_sources(store):
    lines = "\n".join(report(store, dt.date(2027, 1, 15)))
    assert "## taux et seuils (yearly)" in lines
    assert "rates.yml: contribution_bnc — période terminée le 31/12/2026" in lines
    assert "source : https://copilance.com/faq/taux-cotisations-sociales-micro-entreprise-2026" in lines
    assert report(store, dt.date(2026, 12, 1)) == ["Au 01/12/2026, aucun fait n'est à revérifier."]
