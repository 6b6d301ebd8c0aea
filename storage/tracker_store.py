"""The tracker store named in endpoints*.yml: reconnects to its database and checkpoints long sessions."""

from __future__ import annotations

import logging
import time
from typing import Any, Optional, Text

from rasa.shared.core.trackers import DialogueStateTracker

from scripts.rgpd import delete
from storage.checkpoints import DEFAULT_MAX_SESSION_EVENTS, SessionCheckpoints
from storage.erasure import erasure_requested
from storage.reconnecting import ReconnectingSQLTrackerStore

logger = logging.getLogger(__name__)


class ResilientSQLTrackerStore(ReconnectingSQLTrackerStore):
    """ReconnectingSQLTrackerStore whose sessions get a checkpoint (SessionCheckpoints) when they grow long,
    and whose conversations are erased when the user confirms « /oublier » (storage.erasure)."""

    def __init__(self, *args: Any, max_session_events: int = DEFAULT_MAX_SESSION_EVENTS, **kwargs: Any) -> None:
        self.checkpoints = SessionCheckpoints(max_session_events)  # a bad setting fails before connecting
        super().__init__(*args, **kwargs)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        tracker = await super().retrieve(sender_id)
        if tracker is None or not self.checkpoints.due(tracker):
            return tracker
        for event in self.checkpoints.events(tracker, time.time()):
            tracker.update(event)
        await self.save(tracker)  # stores exactly the new events
        logger.debug("Conversation %r checkpointed after %d events", sender_id, len(tracker.events))
        return await super().retrieve(sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        if erasure_requested(tracker):
            erased = delete(self, tracker.sender_id)  # the same erasure as scripts/rgpd.py delete
            logger.info("Conversation erased at the user's request (%d events, %d charts)", *erased)
