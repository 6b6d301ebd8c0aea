"""Orders a topic's facts so that those sharing the question's distinctive words come first."""

from __future__ import annotations

import re
from typing import List, Sequence, Set

from actions.knowledge.folding import fold
from actions.knowledge.model import Fact

STEM_LENGTH = 6  # « cotisation » and « cotisations », « deguise » and « deguisee » share a stem
MIN_WORD = 4  # shorter words are mostly grammar (« les », « est »); « sens » still counts


def stems(text: str) -> Set[str]:
    return {word[:STEM_LENGTH] for word in re.findall(r"[a-z0-9]+", fold(text)) if len(word) >= MIN_WORD}


def relevant_first(facts: Sequence[Fact], question: str) -> List[Fact]:
    """The facts, those naming the question's rarer words first; the store's order otherwise.

    A word found in half the facts or more (« travail » in a topic about micro-travail) tells them apart
    from nothing, so only the rarer ones count.
    """
    asked = stems(question) if question and not question.startswith("/") else set()
    if not asked or not facts:
        return list(facts)
    fact_stems = [stems(f.text) for f in facts]
    distinctive = {s for s in asked if 2 * sum(s in fs for fs in fact_stems) < len(facts)}
    scores = [len(distinctive & fs) for fs in fact_stems]
    order = sorted(range(len(facts)), key=lambda i: -scores[i])
    return [facts[i] for i in order]
