"""The knowledge store is the one source of the names the NLU knows, and adding a platform takes one entry."""

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from actions.knowledge.loader import KnowledgeError, load_store, vocabulary
from tests.conftest import RASA, ROOT, server_env
from tests.support import domain_dict

GENERATOR = ROOT / "scripts" / "generate_vocabulary.py"
NEW_PLATFORM = """
  - id: zorglub
    name: "Zorglub Tasks"
    aliases: ["zorglub", "zorglub.io"]
    kind: microwork
    state: active
    website: "https://zorglub.example"
    origin: "France"
    french_speaking: true
    available_in_france: "yes"
    worker_commission: none
    entry_barrier: low
    tasks:
      - text: "Zorglub Tasks propose de petites tâches d’annotation en français."
        sources: [seed_comparatif]
        checked: 2026-12-01
        status: unverified
    fees: &same
      - text: "Zorglub Tasks ne prélève pas de frais aux travailleurs."
        sources: [seed_comparatif]
        checked: 2026-12-01
        status: unverified
    payment: *same
    availability: *same
    entry: *same
    notes: []
"""


def test_the_generated_vocabulary_is_up_to_date():
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_no_other_file_lists_names_by_hand():
    nlu_files = [p for p in (ROOT / "data" / "nlu").glob("*.yml") if p.name != "vocabulary.yml"]
    for path in nlu_files:
        blocks = yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", [])
        assert not [b for b in blocks if "synonym" in b or "lookup" in b], f"{path.name}: names belong in knowledge/"
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    assert "platform" not in str(config["pipeline"]).replace("platform_", ""), "config.yml must not list platforms"


def test_training_annotations_use_values_the_store_knows(store):
    known = {(entity, value) for entity, value, _ in vocabulary(store, False) + vocabulary(store, True)}
    annotated = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                for entity, value in re.findall(r'\{"entity": "(\w+)", "value": "([^"]+)"\}', line):
                    annotated.add((entity, value))
    # a platform the store does not know is annotated in the short form, [Kolabtree](platform), which is not read here
    unknown = annotated - known
    assert not unknown, f"annotated values missing from the knowledge store: {sorted(unknown)}"


def test_a_spelling_that_names_two_things_is_refused(tmp_path):
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    concepts = tmp_path / "knowledge" / "concepts.yml"
    concepts.write_text(
        concepts.read_text(encoding="utf-8").replace(
            '    aliases: ["freelance",', '    aliases: ["Malt", "freelance",', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="alias 'malt' also names concept 'freelancing'"):
        load_store(tmp_path / "knowledge")


@pytest.fixture(scope="module")
def store_with_a_new_platform(tmp_path_factory):
    """A copy of the project whose store has one more platform, its vocabulary regenerated and its NLU trained."""
    project = tmp_path_factory.mktemp("project")
    for name in ("knowledge", "data", "nlu_components"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("config.yml", "domain.yml"):
        shutil.copy(ROOT / name, project / name)
    platforms = project / "knowledge" / "platforms.yml"
    text = platforms.read_text(encoding="utf-8")
    platforms.write_text(text.replace("\nfilters:", NEW_PLATFORM + "\nfilters:", 1), encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            "--knowledge",
            str(project / "knowledge"),
            "--output",
            str(project / "data" / "nlu" / "vocabulary.yml"),
        ],
        check=True,
        cwd=ROOT,
    )
    subprocess.run(
        [
            str(RASA),
            "train",
            "nlu",
            "--out",
            str(project / "models"),
            "--fixed-model-name",
            "nlu",
            "--config",
            "config.yml",
            "--nlu",
            "data/nlu",
        ],
        check=True,
        cwd=project,
        env={**server_env(), "PYTHONPATH": str(project)},
        capture_output=True,
        timeout=600,
    )
    return project


def test_a_platform_added_to_the_store_is_recognised_and_answered(store_with_a_new_platform, monkeypatch, run_action):
    import asyncio

    from rasa.core.agent import Agent

    from actions.platforms import ActionPlatformInfo
    from tests.support import make_tracker, text_of

    project = store_with_a_new_platform
    agent = Agent.load(str(project / "models" / "nlu.tar.gz"))
    text = "c'est quoi Zorglub.io ? c'est fiable ?"
    parsed = asyncio.new_event_loop().run_until_complete(agent.parse_message(text))
    entities = [(e["entity"], e["value"]) for e in parsed["entities"]]
    assert entities == [("platform", "zorglub")]
    monkeypatch.setenv("KNOWLEDGE_DIR", str(project / "knowledge"))
    messages, _ = run_action(ActionPlatformInfo(), make_tracker(text, parsed["intent"]["name"], entities))
    assert "Zorglub Tasks – plateforme de micro-travail" in text_of(messages)
    assert "petites tâches d’annotation en français" in text_of(messages)


def test_ids_written_outside_the_store_are_ids_the_store_knows(store):
    """Button payloads in domain.yml and the filter safety net in actions/parsing.py use the store's ids."""
    import json
    import re

    from actions.knowledge.model import FILTER_IDS
    from actions.parsing import FILTER_PATTERNS

    assert set(FILTER_PATTERNS) == set(FILTER_IDS) == set(store.filters)
    known = {(entity, value) for entity, value, _ in vocabulary(store, False) + vocabulary(store, True)}
    domain = domain_dict()
    payloads = [
        button["payload"]
        for variants in domain["responses"].values()
        for variant in variants
        for button in variant.get("buttons", [])
    ]
    named = [
        (entity, value)
        for payload in payloads
        if (m := re.search(r"\{\{?(.*?)\}\}?$", payload))
        for entity, value in json.loads("{" + m.group(1).strip("{}") + "}").items()
        if entity in {"concept", "platform", "legal_topic", "platform_filter"}
    ]
    assert named and all(pair in known for pair in named), [pair for pair in named if pair not in known]


def test_two_spellings_told_apart_by_their_accents_may_name_two_things():
    names = {
        (kind, spelling)
        for kind, _, spellings in vocabulary(load_store(ROOT / "knowledge"), False)
        for spelling in spellings
    }
    assert {("situation", "retraité"), ("legal_topic", "retraite")} <= names
