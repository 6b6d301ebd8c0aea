"""The questions people ask for each fact (knowledge/search_questions.yml), matched to the store's facts on load, and
those the store cannot answer (knowledge/search_unanswerable.yml)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import yaml

from actions.knowledge.catalogue import TopicFact
from actions.knowledge.loader import DEFAULT_DIR
from actions.knowledge.reader import KnowledgeError

QUESTIONS_FILE = DEFAULT_DIR / "search_questions.yml"
WHERE = "knowledge/search_questions.yml"
UNANSWERABLE_FILE = DEFAULT_DIR / "search_unanswerable.yml"
UNANSWERABLE_WHERE = "knowledge/search_unanswerable.yml"
MAX_QUESTION_CHARS = 300


def _entry_name(entry: object, position: int) -> str:
    if isinstance(entry, dict) and isinstance(entry.get("topic"), str):
        return f"{entry['topic']} « {str(entry.get('fact', ''))[:40]} »"
    return f"questions[{position}]"


def _find(facts: Sequence[TopicFact], topic: str, start: str, name: str) -> int:
    found = [i for i, item in enumerate(facts) if item.topic == topic and item.fact.text.startswith(start)]
    if not found:
        raise KnowledgeError(WHERE, name, "no fact of this topic starts with these words (was the fact reworded?)")
    if len(found) > 1:
        raise KnowledgeError(WHERE, name, "several facts of this topic start with these words: quote more of it")
    return found[0]


def _question_list(path: Path, where: str, items: str) -> list:
    """The list under the file's one key, questions; an unreadable or other-shaped file is refused."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeError(where, "file", f"cannot be read: {error}") from error
    if not isinstance(data, dict) or set(data) != {"questions"} or not isinstance(data["questions"], list):
        raise KnowledgeError(where, "file", f"expected the key questions: a list of {items}")
    return data["questions"]


def load_questions(facts: Sequence[TopicFact], path: Path = QUESTIONS_FILE) -> Dict[int, Tuple[str, ...]]:
    """Each fact's questions, by the fact's position in `facts`; an entry naming no fact, or one named twice,
    is refused (a reworded fact must get its questions checked again)."""
    by_fact: Dict[int, Tuple[str, ...]] = {}
    for position, entry in enumerate(_question_list(path, WHERE, "{topic, fact, asked}")):
        name = _entry_name(entry, position)
        if not isinstance(entry, dict) or set(entry) != {"topic", "fact", "asked"}:
            raise KnowledgeError(WHERE, name, "expected topic, fact (the fact's first words) and asked (questions)")
        topic, start, asked = entry["topic"], entry["fact"], entry["asked"]
        if not isinstance(topic, str) or not isinstance(start, str) or len(start.strip()) < 10:
            raise KnowledgeError(WHERE, name, "topic and fact are text, fact quoting at least 10 characters")
        if not isinstance(asked, list) or not asked or not all(_is_question(q) for q in asked):
            raise KnowledgeError(WHERE, name, f"asked is a list of questions of 1 to {MAX_QUESTION_CHARS} characters")
        found = _find(facts, topic, start, name)
        if found in by_fact:
            raise KnowledgeError(WHERE, name, "this fact already has its questions above: merge the two entries")
        by_fact[found] = tuple(asked)
    return by_fact


def load_unanswerable(path: Path = UNANSWERABLE_FILE) -> Tuple[str, ...]:
    """Questions of the domain the store cannot answer, each once: the search learns from them when to keep quiet."""
    found = _question_list(path, UNANSWERABLE_WHERE, "questions")
    for position, question in enumerate(found):
        if not _is_question(question):
            raise KnowledgeError(UNANSWERABLE_WHERE, f"questions[{position}]", f"1 to {MAX_QUESTION_CHARS} characters")
        if question in found[:position]:
            raise KnowledgeError(UNANSWERABLE_WHERE, f"questions[{position}]", "already listed above")
    return tuple(found)


def _is_question(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) <= MAX_QUESTION_CHARS


def without_questions(facts: Sequence[TopicFact]) -> List[TopicFact]:
    """The facts no entry of the file gives questions to (a test keeps this list empty)."""
    asked = load_questions(facts)
    return [item for i, item in enumerate(facts) if i not in asked]
