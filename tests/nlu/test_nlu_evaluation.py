"""NLU quality on a blind French test set (tests/nlu/test_set.yml), written apart from the training data."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

TEST_SET = Path(__file__).with_name("test_set.yml")
DEV_SET = Path(__file__).with_name("dev_set.yml")  # for comparing settings; the test set alone judges
# A second development set, written blind on 2026-12-01: the first one was also quoted in a data-writing brief
DEV2_SET = Path(__file__).with_name("dev2_set.yml")
# A third, written blind on 2026-12-01 for the entities: it annotates legal topics and platform filters too. Its
# writer was given nine of the intents only (no ask_situation): its intents are not scored
DEV3_SET = Path(__file__).with_name("dev3_set.yml")
ENTITIES_ONLY = {"dev3"}
# The intents of issue 12 (check_offer, ask_platform_comparison, other_language, ask_situation), written blind too:
# scored together with the sets above, so a sentence of an older intent taken for a new one counts against it
NEW_INTENTS_TEST, NEW_INTENTS_DEV = (Path(__file__).with_name(f"new_intents_{s}.yml") for s in ("test", "dev"))
NEW_INTENTS_DEV2 = Path(__file__).with_name("new_intents_dev2.yml")  # written blind on 2026-12-02
# written blind later on 2026-12-02, no entity annotations: 0.919 before fixing by cause what it showed, 0.961 after
NEW_INTENTS_DEV3 = Path(__file__).with_name("new_intents_dev3.yml")
# written blind on 2026-12-02 for one's own situation and its neighbours: 0.864 before fixing by cause what it
# showed (profiles the store has no facts for), 0.923 after
NEW_INTENTS_DEV4 = Path(__file__).with_name("new_intents_dev4.yml")
# written blind on 2026-12-03 for the four new intents and their neighbours: 0.936 before fixing by cause what it
# showed (choosing for oneself read as a situation or a comparison, Spanish and Portuguese unrecognised, statuses
# compared read as the two ways of working), 0.962 after
NEW_INTENTS_DEV5 = Path(__file__).with_name("new_intents_dev5.yml")
# written blind on 2026-12-03 (later) for the four new intents and their neighbours: 0.925 before fixing by cause
# what it showed (Italian, Romanian and short English unrecognised, « vous parlez anglais ? », one's situation behind
# a tax question, « appel » read as Appen), 0.980 after; entities 0.944 -> 0.948. The word lists of the languages
# grew from its misses, so it flatters them: the unit tests use other sentences.
NEW_INTENTS_DEV6 = Path(__file__).with_name("new_intents_dev6.yml")
# written blind on 2026-12-04 for all the intents, most weight on the new ones and their neighbours: 0.968 before
# fixing by cause what it showed (German, « ce bot en version anglaise ? », « j'hésite entre X et Y », the pros of
# each of the two, how a platform works or pays), 0.986 after
NEW_INTENTS_DEV7 = Path(__file__).with_name("new_intents_dev7.yml")
# written blind on 2026-12-04 by a helper who read only issue 12 (its definitions of the four new intents), as the
# writer of new_intents_test may have: 0.919 before fixing by cause what it showed (profiles the store has no facts
# for behind a tax question, « vous pourriez me parler en espagnol ? », Spanish and Polish words, a profile with
# « vous me conseillez quoi entre les deux ? », the micro-BNC allowance, signing up, « une idée ? »), 0.964 after.
# Three sentences the training data already held word for word were taken out.
NEW_INTENTS_DEV8 = Path(__file__).with_name("new_intents_dev8.yml")
NEW_INTENTS_DEV9 = Path(__file__).with_name("new_intents_dev9.yml")
# The test sets above have been read after each run: a fresh one for every intent, written on 2026-12-04 by a helper
# who read issue 12 and a brief of the intents only (no training data), was run once with the settings unchanged:
# intents 0.968, entities 0.985 (269 sentences; 33 the training data held word for word, all short, taken out).
NEW_INTENTS_TEST2 = Path(__file__).with_name("new_intents_test2.yml")
TRAINING = Path(__file__).resolve().parents[2] / "data" / "nlu"
# Guards on these blind sets (a regression fails the test) and the targets (printed: met / NOT met). Issue 11 asks
# the core to keep what the former DIET pipeline reached on the test set, 0.959: measured 0.955, 0.952 after
# issue 12's intents, 0.960 after fixing the dev sets' errors by cause (met, narrowly); issue 12 asks macro-F1 >= 0.95
# with its new intents: measured 0.926 on the test set with them, 0.934 after new_intents_dev3's causes, 0.939 after
# new_intents_dev4's (one's own profile read as ask_situation), 0.944 after new_intents_dev5's, 0.943 after
# new_intents_dev6's, 0.943 after new_intents_dev7's, 0.944 after new_intents_dev8's, 0.943 with the fallback at 0.45
# and after new_intents_dev9's (NOT met).
# Entities on the test set: 0.946, then 0.951 (met, narrowly) after fixing by cause what dev3 showed; 0.864 with the
# new intents, 0.864 again after the employee sentences (0.869 between; NOT met); 0.957 and 0.873 once a French
# word (« comme illustratrice ») is no longer an unknown platform (2026-12-03). That 0.873 was the scoring's: where
# only concepts and platforms are judged, the test set's legal topics and filters counted as missed; judged alike on
# both sides (2026-12-04), 0.982. The guards sit just under the measured figures.
# Never copy a failing test or development sentence into training.
MIN_INTENT_MACRO_F1 = {"test": 0.95, "dev": 0.950, "dev2": 0.950, "all_test": 0.92, "all_dev": 0.95, "test2": 0.96}
TARGET_INTENT_MACRO_F1 = {"test": 0.959, "dev": 0.950, "dev2": 0.950, "all_test": 0.95, "all_dev": 0.95, "test2": 0.95}
MIN_ENTITY_ACCURACY = {
    **{"test": 0.94, "dev": 0.95, "dev2": 0.95, "dev3": 0.90, "all_test": 0.97, "all_dev": 0.95},
    "test2": 0.98,
}
TARGET_ENTITY_ACCURACY = 0.95
# The development set's writer annotated only concepts and platforms
JUDGED_ENTITIES = {
    "test": {"concept", "platform", "legal_topic", "platform_filter"},
    "dev": {"concept", "platform"},
    "dev2": {"concept", "platform"},
    "dev3": {"concept", "platform", "legal_topic", "platform_filter"},
    "all_test": {"concept", "platform"},
    "all_dev": {"concept", "platform"},
    "test2": {"concept", "platform"},
}
ANNOTATION = re.compile(r"\[([^\]]+)\]\{([^}]*)\}")


def _examples(paths=(TEST_SET,)):
    for path in paths:
        yield from _examples_of(path)


def _examples_of(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()
            if not line.startswith("- "):
                continue
            raw = line[2:]
            entities = sorted(tuple(json.loads("{" + m.group(2) + "}").values()) for m in ANNOTATION.finditer(raw))
            yield ANNOTATION.sub(lambda m: m.group(1), raw), block["intent"], entities


SETS = {
    "test": (TEST_SET,),
    "dev": (DEV_SET,),
    "dev2": (DEV2_SET,),
    "dev3": (DEV3_SET,),
    "all_test": (TEST_SET, NEW_INTENTS_TEST),
    "all_dev": (
        DEV_SET,
        DEV2_SET,
        NEW_INTENTS_DEV,
        NEW_INTENTS_DEV2,
        NEW_INTENTS_DEV3,
        NEW_INTENTS_DEV4,
        NEW_INTENTS_DEV5,
        NEW_INTENTS_DEV6,
        NEW_INTENTS_DEV7,
        NEW_INTENTS_DEV8,
        NEW_INTENTS_DEV9,
    ),
    "test2": (NEW_INTENTS_TEST2,),
}
SET_NAMES = {
    "test": "test set",
    "dev": "development set",
    "dev2": "development set 2",
    "dev3": "development set 3 (entities)",
    "all_test": "test set with the new intents",
    "all_dev": "development sets with the new intents",
    "test2": "fresh test set of every intent",
}


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


@pytest.mark.parametrize("path", SETS.values(), ids=SET_NAMES.values())
def test_evaluation_sets_share_no_sentence_with_training(path):
    training = _training_texts()
    shared = {text for text, _, _ in _examples(path) if text.casefold() in training}
    assert not shared, f"sentences copied into training: {sorted(shared)[:10]}"


@pytest.fixture(scope="module")
def predict(agent, event_loop_session):
    """The model's reading of a set's sentences, parsed once per module."""
    done = {}

    def predictions(name):
        if name not in done:
            results = []
            for text, intent, entities in _examples(SETS[name]):
                parsed = event_loop_session.run_until_complete(agent.parse_message(text))
                got = sorted(
                    (e["entity"], e["value"])
                    for e in parsed.get("entities", [])
                    if e.get("extractor") != "RegexMessageHandler"
                )
                results.append((text, intent, parsed["intent"]["name"], entities, got))
            done[name] = results
        return done[name]

    return predictions


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


@pytest.mark.parametrize("name", sorted(set(SETS) - ENTITIES_ONLY), ids=lambda name: SET_NAMES[name])
def test_intent_macro_f1(predict, name, quality_report):
    predictions = predict(name)
    macro_f1, lines = _f1_report([(gold, got) for _, gold, got, _, _ in predictions])
    errors = [f"  {gold} -> {got}: {text}" for text, gold, got, _, _ in predictions if gold != got]
    target = TARGET_INTENT_MACRO_F1[name]
    quality_report.append(
        f"NLU intents, blind {name} set ({len(predictions)} sentences): macro-F1 {macro_f1:.3f} "
        f"(guard {MIN_INTENT_MACRO_F1[name]}; target {target}: {'met' if macro_f1 >= target else 'NOT met'})"
    )
    print("\n".join(lines))
    print(f"Misclassified ({len(errors)}):\n" + "\n".join(errors))
    assert macro_f1 >= MIN_INTENT_MACRO_F1[name]


def _entity_exact(predictions, judged):
    """The sentences annotated with an entity of the judged types, and those whose judged entities all came out
    exactly: an annotation of a type not judged for the set counts neither way."""
    annotated = []
    for text, _, _, want, got in predictions:
        want = [tuple(pair) for pair in want if pair[0] in judged]
        if want:
            annotated.append((text, want, [tuple(pair) for pair in got if pair[0] in judged]))
    return annotated, [text for text, want, got in annotated if Counter(want) == Counter(got)]


def test_an_entity_type_not_judged_counts_neither_way():
    predictions = [
        (
            "la TVA sur Malt",
            "ask_legal_status",
            "ask_legal_status",
            [("legal_topic", "vat"), ("platform", "malt")],
            [("platform", "malt")],
        ),
        ("la TVA ?", "ask_legal_status", "ask_legal_status", [("legal_topic", "vat")], []),
        ("Upwork", "ask_platform_info", "ask_platform_info", [("platform", "upwork")], [("platform", "fiverr")]),
    ]
    annotated, exact = _entity_exact(predictions, {"concept", "platform"})
    assert [text for text, _, _ in annotated] == ["la TVA sur Malt", "Upwork"] and exact == ["la TVA sur Malt"]


@pytest.mark.parametrize("name", sorted(SETS), ids=lambda name: SET_NAMES[name])
def test_entity_accuracy(predict, name, quality_report):
    judged = JUDGED_ENTITIES[name]
    annotated, exact = _entity_exact(predict(name), judged)
    accuracy = len(exact) / len(annotated)
    wrong = [f"  {text}: want {want} got {got}" for text, want, got in annotated if text not in exact]
    quality_report.append(
        f"NLU entities, blind {name} set ({len(annotated)} sentences, {', '.join(sorted(judged))}): "
        f"all exact {accuracy:.3f} (guard {MIN_ENTITY_ACCURACY[name]}; target {TARGET_ENTITY_ACCURACY}: "
        f"{'met' if accuracy >= TARGET_ENTITY_ACCURACY else 'NOT met'})"
    )
    print("\n".join(wrong))
    assert accuracy >= MIN_ENTITY_ACCURACY[name]
