"""When and how a long conversation gets a checkpoint, so each message reads only what follows it."""

from __future__ import annotations

from typing import List

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

DEFAULT_MAX_SESSION_EVENTS = 200  # ~20 exchanges; set `max_session_events` in endpoints.yml to change it
MIN_SESSION_EVENTS = 10  # a single exchange takes about 10 events


class SessionCheckpoints:
    """Checkpoints sessions longer than `max_session_events` while the bot waits for the user.

    Rasa 3.6 reads and replays every event of the current session on each message, so replies slow down as
    a conversation grows. A checkpoint is Rasa's own session-start events (SessionStarted, the current
    slots, action_listen): Rasa's SQL store reads only what follows the latest one. Nothing is deleted
    (the full tracker, the HTTP API and the RGPD export still see the whole conversation) and the context
    lives on in the slots. Outside the form, no rule of this bot looks further back than the user's own
    message (tests/storage checks data/rules for it), so a checkpoint is never made while a form is active.
    """

    def __init__(self, max_session_events: int = DEFAULT_MAX_SESSION_EVENTS) -> None:
        if int(max_session_events) < MIN_SESSION_EVENTS:
            raise ValueError(
                f"tracker_store.max_session_events={max_session_events} in the endpoints file is too "
                "small: a single exchange takes about 10 events; use 100 or more."
            )
        self.max_session_events = int(max_session_events)

    def due(self, tracker: DialogueStateTracker) -> bool:
        return (
            len(tracker.events) > self.max_session_events
            and tracker.active_loop_name is None
            and tracker.latest_action_name == ACTION_LISTEN_NAME
        )

    @staticmethod
    def events(tracker: DialogueStateTracker, timestamp: float) -> List[Event]:
        """What `action_session_start` writes when slots are carried over, for the tracker as it is now."""
        carried = [
            SlotSet(name, slot.value, timestamp=timestamp)
            for name, slot in tracker.slots.items()
            if slot.value is not None
        ]
        return [SessionStarted(timestamp=timestamp), *carried, ActionExecuted(ACTION_LISTEN_NAME, timestamp=timestamp)]
