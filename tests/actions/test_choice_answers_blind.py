"""Free answers written blind to the schedule and autonomy questions are placed on the value they mean."""

from pathlib import Path

import pytest
import yaml

from actions.answer_parsing import parse_answer

ANSWERS = yaml.safe_load(Path(__file__).with_name("choice_answers_blind.yml").read_text(encoding="utf-8"))
CASES = [(slot, item["text"], item["value"]) for slot, items in ANSWERS.items() for item in items]


@pytest.mark.parametrize("slot, text, value", CASES, ids=[f"{s}: {t[:40]}" for s, t, _ in CASES])
def test_a_free_answer_is_placed_on_what_it_means(slot, text, value):
    assert parse_answer(slot, text) == value
