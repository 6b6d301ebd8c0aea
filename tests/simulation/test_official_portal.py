"""The simulation's pointer to the Urssaf portal is stated plainly, from pages that name it, never « à vérifier »."""

import datetime as dt
from decimal import Decimal

from actions.simulation.amounts import Amount
from actions.simulation.compute import Inputs, simulate
from actions.simulation.reply import simulation_replies


def test_the_simulation_ends_on_the_urssaf_portal_without_discrediting_it(knowledge):
    inputs = Inputs("bnc", Amount(Decimal(1800), "mois"), "none", "none")
    _, checks = simulation_replies(knowledge, simulate(inputs, knowledge.store.rates), dt.date(2026, 12, 1))
    assert checks.text.endswith("sur le portail de l’Urssaf : autoentrepreneur.urssaf.fr.")
    assert "à vérifier" not in checks.text
    portal = knowledge.store.official_simulator
    assert portal.status != "unverified" and len(portal.sources) >= 2
