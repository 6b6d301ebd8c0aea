"""A rate, ceiling or threshold stated outside rates.yml names its rate there: it carries that rate's period, and
the two files cannot disagree (the fact must state a figure of the rate's own text)."""

import pytest

from actions.knowledge.catalogue import topic_facts as all_facts
from actions.knowledge.figures import figures_in
from actions.knowledge.loader import load_store
from actions.knowledge.reader import KnowledgeError

# facts that state the same number as a rate for another reason, read one by one
COINCIDENCES = (
    "demandeurs qui paient une commission de 20 %",  # Amazon Mechanical Turk's requester fee, not Fiverr's
    "20 % supplémentaires s’appliquent",  # idem
    "contre 20 % dans les anciennes documentations",  # Toloka's former requester fee
    "Avant 2023, Upwork prélevait 20 %",  # Upwork's former fee
    "de 15 à 20 % selon l’offre",  # Malt's client fees
    "micro-BIC de 50 % pour les services",  # the income-tax allowance, not the ACRE rate
    "(34 % pour les BNC, 50 % pour",  # idem
)


def french(rate):
    number = f"{rate.value:,.0f}".replace(",", " ") if rate.value.is_integer() else f"{rate.value:g}".replace(".", ",")
    return f"{number} {'%' if rate.unit == 'percent' else '€'}"


def dated_rates(store):
    return [r for r in store.rates.values() if r.unit in ("percent", "euros") and r.value and r.review != "fixed"]


def test_every_fact_stating_a_dated_figure_names_its_rate_and_carries_its_period(store):
    missing = []
    for item in all_facts(store):
        if item.path[0] == "rates":
            continue
        stated = figures_in(item.fact.text)
        for rate in dated_rates(store):
            if french(rate) in stated and not any(c in item.fact.text for c in COINCIDENCES):
                if rate.id not in item.fact.figures:
                    missing.append(f"{item.topic}: {french(rate)} ({rate.id})")
    assert not missing, "facts stating a dated figure without naming its rate:\n" + "\n".join(missing)
    referenced = [item for item in all_facts(store) if item.fact.figures]
    assert len(referenced) >= 10
    for item in referenced:
        rates = [store.rates[r] for r in item.fact.figures]
        assert item.fact.valid_until == min(r.valid_until for r in rates), item.topic
        assert item.fact.valid_from == max(r.valid_from for r in rates), item.topic


def test_the_micro_entreprise_rates_and_ceilings_carry_their_period(store):
    facts = {f.text: f for f in store.legal["micro_entreprise"].facts}
    rate = next(f for t, f in facts.items() if "25,6 %" in t)
    ceiling = next(f for t, f in facts.items() if "83 600 €" in t)
    assert (rate.valid_from.isoformat(), rate.valid_until.isoformat()) == ("2026-01-01", "2026-12-31")
    assert ceiling.valid_until.isoformat() == "2028-12-31"


def test_each_rate_s_own_fact_carries_the_rate_s_period(store):
    for rate in store.rates.values():
        assert (rate.fact.valid_from, rate.fact.valid_until) == (rate.valid_from, rate.valid_until), rate.id


@pytest.fixture
def copied_store(tmp_path):
    import shutil
    from pathlib import Path

    shutil.copytree(Path(__file__).resolve().parents[2] / "knowledge", tmp_path / "knowledge")
    return tmp_path / "knowledge"


def test_a_copy_that_no_longer_agrees_with_its_rate_is_refused(copied_store):
    legal = copied_store / "legal.yml"
    legal.write_text(legal.read_text(encoding="utf-8").replace("de 25,6 % du", "de 26,1 % du"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="contribution_bnc"):
        load_store(copied_store)


def test_an_unknown_rate_is_refused(copied_store):
    legal = copied_store / "legal.yml"
    text = legal.read_text(encoding="utf-8").replace("figures: [contribution_bnc]", "figures: [contribution_xyz]")
    legal.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="contribution_xyz"):
        load_store(copied_store)
