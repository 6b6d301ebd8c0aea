"""Orders a topic's facts so that those sharing the question's distinctive words come first."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Set

from actions.knowledge.folding import fold
from actions.knowledge.model import Fact

STEM_LENGTH = 6  # « cotisation » and « cotisations », « deguise » and « deguisee » share a stem
MIN_WORD = 4  # shorter words are mostly grammar (« les », « est »); « sens » still counts
OWNED_WORDS = 2  # one word alone (« inconvénients ») names the question, not which concept it is about


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


def only_owner(groups: Dict[str, Sequence[Fact]], question: str) -> Optional[str]:
    """The one group (a concept's facts on a topic) whose facts alone hold two or more of the question's words:
    « salariat déguisé, c'est quoi ? » belongs to micro-travail's drawbacks; None when several or none do."""
    asked = stems(question) if question and not question.startswith("/") else set()
    held = {key: set().union(*(stems(f.text) for f in facts)) for key, facts in groups.items()}
    owned = {key: asked & words - set().union(*(held[k] for k in held if k != key)) for key, words in held.items()}
    owners = {key for key, words in owned.items() if len(words) >= OWNED_WORDS}
    return owners.pop() if len(owners) == 1 else None
