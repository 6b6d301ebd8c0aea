"""Groups the messages the bot did not understand by similarity, and exports them for annotation."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, List

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer

SIMILARITY = 0.45  # cosine of character n-grams: spelling variants of one question stay together
MAX_MESSAGES = 2000  # the most frequent distinct texts; the rest are rare one-offs


def group_messages(texts: Iterable[str]) -> List[List[str]]:
    """Groups of similar texts (most frequent first in each group), the largest groups first."""
    counts = Counter(t.strip() for t in texts if t and t.strip() and not t.startswith("/"))
    distinct = [text for text, _ in counts.most_common(MAX_MESSAGES)]
    if not distinct:
        return []
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True).fit_transform(distinct)
    # every pair at once (3,000 texts: 36 MB), then each text joins its most similar earlier leader
    similarity = (vectors @ vectors.T).toarray().astype(np.float32)
    leaders = np.zeros(0, dtype=int)  # index of the first (most frequent) text of each group
    groups: List[List[str]] = []
    for index in range(len(distinct)):
        if leaders.size:
            to_leaders = similarity[index, leaders]
            best = int(to_leaders.argmax())
            if to_leaders[best] >= SIMILARITY:
                groups[best].append(distinct[index])
                continue
        leaders = np.append(leaders, index)
        groups.append([distinct[index]])
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
