"""Prints the facts of the knowledge store whose review is due, by kind, with their sources (make facts-report)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from itertools import groupby
from typing import List

from actions.knowledge.loader import load_store
from actions.knowledge.model import Store
from actions.knowledge.review import due_for_review


def report(store: Store, today: dt.date) -> List[str]:
    due = due_for_review(store, today)
    if not due:
        return [f"Au {today:%d/%m/%Y}, aucun fait n'est à revérifier."]
    lines = [f"Au {today:%d/%m/%Y}, {len(due)} fait(s) à revérifier :"]
    for kind, items in groupby(due, key=lambda d: d.kind):
        lines.append(f"\n## {kind}")
        for item in items:
            lines.append(f"- {item.entry} — {item.reason}\n  {item.fact.text}")
            lines += [f"  source : {store.sources[s].reference}" for s in item.fact.sources]
    return lines


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(), help="as of (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    print("\n".join(report(load_store(), args.date)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
