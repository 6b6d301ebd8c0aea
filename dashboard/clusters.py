"""Groups the messages the bot did not understand by similarity, and exports them for annotation."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, List

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer

SIMILARITY = 0.45  # cosine of character n-grams: spelling variants of one question stay together
MAX_MESSAGES = 3000  # the most frequent distinct texts; the rest are rare one-offs
BLOCK = 256


def group_messages(texts: Iterable[str]) -> List[List[str]]:
    """Groups of similar texts (most frequent first in each group), the largest groups first."""
    counts = Counter(t.strip() for t in texts if t and t.strip() and not t.startswith("/"))
    distinct = [text for text, _ in counts.most_common(MAX_MESSAGES)]
    if not distinct:
        return []
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True).fit_transform(distinct)
    leaders: List[int] = []  # index of the first (most frequent) text of each group, in the groups' order
    groups: List[List[str]] = []
    # a block of texts at a time, compared with the leaders so far and with each other: far fewer pairs than all
    # of them when the texts fall into groups, the same result
    for start in range(0, len(distinct), BLOCK):
        rows = vectors[start : start + BLOCK]
        to_leaders = (rows @ vectors[leaders].T).toarray() if leaders else np.zeros((rows.shape[0], 0))
        within = (rows @ rows.T).toarray()
        block_leaders: List[int] = []  # positions in this block of its new leaders
        for offset in range(rows.shape[0]):
            similarity = np.concatenate([to_leaders[offset], within[offset, block_leaders]])
            best = int(similarity.argmax()) if similarity.size else -1
            if best >= 0 and similarity[best] >= SIMILARITY:
                groups[best].append(distinct[start + offset])
                continue
            block_leaders.append(offset)
            groups.append([distinct[start + offset]])
        leaders += [start + offset for offset in block_leaders]
    weight = {id(g): sum(counts[t] for t in g) for g in groups}
    return sorted(groups, key=lambda g: -weight[id(g)])


def annotation_block(groups: List[List[str]]) -> str:
    """A data/nlu YAML block: one commented intent placeholder per group, for the annotator to name."""
    lines = ['version: "3.1"', "nlu:"]
    for number, group in enumerate(groups, start=1):
        lines.append(f"# groupe {number} : {len(group)} message(s) ; remplacez A_ANNOTER par l'intention")
        lines.append("- intent: A_ANNOTER")
        lines.append("  examples: |")
        lines += [f"    - {_yaml_text(text)}" for text in group]
    return "\n".join(lines) + "\n"


def _yaml_text(text: str) -> str:
    """One line of a YAML block list: newlines folded, quoted by YAML when needed."""
    dumped = yaml.safe_dump(" ".join(text.split()), allow_unicode=True, width=10_000).strip()
    return dumped.removesuffix("...").strip()
