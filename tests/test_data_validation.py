"""The training data and domain are consistent: `rasa data validate` passes with no warning."""

import subprocess

from tests.conftest import RASA, ROOT, server_env


def test_rasa_data_validate_has_no_warnings():
    result = subprocess.run(
        [str(RASA), "data", "validate", "--fail-on-warnings"],
        cwd=ROOT,
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "UserWarning" not in output, output[-3000:]


STORY_POLICIES = {"MemoizationPolicy", "AugmentedMemoizationPolicy", "TEDPolicy"}


def test_stories_have_a_policy_to_learn_them():
    """RulePolicy learns only rules: a story added without a story policy would be silently ignored."""
    import yaml

    from tests.conftest import ROOT

    stories = [
        path.relative_to(ROOT)
        for path in (ROOT / "data").rglob("*.yml")
        if (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("stories")
    ]
    policies = {p["name"] for p in yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["policies"]}
    assert not stories or policies & STORY_POLICIES, (
        f"{stories} hold stories but config.yml has no policy that learns them: add MemoizationPolicy "
        "(and TEDPolicy to generalise) or write them as rules"
    )
    assert "RulePolicy" in policies


MARKUP = r"\[([^\]]+)\](?:\(([^)]*)\)|\{([^}]*)\})"


def _plain_with_spans(raw: str):
    """The sentence without its markup, and the spans of its annotations."""
    import re

    plain, spans, last = "", [], 0
    for match in re.finditer(MARKUP, raw):
        plain += raw[last : match.start()]
        spans.append((len(plain), len(plain) + len(match.group(1))))
        plain += match.group(1)
        last = match.end()
    return plain + raw[last:], spans


def test_every_concept_name_in_a_training_sentence_is_annotated():
    """The blind sets annotate « micro-travail » or « freelance » in every intent: a name left plain in training
    teaches the extractor to drop it for that intent (« une offre de micro-travail », in a scam check)."""
    import yaml

    from nlu_components.gazetteer import Gazetteer
    from nlu_components.vocabulary_entities import names_from_lookup_tables

    vocabulary = yaml.safe_load((ROOT / "data" / "nlu" / "vocabulary.yml").read_text(encoding="utf-8"))["nlu"]
    tables = [
        {"name": b["lookup"], "elements": [line.strip()[2:] for line in b["examples"].splitlines() if line.strip()]}
        for b in vocabulary
        if "lookup" in b
    ]
    concepts = Gazetteer([(s, n) for s, n in names_from_lookup_tables(tables) if n.entity == "concept"])
    plain_names = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in (block.get("examples") or "").splitlines() if "intent" in block else []:
                plain, spans = _plain_with_spans(line.strip()[2:])
                for name in concepts.find(plain):
                    if name.edits == 0 and not any(start < name.end and name.start < end for start, end in spans):
                        plain_names.append(f"{path.name} {block['intent']}: {plain} ({name.text})")
    assert not plain_names, "\n".join(plain_names)
