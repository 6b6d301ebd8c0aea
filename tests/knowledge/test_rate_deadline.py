"""A rate's request deadline must be the one its text states: the store refuses a figure the bot would contradict."""

import pytest

from actions.knowledge.loader import KnowledgeError, load_store


def test_a_deadline_its_text_does_not_state_is_refused(broken_copy):
    directory = broken_copy("rates", lambda d: d["rates"]["acre_from_july_2026"].update(request_within_days=30))
    with pytest.raises(KnowledgeError, match=r"acre_from_july_2026.*request_within_days"):
        load_store(directory)
