"""Writes data/nlu/vocabulary.yml, the names the NLU recognises, from the knowledge store (run by `make train`).

The store is the one source of the vocabulary: platform, concept, legal-topic and filter spellings live in
knowledge/*.yml. Rasa receives them as lookup tables named `<entity>:<value>` (spellings that always name the
value) and `<entity>:<value>:context` (ordinary words that name it only in context, e.g. « codeur »), read by
nlu_components/vocabulary_entities.py. `--check` fails when the file is not what the store gives.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actions.knowledge.loader import DEFAULT_DIR, load_store, vocabulary  # noqa: E402

OUTPUT = ROOT / "data" / "nlu" / "vocabulary.yml"
CONTEXT_SUFFIX = ":context"
HEADER = """\
# Generated from knowledge/*.yml by scripts/generate_vocabulary.py (make train runs it): do not edit.
# To add a spelling, add it to the entry's `aliases` in the knowledge store (see knowledge/README.md).
"""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(knowledge_dir: Path = DEFAULT_DIR) -> str:
    store = load_store(knowledge_dir)
    lines: List[str] = [HEADER, 'version: "3.1"', "nlu:"]
    for ambiguous in (False, True):
        for entity, value, spellings in vocabulary(store, ambiguous):
            suffix = CONTEXT_SUFFIX if ambiguous else ""
            lines.append(f"- lookup: {_quoted(f'{entity}:{value}{suffix}')}")
            lines.append("  examples: |")
            lines += [f"    - {spelling}" for spelling in dict.fromkeys(spellings)]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date instead of writing it")
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_DIR, help="knowledge store folder")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="file to write")
    args = parser.parse_args()
    wanted = render(args.knowledge)
    current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
    if args.check:
        if current != wanted:
            print(f"{args.output} is out of date: run `make vocabulary` (or `make train`).", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        args.output.write_text(wanted, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
