"""Scores the knowledge search on the blind questions of questions.yml against their annotations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence

import yaml

from actions.knowledge.catalogue import TopicFact
from actions.knowledge.search import FactIndex
from actions.search import find_facts

QUESTIONS = Path(__file__).with_name("questions.yml")


def questions(part: str) -> List[dict]:
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))[part]


def answers(question: dict) -> List[dict]:
    """The facts that answer a question ([] when annotated `none`): topic path prefix + verbatim substring."""
    found = question.get("answers")
    if found in (None, "none"):
        return []
    return list(found)


def matches(item: TopicFact, reference: dict) -> bool:
    topic = reference["topic"]
    placed = item.topic == topic or item.topic.startswith(topic + ".")
    return placed and reference["text"] in item.fact.text


@dataclass
class Score:
    part: str
    answerable: int = 0
    recalled: int = 0
    unanswerable: int = 0
    honest: int = 0
    missed: List[str] = field(default_factory=list)
    padded: List[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recalled / self.answerable if self.answerable else 0.0

    @property
    def honesty(self) -> float:
        return self.honest / self.unanswerable if self.unanswerable else 0.0

    def line(self) -> str:
        return (
            f"retrieval {self.part}: top-3 recall {self.recall:.3f} ({self.recalled}/{self.answerable} answerable), "
            f"honest answer {self.honesty:.3f} ({self.honest}/{self.unanswerable} unanswerable)"
        )


def evaluate(index: FactIndex, part: str, items: Sequence[dict] = ()) -> Score:
    """Top-3 recall on the answerable questions, honest-answer rate on the others."""
    score = Score(part)
    for question in items or questions(part):
        if "answers" not in question:
            raise AssertionError(f"{question['id']} is not annotated (answers: [...] or none)")
        hits = find_facts(index, question["text"])
        references = answers(question)
        if references:
            score.answerable += 1
            if any(matches(h.item, r) for h in hits for r in references):
                score.recalled += 1
            else:
                score.missed.append(question["id"])
        else:
            score.unanswerable += 1
            if not hits:
                score.honest += 1
            else:
                score.padded.append(question["id"])
    return score


def unresolved(index: FactIndex, part: str) -> Dict[str, List[dict]]:
    """Annotations that name no fact of the store (a typo in the path or the substring)."""
    bad: Dict[str, List[dict]] = {}
    for question in questions(part):
        for reference in answers(question):
            if not any(matches(item, reference) for item in index.facts):
                bad.setdefault(question["id"], []).append(reference)
    return bad
