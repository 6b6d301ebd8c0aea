"""SQL tracker store that survives a database restart instead of letting Rasa start the conversation over."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional, Sequence, Text, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 3.0)  # ~7 s: longer than a PostgreSQL restart
Result = TypeVar("Result")


class ReconnectingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore with pre-pinged connections and retries while the database is unreachable.

    Rasa wraps tracker stores in a fail-safe store that falls back to an empty in-memory tracker on any
    error, which silently resets the conversation. Checking pooled connections before use and retrying
    while the database comes back keeps the real conversation instead. `retry_delays` (seconds between
    attempts) can be set in the endpoints file.
    """

    def __init__(self, *args: Any, retry_delays: Sequence[float] = RETRY_DELAYS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_delays = tuple(float(delay) for delay in retry_delays)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def with_retries(self, what: str, operation: Callable[[], Awaitable[Result]]) -> Result:
        """Runs `operation`, again after each delay while the database is unreachable."""
        for attempt, delay in enumerate(self.retry_delays + (None,), start=1):
            try:
                return await operation()
            except sa.exc.OperationalError as error:
                if delay is None:
                    raise
                logger.warning(
                    "Tracker store unavailable while trying to %s (attempt %d): %s; retrying in %.1f s",
                    what,
                    attempt,
                    str(error).splitlines()[0],
                    delay,
                )
                await asyncio.sleep(delay)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self.with_retries(
            "read a conversation", lambda: super(ReconnectingSQLTrackerStore, self).retrieve(sender_id)
        )

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self.with_retries(
            "read a conversation",
            lambda: super(ReconnectingSQLTrackerStore, self).retrieve_full_tracker(conversation_id),
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.with_retries("save a conversation", lambda: super(ReconnectingSQLTrackerStore, self).save(tracker))
