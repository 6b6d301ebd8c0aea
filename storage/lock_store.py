"""The lock store named in endpoints.prod.yml: Rasa's Redis ticket lock, where a waiting turn keeps its place."""

from __future__ import annotations

import asyncio
import bisect
import logging
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Text

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)


class KeepsWaitingTickets:
    """Rasa's ticket lock, except that a turn renews its ticket while it waits.

    In Rasa 3.6 a ticket expires `lock_lifetime` after it is issued, waiting or not. When a replica dies holding a
    conversation's lock, the next turn's ticket, issued just after, expires with the dead one: the queue is then
    empty, no ticket is ever « served », and that turn waits until the web server gives up (503 after 60 s).
    Renewing the waiting ticket keeps it alive as long as its replica is: only a dead replica's tickets expire.
    """

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            yield await self._wait_for_turn(conversation_id, ticket, lock_lifetime, wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)

    async def _wait_for_turn(self, conversation_id: Text, ticket: int, lifetime: float, step: float) -> TicketLock:
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None:  # as in Rasa: the lock was deleted under this turn (an erasure)
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(step)
            self._renew(conversation_id, ticket, lifetime)

    def _renew(self, conversation_id: Text, number: int, lifetime: float) -> None:
        """Drops the expired tickets and gives this one `lifetime` more seconds, back in its place if it was lost."""
        lock = self.get_lock(conversation_id)
        if lock is None:
            return
        lock.remove_expired_tickets()
        expires = time.time() + lifetime
        ticket = next((t for t in lock.tickets if t.number == number), None)
        if ticket is None:  # another replica saved the lock without it (Rasa's updates are not atomic)
            numbers = [t.number for t in lock.tickets]
            lock.tickets.insert(bisect.bisect(numbers, number), Ticket(number, expires))
            logger.debug("Ticket %d of conversation %r put back in the queue", number, conversation_id)
        else:
            ticket.expires = expires
        self.save_lock(lock)


class WaitingTurnRedisLockStore(KeepsWaitingTickets, RedisLockStore):
    """RedisLockStore whose waiting turns keep their tickets (KeepsWaitingTickets), from endpoints.prod.yml."""

    def __init__(self, endpoint_config: EndpointConfig, **_: Any) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)
