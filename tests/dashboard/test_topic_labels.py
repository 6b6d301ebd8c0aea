"""Every topic an answer can record (last_topic) has a French label on the dashboard: none shows as a code name."""

import ast
from pathlib import Path

from actions.concepts import TOPICS
from actions.search import SEARCH_TOPIC
from dashboard.labels import TOPIC_LABELS, topic_label

ACTIONS = Path(__file__).resolve().parents[2] / "actions"


def topics_in_the_actions():
    """The topics the actions' replies name as constants (Reply's 4th argument or topic=)."""
    found = set()
    for path in ACTIONS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Reply":
                values = node.args[3:4] + [k.value for k in node.keywords if k.arg == "topic"]
                found |= {v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)}
    return found


def test_every_topic_has_a_french_label():
    topics = topics_in_the_actions() | {topic for topic, _, _ in TOPICS.values()} | {SEARCH_TOPIC}
    assert len(topics) >= 15
    assert sorted(topics - set(TOPIC_LABELS)) == []


def test_an_unknown_topic_shows_as_it_is():
    assert topic_label("knowledge_search") == "Recherche dans la base"
    assert topic_label("inconnu") == "inconnu"
