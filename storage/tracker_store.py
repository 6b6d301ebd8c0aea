"""SQL tracker store that survives a database restart instead of silently starting conversations over."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 3.0)  # ~7 s: longer than a PostgreSQL restart


class ResilientSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore with pre-pinged connections and retries on connection errors.

    Rasa wraps tracker stores in a fail-safe store that falls back to an empty in-memory tracker on
    any error, which silently resets the conversation. Checking pooled connections before use and
    retrying while the database comes back keeps the real conversation instead.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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
        return await self._with_retries("read a conversation", lambda: super(ResilientSQLTrackerStore, self)
                                        .retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self._with_retries("read a conversation", lambda: super(ResilientSQLTrackerStore, self)
                                        .retrieve_full_tracker(conversation_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._with_retries("save a conversation", lambda: super(ResilientSQLTrackerStore, self).save(tracker))
