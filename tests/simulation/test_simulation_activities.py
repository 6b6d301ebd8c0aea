"""The activity read from a trade: CIPAV professions (the law's list, in the store), crafts, and the health
professions the micro-entreprise does not admit, which are explained instead of simulated at a wrong rate."""

import pytest

from actions.knowledge.folding import fold
from actions.simulation.answers import CIPAV_PROFESSIONS, HEALTH_PROFESSIONS, names_health_profession, parse_choice


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("je suis architecte", "cipav"),
        ("architecte d'intérieur", "cipav"),
        ("maitre d'oeuvre", "cipav"),
        ("maître d’œuvre", "cipav"),
        ("ostéopathe", "cipav"),
        ("psychologue en libéral", "cipav"),
        ("moniteur de ski l'hiver", "cipav"),
        ("guide conférencière", "cipav"),
        ("plombier", "bic_services"),
        ("électricien à mon compte", "bic_services"),
        ("coiffeuse à domicile", "bic_services"),
        ("je suis maçon", "bic_services"),
        ("développeuse freelance", "bnc"),
        ("je vends des bijoux", "sales"),
    ],
)
def test_a_trade_gives_its_activity(text, activity):
    assert parse_choice("sim_activity", text) == activity


HEALTH = ["infirmière libérale", "je suis kiné", "kinésithérapeute", "orthophoniste", "médecin"]


@pytest.mark.parametrize("text", HEALTH)
def test_a_health_profession_outside_the_micro_entreprise_is_not_simulated_as_services(text):
    assert names_health_profession(text)
    assert parse_choice("sim_activity", text) is None


def test_the_professions_the_parser_knows_are_those_the_store_states(store):
    facts = " ".join(fold(f.text) for f in store.legal["micro_entreprise"].facts)
    for profession in CIPAV_PROFESSIONS + HEALTH_PROFESSIONS:
        assert fold(profession) in facts, profession


def test_the_store_explains_the_health_professions_with_its_sources(knowledge):
    from actions.simulation.form import health_professions_fact

    fact = health_professions_fact(knowledge)
    assert "n’ont pas accès à la micro-entreprise" in fact.text and fact.sources
