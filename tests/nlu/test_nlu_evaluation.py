"""NLU quality on a blind French test set (tests/nlu/test_set.yml), written apart from the training data."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

TEST_SET = Path(__file__).with_name("test_set.yml")
DEV_SET = Path(__file__).with_name("dev_set.yml")  # for comparing settings; the test set alone judges
TRAINING = Path(__file__).resolve().parents[2] / "data" / "nlu"
# Issue 3 asks for an intent macro-F1 >= 0.95 on this blind set. Measured 0.959 on 2026-11-26 (2,686 training
# examples, DIET blended with a character n-gram regression, chosen on the development set: 0.924 -> 0.950).
# Never copy a failing test sentence into training.
MIN_INTENT_MACRO_F1 = 0.95
MIN_ENTITY_ACCURACY = 0.93  # measured 0.946 (0.951 with 1,849 examples)
ANNOTATION = re.compile(r"\[([^\]]+)\]\{([^}]*)\}")


def _examples(path=TEST_SET):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()
            if not line.startswith("- "):
                continue
            raw = line[2:]
            entities = sorted(tuple(json.loads("{" + m.group(2) + "}").values())
                              for m in ANNOTATION.finditer(raw))
            yield ANNOTATION.sub(lambda m: m.group(1), raw), block["intent"], entities


EXAMPLES = list(_examples())


def _training_texts():
    texts = set()
    for path in TRAINING.glob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" not in block:  # synonym and lookup lists are not sentences
                continue
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.add(re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", line.strip()[2:]).casefold())
    return texts


@pytest.mark.parametrize("path", [TEST_SET, DEV_SET], ids=["test set", "development set"])
def test_evaluation_sets_share_no_sentence_with_training(path):
    shared = {text for text, _, _ in _examples(path) if text.casefold() in _training_texts()}
    assert not shared, f"sentences copied into training: {sorted(shared)[:10]}"


@pytest.fixture(scope="module")
def predictions(agent, event_loop_session):
    results = []
    for text, intent, entities in EXAMPLES:
        parsed = event_loop_session.run_until_complete(agent.parse_message(text))
        got = sorted((e["entity"], e["value"]) for e in parsed.get("entities", [])
                     if e.get("extractor") != "RegexMessageHandler")
        results.append((text, intent, parsed["intent"]["name"], entities, got))
    return results


def _f1_report(pairs):
    labels = sorted({gold for gold, _ in pairs})
    lines, scores = [], []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(f1)
        lines.append(f"  {label:<22} P={precision:.2f} R={recall:.2f} F1={f1:.2f} n={tp + fn}")
    return sum(scores) / len(scores), lines


def test_intent_macro_f1(predictions):
    macro_f1, lines = _f1_report([(gold, got) for _, gold, got, _, _ in predictions])
    errors = [f"  {gold} -> {got}: {text}" for text, gold, got, _, _ in predictions if gold != got]
    print(f"\nNLU intent evaluation on {len(predictions)} blind sentences: macro-F1 = {macro_f1:.3f}")
    print("\n".join(lines))
    print(f"Misclassified ({len(errors)}):\n" + "\n".join(errors))
    assert macro_f1 >= MIN_INTENT_MACRO_F1


def test_entity_accuracy(predictions):
    annotated = [(text, want, got) for text, _, _, want, got in predictions if want]
    exact = [text for text, want, got in annotated if Counter(map(tuple, want)) == Counter(got)]
    accuracy = len(exact) / len(annotated)
    wrong = [f"  {text}: want {want} got {got}" for text, want, got in annotated if text not in exact]
    print(f"\nEntity accuracy (all entities exact, canonical values): {accuracy:.3f} on {len(annotated)} sentences")
    print("\n".join(wrong))
    assert accuracy >= MIN_ENTITY_ACCURACY
