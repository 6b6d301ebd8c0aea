"""Everything the two seed articles say is in the store: each checklist item resolves to facts citing it."""

import pytest
import yaml

from actions.knowledge.loader import DEFAULT_DIR

CHECKLIST = yaml.safe_load((DEFAULT_DIR / "seed_coverage.yml").read_text(encoding="utf-8"))["items"]
SOURCES = yaml.safe_load((DEFAULT_DIR / "sources.yml").read_text(encoding="utf-8"))["sources"]
SEED_POINTS = {  # headline points of the seeds that must be in the checklist (guards against a shrunk list)
    "seed_comparatif": [
        "Flexibilité horaire accrue",
        "Revenus instables",
        "Isolement professionnel",
        "Amazon Mechanical Turk",
        "Clickworker",
        "Microworkers",
        "Appen",
        "Figure Eight",
        "RapidWorkers",
        "Upwork",
        "Freelancer",
        "Objectifs de carrière",
        "Plateformes préférées",
        "Créez un portfolio solide",
    ],
    "seed_studyrama": ["slashing", "portage", "travail au clic", "perte de sens", "coworking"],
}


ROOT_KEYS = {"concepts": "concepts", "legal": "topics", "comparison": "criteria", "platforms": "platforms"}


def _resolve(path: str):
    file, *keys = path.split(".")
    node = yaml.safe_load((DEFAULT_DIR / f"{file}.yml").read_text(encoding="utf-8"))
    if file in ROOT_KEYS:  # e.g. legal.acre -> topics.acre; advice paths name their own root key
        node = node[ROOT_KEYS[file]]
    for key in keys:
        if isinstance(node, list):
            node = next((item for item in node if item.get("id") == key), None)
        else:
            node = node.get(key) if isinstance(node, dict) else None
        assert node is not None, f"{path}: '{key}' not found"
    return node


def _facts(node):
    if isinstance(node, dict) and "text" in node:
        return [node]
    if isinstance(node, list):
        return [f for item in node for f in _facts(item)]
    if isinstance(node, dict):
        return [f for value in node.values() for f in _facts(value)]
    return []


@pytest.mark.parametrize("item", CHECKLIST, ids=lambda i: i["quote"][:40])
def test_seed_point_is_covered_by_a_fact_citing_the_seed(item):
    seed_text = (DEFAULT_DIR / "seeds" / SOURCES[item["seed"]]["seed"]).read_text(encoding="utf-8")
    assert item["quote"] in seed_text, "the quote is not in the seed"
    facts = _facts(_resolve(item["where"]))
    assert any(item["seed"] in f["sources"] for f in facts), f"no fact at {item['where']} cites {item['seed']}"


@pytest.mark.parametrize("seed,point", [(s, p) for s, points in SEED_POINTS.items() for p in points])
def test_checklist_includes_the_seed_headlines(seed, point):
    quotes = " ".join(i["quote"] for i in CHECKLIST if i["seed"] == seed).casefold()
    assert point.casefold() in quotes
