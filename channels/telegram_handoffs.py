"""The conversations an adviser is handling: by reference, by user chat, by message of the advisers' chat, by deadline.

In Redis (shared by the replicas, kept across restarts) when a client is given, else in this process."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, replace
from typing import Any, Dict, List, Optional

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: an adviser may type it
LINK_SECONDS = 7 * 24 * 3600  # a reply to an old message of a closed handoff is still recognised this long


def new_reference() -> str:
    """An opaque handoff reference such as H-7KQ2M9: it tells advisers nothing about the user."""
    return "H-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


@dataclass
class Handoff:
    """One user handed to the advisers: the reference shown to them, the conversation, and until when it lasts."""

    reference: str
    conversation: str  # the Rasa sender id, tg:<chat id>
    chat_id: Any
    thread: int  # message id of the summary in the advisers' chat; the bot's notes reply to it
    deadline: float  # time.time() after which, without an adviser's message, the assistant takes over again


class MemoryHandoffs:
    """The handoffs of this process (local mode: forgotten on restart)."""

    def __init__(self) -> None:
        self._handoffs: Dict[str, Handoff] = {}
        self._chats: Dict[str, str] = {}
        self._messages: Dict[int, str] = {}

    async def start(self, handoff: Handoff) -> None:
        self._handoffs[handoff.reference] = handoff
        self._chats[str(handoff.chat_id)] = handoff.reference
        self._messages[handoff.thread] = handoff.reference

    async def of_chat(self, chat_id: Any) -> Optional[Handoff]:
        return self._handoffs.get(self._chats.get(str(chat_id), ""))

    async def of_message(self, message_id: Any) -> Optional[Handoff]:
        return self._handoffs.get(self._messages.get(message_id, "")) if isinstance(message_id, int) else None

    async def link(self, reference: str, message_id: int) -> None:
        self._messages[message_id] = reference

    async def extend(self, reference: str, deadline: float) -> None:
        if reference in self._handoffs:  # a new record: a handoff already handed out stays as it was read
            self._handoffs[reference] = replace(self._handoffs[reference], deadline=deadline)

    async def end(self, reference: str) -> Optional[Handoff]:
        """The handoff if this call ended it; None if it had already ended (another adviser, the timeout)."""
        handoff = self._handoffs.pop(reference, None)
        if handoff is not None:
            self._chats.pop(str(handoff.chat_id), None)
            self._messages = {m: r for m, r in self._messages.items() if r != reference}
        return handoff

    async def expired(self, now: float) -> List[Handoff]:
        return [h for h in self._handoffs.values() if h.deadline <= now]


class RedisHandoffs:
    """The handoffs in Redis: every replica sees them and they survive a restart; ending one is atomic (DEL)."""

    def __init__(self, redis: Any, prefix: str = "conseiller:handoff:") -> None:
        self.redis, self.prefix = redis, prefix

    def _key(self, kind: str, name: Any) -> str:
        return f"{self.prefix}{kind}:{name}"

    async def start(self, handoff: Handoff) -> None:
        await self.redis.set(self._key("ref", handoff.reference), json.dumps(asdict(handoff)))
        await self.redis.set(self._key("chat", handoff.chat_id), handoff.reference)
        await self.link(handoff.reference, handoff.thread)
        await self.redis.zadd(self._key("deadlines", "all"), {handoff.reference: handoff.deadline})

    async def _get(self, reference: Any) -> Optional[Handoff]:
        if reference is None:
            return None
        raw = await self.redis.get(self._key("ref", _text(reference)))
        return Handoff(**json.loads(raw)) if raw else None

    async def of_chat(self, chat_id: Any) -> Optional[Handoff]:
        return await self._get(await self.redis.get(self._key("chat", chat_id)))

    async def of_message(self, message_id: Any) -> Optional[Handoff]:
        if not isinstance(message_id, int):
            return None
        return await self._get(await self.redis.get(self._key("message", message_id)))

    async def link(self, reference: str, message_id: int) -> None:
        await self.redis.set(self._key("message", message_id), reference, ex=LINK_SECONDS)

    async def extend(self, reference: str, deadline: float) -> None:
        handoff = await self._get(reference)
        if handoff is not None:
            handoff.deadline = deadline
            await self.redis.set(self._key("ref", reference), json.dumps(asdict(handoff)), xx=True)
            await self.redis.zadd(self._key("deadlines", "all"), {reference: deadline}, xx=True)

    async def end(self, reference: str) -> Optional[Handoff]:
        handoff = await self._get(reference)
        if handoff is None or not await self.redis.delete(self._key("ref", reference)):
            return None  # another replica ended it first
        await self.redis.delete(self._key("chat", handoff.chat_id))
        await self.redis.zrem(self._key("deadlines", "all"), reference)
        return handoff

    async def expired(self, now: float) -> List[Handoff]:
        references = await self.redis.zrangebyscore(self._key("deadlines", "all"), 0, now)
        found = [await self._get(r) for r in references]
        return [h for h in found if h is not None]


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def handoff_store(redis: Any = None) -> Any:
    """Redis when a client is given (REDIS_HOST set), else this process's memory."""
    return RedisHandoffs(redis) if redis is not None else MemoryHandoffs()
