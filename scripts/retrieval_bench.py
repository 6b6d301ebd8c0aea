"""Knowledge-search latency per query at the store's size and with the store replicated (make bench)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import List, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions.knowledge.catalogue import topic_facts  # noqa: E402
from actions.knowledge.loader import load_store  # noqa: E402
from actions.knowledge.questions import load_questions, load_unanswerable  # noqa: E402
from actions.knowledge.search import FactIndex, topic_names  # noqa: E402

QUERIES = [
    "inscrit au chômage avec l ARE, puis-je lancer une micro-entreprise sans perdre mes droits ?",
    "c koi le plafond de CA en micro entreprise",
    "Toloka c'est fiable ? et le paiement ?",
    "faut il declarer ce que je touche sur prolific aux impots",
    "un inconnu sur whatsapp me paie pour liker des videos mais je dois verser un dépot",
    "quel est le numéro de téléphone du service client ?",
]


def per_query_ms(index: FactIndex, queries: Sequence[str] = QUERIES, rounds: int = 20) -> float:
    """Median time of one search, in milliseconds (warm: the lemma cache filled by a first pass)."""
    for query in queries:
        index.search(query)
    times = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            index.search(query)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rows(replicas: Sequence[int] = (1, 10, 100)) -> List[str]:
    """Markdown rows: facts indexed, build time and per-query latency for each store size."""
    store = load_store()
    facts, names = topic_facts(store), topic_names(store)
    asked, unanswerable = load_questions(facts), load_unanswerable()  # the questions it cannot answer: not replicated
    lines = []
    for times in replicas:
        start = time.perf_counter()
        replicated = {i + copy * len(facts): questions for copy in range(times) for i, questions in asked.items()}
        index = FactIndex(facts * times, names, questions=replicated, unanswerable=unanswerable)
        built = time.perf_counter() - start
        asked_count = sum(map(len, replicated.values()))
        lines.append(
            f"| retrieval | store ×{times} ({len(facts) * times} facts, {asked_count} questions, {len(unanswerable)} "
            f"unanswerable): build {built:.1f} s, "
            f"search per query (median) | {per_query_ms(index):.2f} ms |"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(["| setup | measure | value |", "|---|---|---|", *rows()]))
