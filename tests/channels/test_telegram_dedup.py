"""Telegram flow control: a redelivered update is answered once (in one process or across replicas sharing Redis),
each chat is rate-limited."""

from __future__ import annotations

import asyncio

from channels.telegram_flow import TOO_FAST_REPLY, ChatRateLimit
from tests.channels.fake_bot_api import text_update


def test_a_redelivered_update_is_answered_once(local):
    update = text_update(11, "bonjour")
    local.handle(update)
    local.handle(update)  # Telegram resends an update when the webhook answered too late
    local.handle(text_update(11, "bonjour"))  # the same text in a new update is a new message
    assert local.received == ["bonjour", "bonjour"]
    assert [m["text"] for m in local.fake.of("sendMessage", 11)] == ["vu : bonjour"] * 2


def test_a_chat_that_writes_too_fast_is_told_once_and_other_chats_are_not_slowed():
    now = [0.0]
    limit = ChatRateLimit(per_minute=6, burst=2, clock=lambda: now[0])
    assert [limit.allow(1) for _ in range(4)] == [(True, False), (True, False), (False, True), (False, False)]
    assert limit.allow(2) == (True, False)
    now[0] = 10.0  # 6 per minute: one message more every 10 s
    assert limit.allow(1) == (True, False) and limit.allow(1) == (False, True)


def test_the_too_fast_reply_reaches_the_chat_and_rasa_is_spared(local):
    for turn in range(12):
        local.handle(text_update(12, f"message {turn}"))
    texts = [m["text"] for m in local.fake.of("sendMessage", 12)]
    assert len(local.received) == 8 and texts.count(TOO_FAST_REPLY) == 1 and len(texts) == 9


def test_two_replicas_sharing_redis_answer_a_redelivered_update_once(redis_server):
    from redis import asyncio as redis_asyncio

    from channels.telegram_flow import RecentUpdates

    async def scenario():
        clients = [redis_asyncio.Redis(port=redis_server.port) for _ in range(2)]
        first, second = (RecentUpdates(client) for client in clients)
        seen = [await first.first_time(700001), await second.first_time(700001), await second.first_time(700002)]
        redis_server.process.terminate()
        redis_server.process.wait(timeout=10)
        down = [await first.first_time(700003), await first.first_time(700003)]  # Redis gone: this process remembers
        for client in clients:
            await client.close()
        return seen, down

    assert asyncio.run(scenario()) == ([True, False, True], [True, False])
