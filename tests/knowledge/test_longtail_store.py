"""The situations, themes and task-scam guide of the store: loaded typed, and refused when broken."""

import pytest

from actions.knowledge.loader import KnowledgeError, load_store, vocabulary
from actions.knowledge.model import SCAM_SIGN_IDS, SITUATION_IDS, THEME_IDS


def test_situations_themes_and_scam_guide_load_with_sourced_facts(store):
    assert set(store.situations) == set(SITUATION_IDS)
    assert set(store.themes) == set(THEME_IDS)
    assert [s.id for s in store.scams.signs] == list(SCAM_SIGN_IDS)
    facts = [f for t in list(store.situations.values()) + list(store.themes.values()) for f in t.facts]
    facts += [f for s in store.scams.signs for f in s.facts] + list(store.scams.advice)
    assert all(f.sources and set(f.sources) <= set(store.sources) for f in facts)
    assert 0 < store.scams.pay_ceiling.typical_per_hour <= store.scams.pay_ceiling.top_per_hour


def test_the_advice_names_the_official_french_reporting_channels(store):
    advice = " ".join(f.text for f in store.scams.advice)
    for channel in ("33 700", "Pharos", "0 805 805 817", "Thésée", "cybermalveillance.gouv.fr"):
        assert channel in advice


def test_situation_spellings_are_in_the_vocabulary(store):
    rows = {(entity, value): spellings for entity, value, spellings in vocabulary(store, ambiguous=False)}
    assert "étudiant" in rows[("situation", "student")]
    assert "demandeur d’emploi" in rows[("situation", "job_seeker")]


@pytest.mark.parametrize(
    "name,change,problem",
    [
        ("situations", lambda d: d["situations"].pop("employee"), "expected exactly"),
        ("situations", lambda d: d["situations"]["student"]["facts"][0].update(sources=[]), "at least one source"),
        ("situations", lambda d: d["themes"]["research"].update(facts=[]), "non-empty list of facts"),
        ("situations", lambda d: d["situations"]["student"]["aliases"].append("chômage"), "also names"),
        ("scams", lambda d: d["signs"].pop(0), "expected each of the signs"),
        ("scams", lambda d: d["signs"][2].update(strength="huge"), "'strength' is 'huge'"),
        ("scams", lambda d: d["signs"][3].update(cues=[]), "'cues' must list"),
        ("scams", lambda d: d["pay_ceiling"].update(top_per_hour=0), "must be positive"),
        ("scams", lambda d: d["pay_ceiling"].update(typical_per_hour=99), "typical <= top"),
        ("scams", lambda d: d["advice"][0].update(checked="hier"), "'checked'"),
    ],
)
def test_a_broken_record_is_refused_with_its_file(broken_copy, name, change, problem):
    with pytest.raises(KnowledgeError) as raised:
        load_store(broken_copy(name, change))
    assert "knowledge/" in str(raised.value) and problem in str(raised.value)
