"""The checkpoint policy: only long sessions, only while the bot waits for the user, the context carried over."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from storage.checkpoints import SessionCheckpoints
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def exchange(text):
    return [
        UserUttered(text, {"name": "ask_concept", "confidence": 1.0}),
        ActionExecuted("action_answer_concept"),
        BotUttered("Micro-travail : …"),
        ActionExecuted("action_listen"),
    ]


def conversation(domain, exchanges, *extra):
    events = [ActionExecuted("action_listen"), SlotSet("concept", "microwork")]
    for number in range(exchanges):
        events += exchange(f"question {number}")
    return DialogueStateTracker.from_events("someone", [*events, *extra], slots=domain.slots)


def test_a_session_gets_a_checkpoint_only_beyond_the_threshold(domain):
    checkpoints = SessionCheckpoints(max_session_events=10)
    assert not checkpoints.due(conversation(domain, 2))  # 10 events
    assert checkpoints.due(conversation(domain, 3))  # 14 events


def test_no_checkpoint_inside_the_form_or_while_the_bot_is_answering(domain):
    checkpoints = SessionCheckpoints(max_session_events=10)
    assert not checkpoints.due(conversation(domain, 3, ActiveLoop("choice_form"), ActionExecuted("action_listen")))
    assert not checkpoints.due(
        conversation(domain, 3, UserUttered("merci", {"name": "thank"}), ActionExecuted("utter_thank"))
    )


def test_the_checkpoint_starts_a_session_that_keeps_the_slots(domain):
    tracker = conversation(domain, 3)
    slots = tracker.current_slot_values()
    checkpoint = SessionCheckpoints.events(tracker, timestamp=123.0)
    assert isinstance(checkpoint[0], SessionStarted) and checkpoint[-1] == ActionExecuted("action_listen")
    assert {event.key: event.value for event in checkpoint[1:-1]} == {"concept": "microwork"}
    assert all(event.timestamp == 123.0 for event in checkpoint)
    for event in checkpoint:
        tracker.update(event)
    assert tracker.current_slot_values() == slots


def test_a_threshold_below_one_exchange_is_refused():
    with pytest.raises(ValueError, match="max_session_events=9 .* use 100 or more"):
        SessionCheckpoints(max_session_events=9)
