"""Loading and validating the knowledge store: a broken entry is named with its file and problem."""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from actions.knowledge.loader import DEFAULT_DIR, KnowledgeError, load_store
from actions.knowledge.model import CONCEPT_IDS

ROOT = Path(__file__).resolve().parents[2]


def test_the_real_store_loads_with_every_part(store):
    assert set(store.concepts) == set(CONCEPT_IDS)
    assert len(store.platforms) >= 12
    assert store.comparison and store.legal and store.choice
    assert {"general", "microwork", "freelancing"} <= set(store.getting_started)


def test_every_fact_has_a_known_source_and_a_check_date(store):
    from actions.knowledge.queries import source_ids

    facts = [f for c in store.concepts.values() for f in c.definition + c.advantages + c.drawbacks]
    facts += [f for p in store.platforms.values() for f in p.fees + p.payment + p.availability]
    assert facts
    for sid in source_ids(facts):
        assert sid in store.sources
    assert all(f.checked.year >= 2026 for f in facts)


@pytest.mark.parametrize(
    "name,change,entry,problem",
    [
        (
            "platforms",
            lambda d: d["platforms"][0]["fees"][0].update(sources=["nowhere"]),
            None,
            "unknown source 'nowhere'",
        ),
        ("platforms", lambda d: d["platforms"][0].update(kind="crypto"), None, "'kind' is 'crypto'"),
        ("platforms", lambda d: d["platforms"][1].update(id=d["platforms"][0]["id"]), None, "duplicate platform id"),
        (
            "concepts",
            lambda d: d["concepts"]["microwork"].pop("drawbacks"),
            "microwork",
            "'drawbacks' must be a non-empty list",
        ),
        (
            "concepts",
            lambda d: d["concepts"]["freelancing"]["advantages"][0].pop("checked"),
            "freelancing.advantages[0]",
            "'checked'",
        ),
        (
            "legal",
            lambda d: d["topics"]["portage_salarial"]["facts"][0].update(status="maybe"),
            "portage_salarial.facts[0]",
            "'status' is 'maybe'",
        ),
        (
            "sources",
            lambda d: d["sources"]["seed_comparatif"].update(url="https://example.org"),
            "seed_comparatif",
            "exactly one of",
        ),
        ("choice", lambda d: d["criteria"][0].update(default="sometimes"), "schedule", "default 'sometimes'"),
        (
            "rates",
            lambda d: d["rates"]["contribution_bnc"].update(valid_until=dt.date(2025, 12, 31)),
            "contribution_bnc",
            "the first one not after the second",
        ),
        ("rates", lambda d: d["rates"]["ceiling_sales"].update(review="never"), "ceiling_sales", "'review' is 'never'"),
        ("rates", lambda d: d["rates"]["commission_malt"].update(value="12 %"), "commission_malt", "must be a number"),
    ],
)
def test_broken_entry_names_file_entry_and_problem(broken_copy, name, change, entry, problem):
    directory = broken_copy(name, change)
    with pytest.raises(KnowledgeError) as raised:
        load_store(directory)
    message = str(raised.value)
    assert f"knowledge/{name}.yml" in message
    assert problem in message
    if entry:
        assert f"'{entry}'" in message


def test_invalid_yaml_is_reported_with_its_file(tmp_path):
    shutil.copytree(DEFAULT_DIR, tmp_path / "k")
    (tmp_path / "k" / "advice.yml").write_text("getting_started: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"knowledge/advice.yml.*not valid YAML"):
        load_store(tmp_path / "k")


def test_a_key_given_twice_is_reported_instead_of_the_later_one_winning(tmp_path):
    shutil.copytree(DEFAULT_DIR, tmp_path / "k")
    sources = tmp_path / "k" / "sources.yml"
    again = '  seed_comparatif:\n    title: "Une autre page"\n    seed: 000_95594b7f6fb1c42e.txt\n'
    sources.write_text(sources.read_text(encoding="utf-8") + again, encoding="utf-8")
    with pytest.raises(
        KnowledgeError, match=r"(?s)knowledge/sources\.yml.*'seed_comparatif' given twice \(first on line 5\)"
    ):
        load_store(tmp_path / "k")


def test_action_server_refuses_to_start_on_a_broken_store(broken_copy):
    directory = broken_copy("platforms", lambda d: d["platforms"][0].update(entry_barrier="none"))
    env = {"KNOWLEDGE_DIR": str(directory), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    command = [str(ROOT / ".venv/bin/python"), "-m", "runtime.action_server", "--actions", "actions", "--port", "5999"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "knowledge/platforms.yml" in result.stderr and "entry_barrier" in result.stderr
