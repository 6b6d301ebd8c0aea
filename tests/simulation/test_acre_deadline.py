"""The ACRE request deadline is shown only where the store's ACRE fact gives one, in the fact's own figure."""

import datetime as dt
from decimal import Decimal

from actions.simulation.amounts import Amount
from actions.simulation.compute import Inputs, simulate
from actions.simulation.reply import simulation_replies

TODAY = dt.date(2026, 12, 1)


def checks_for(knowledge, acre):
    inputs = Inputs("bnc", Amount(Decimal(1800), "mois"), "none", acre)
    return simulation_replies(knowledge, simulate(inputs, knowledge.store.rates), TODAY)[1].text


def test_a_business_created_before_july_2026_gets_no_deadline_the_store_does_not_give(knowledge):
    text = checks_for(knowledge, "before_july_2026")
    assert "• ACRE : 230,40 € de cotisations en moins par mois pendant les 12 premiers mois." in text
    assert "jours" not in text


def test_from_july_2026_the_deadline_is_the_one_of_its_fact(knowledge):
    rate = knowledge.store.rates["acre_from_july_2026"]
    assert rate.request_within_days == 60 and "dans les 60 jours" in rate.fact.text
    assert "à demander à l'Urssaf dans les 60 jours." in checks_for(knowledge, "from_july_2026")
