"""SQL tracker store that survives a database restart and keeps long conversations as fast as short ones."""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, List, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from runtime import speedups

logger = logging.getLogger(__name__)
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 3.0)  # ~7 s: longer than a PostgreSQL restart
DEFAULT_MAX_SESSION_EVENTS = 200  # ~20 exchanges; set `max_session_events` in endpoints.yml to change it


class ResilientSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore with pre-pinged connections, retries, and checkpoints of long conversations.

    Resilience: Rasa wraps tracker stores in a fail-safe store that falls back to an empty in-memory
    tracker on any error, which silently resets the conversation. Checking pooled connections before use
    and retrying while the database comes back keeps the real conversation instead.

    Checkpoints: Rasa 3.6 reads and replays every event of the current session on each message, so replies
    slow down as a conversation grows. When a session holds more than `max_session_events` events and the
    bot is simply waiting for the user (no form active), the store appends a checkpoint: Rasa's own
    session-start events (SessionStarted, the current slots, action_listen). Later messages read only what
    follows it. Nothing is deleted (`retrieve_full_tracker`, the HTTP API and the RGPD export still see the
    whole conversation) and the context lives on in the slots. Outside the form, no rule of this bot looks
    further back than the user's own message (tests/storage checks data/rules for it).
    """

    def __init__(self, *args: Any, max_session_events: int = DEFAULT_MAX_SESSION_EVENTS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        speedups.install()
        if int(max_session_events) < 10:
            raise ValueError(f"tracker_store.max_session_events={max_session_events} in the endpoints file is too "
                             "small: a single exchange takes about 10 events; use 100 or more.")
        self.max_session_events = int(max_session_events)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _with_retries(self, what: str, operation):
        for attempt, delay in enumerate(RETRY_DELAYS + (None,), start=1):
            try:
                return await operation()
            except sa.exc.OperationalError as error:
                if delay is None:
                    raise
                logger.warning("Tracker store unavailable while trying to %s (attempt %d): %s; retrying in %.1f s",
                               what, attempt, str(error).splitlines()[0], delay)
                await asyncio.sleep(delay)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        tracker = await self._with_retries("read a conversation", lambda: super(ResilientSQLTrackerStore, self)
                                           .retrieve(sender_id))
        if tracker is None or not self._needs_checkpoint(tracker):
            return tracker
        await self._with_retries("checkpoint a long conversation", lambda: self._checkpoint(tracker))
        return await self._with_retries("read a conversation", lambda: super(ResilientSQLTrackerStore, self)
                                        .retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self._with_retries("read a conversation", lambda: super(ResilientSQLTrackerStore, self)
                                        .retrieve_full_tracker(conversation_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._with_retries("save a conversation", lambda: super(ResilientSQLTrackerStore, self).save(tracker))

    def _needs_checkpoint(self, tracker: DialogueStateTracker) -> bool:
        return (len(tracker.events) > self.max_session_events
                and tracker.active_loop_name is None
                and tracker.latest_action_name == ACTION_LISTEN_NAME)

    async def _checkpoint(self, tracker: DialogueStateTracker) -> None:
        """Appends session-start events carrying the slots over; `save` stores exactly those new events."""
        timestamp = time.time()
        for event in checkpoint_events(tracker, timestamp):
            tracker.update(event)
        await super().save(tracker)
        logger.debug("Conversation %r checkpointed after %d events", tracker.sender_id, len(tracker.events))


def checkpoint_events(tracker: DialogueStateTracker, timestamp: float) -> List[Event]:
    """What `action_session_start` writes when slots are carried over, for the tracker as it is now."""
    carried = [SlotSet(name, slot.value, timestamp=timestamp)
               for name, slot in tracker.slots.items() if slot.value is not None]
    return [SessionStarted(timestamp=timestamp), *carried, ActionExecuted(ACTION_LISTEN_NAME, timestamp=timestamp)]
