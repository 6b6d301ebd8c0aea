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
