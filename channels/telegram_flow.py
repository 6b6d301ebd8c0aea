"""Telegram update flow control: redelivered updates are dropped by update_id, each chat is rate-limited."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import Any, Callable, Dict, Optional, Tuple

logger = logging.getLogger(__name__)

REMEMBERED_UPDATES = 10_000  # Telegram redelivers within minutes; far more than a replica receives meanwhile
UPDATE_MEMORY_SECONDS = 24 * 3600  # Telegram keeps an undelivered update for at most 24 h
CHAT_RATE_PER_MINUTE = 20
CHAT_BURST = 8
REMEMBERED_CHATS = 10_000
TOO_FAST_REPLY = "Vous m'écrivez très vite : attendez quelques secondes avant votre prochain message."


class RecentUpdates:
    """The update_ids already accepted: in Redis (shared by the replicas) when a client is given, else in this
    process (the last REMEMBERED_UPDATES ids). A Redis error falls back to this process's memory."""

    def __init__(self, redis: Any = None, key_prefix: str = "conseiller:telegram-update:") -> None:
        self.redis, self.key_prefix = redis, key_prefix
        self._local: "OrderedDict[int, None]" = OrderedDict()

    async def first_time(self, update_id: object) -> bool:
        """True the first time an update_id is seen (and for updates without a usable id), False after."""
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return True
        if self.redis is not None:
            try:
                return bool(await self.redis.set(f"{self.key_prefix}{update_id}", 1, nx=True, ex=UPDATE_MEMORY_SECONDS))
            except Exception as error:  # noqa: BLE001 - Redis down: de-duplicate in this process meanwhile
                logger.warning("Redis injoignable pour dédoublonner les mises à jour Telegram : %s", error)
        if update_id in self._local:
            return False
        self._local[update_id] = None
        if len(self._local) > REMEMBERED_UPDATES:
            self._local.popitem(last=False)
        return True


class ChatRateLimit:
    """A token bucket per chat (all updates come from Telegram's addresses, so nginx cannot limit per user).

    `allow` says whether a message may go to Rasa, and whether the chat must be told it is too fast (once
    per burst of refused messages)."""

    def __init__(
        self,
        per_minute: float = CHAT_RATE_PER_MINUTE,
        burst: int = CHAT_BURST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate, self.burst, self.clock = per_minute / 60.0, burst, clock
        self._chats: "OrderedDict[str, Tuple[float, float, bool]]" = OrderedDict()  # tokens, time, told

    def allow(self, chat_id: object) -> Tuple[bool, bool]:
        """(forward to Rasa, tell the user to slow down)."""
        key, now = str(chat_id), self.clock()
        tokens, then, told = self._chats.pop(key, (float(self.burst), now, False))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate)
        if tokens >= 1:
            self._remember(key, (tokens - 1, now, False))
            return True, False
        self._remember(key, (tokens, now, True))
        return False, not told

    def _remember(self, key: str, state: Tuple[float, float, bool]) -> None:
        self._chats[key] = state
        if len(self._chats) > REMEMBERED_CHATS:
            self._chats.popitem(last=False)


def redis_from_environment(environ: Dict[str, str]) -> Optional[Any]:
    """An asyncio Redis client on the lock store's server (REDIS_HOST, REDIS_PORT, REDIS_PASSWORD), else None."""
    host = environ.get("REDIS_HOST")
    if not host:
        return None
    from redis import asyncio as redis_asyncio

    return redis_asyncio.Redis(
        host=host,
        port=int(environ.get("REDIS_PORT") or 6379),
        password=environ.get("REDIS_PASSWORD") or None,
        db=1,
        socket_timeout=2,
        socket_connect_timeout=2,
    )
