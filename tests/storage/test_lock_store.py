"""A turn waiting for a conversation's lock keeps its place: when a dead replica's ticket expires, it is served."""

import asyncio
import time

import pytest
import yaml
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from runtime.launch import ROOT
from storage.lock_store import KeepsWaitingTickets, WaitingTurnRedisLockStore

LIFETIME = 1.0  # seconds: the dead holder's ticket expires after this
STEP = 0.05  # seconds between two looks at the lock


class WaitingTurnMemoryLockStore(KeepsWaitingTickets, InMemoryLockStore):
    """The same waiting rule on Rasa's in-memory store, so it is tested without Redis."""


def dead_holder(store: LockStore, conversation_id: str) -> None:
    """A replica that took the lock and was killed: its ticket is never cleaned up, only expires."""
    store.issue_ticket(conversation_id, LIFETIME)


async def next_turn(store: LockStore, conversation_id: str) -> float:
    started = time.monotonic()
    async with store.lock(conversation_id, lock_lifetime=LIFETIME, wait_time_in_seconds=STEP):
        return time.monotonic() - started


def test_stock_store_leaves_the_waiting_turn_stuck_when_both_tickets_expire():
    store = InMemoryLockStore()  # what the production profile used: the waiter's ticket expires with the dead one
    dead_holder(store, "conversation")
    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(asyncio.wait_for(next_turn(store, "conversation"), timeout=4 * LIFETIME))


def test_the_waiting_turn_is_served_once_the_dead_holder_expires():
    store = WaitingTurnMemoryLockStore()
    dead_holder(store, "conversation")
    waited = asyncio.run(asyncio.wait_for(next_turn(store, "conversation"), timeout=4 * LIFETIME))
    assert LIFETIME * 0.9 <= waited < 2 * LIFETIME
    assert store.get_lock("conversation") is None  # cleaned up after the turn: the next one does not wait


def test_turns_of_one_conversation_are_served_in_their_order():
    store = WaitingTurnMemoryLockStore()
    served = []

    async def turn(number: int) -> None:
        await asyncio.sleep(number * STEP / 5)  # asks in this order
        async with store.lock("conversation", lock_lifetime=LIFETIME, wait_time_in_seconds=STEP):
            served.append(number)
            await asyncio.sleep(STEP)

    async def conversation():
        dead_holder(store, "conversation")
        await asyncio.gather(*(turn(number) for number in range(4)))

    asyncio.run(asyncio.wait_for(conversation(), timeout=6 * LIFETIME))
    assert served == [0, 1, 2, 3]


def test_a_live_holder_still_keeps_the_others_waiting():
    store = WaitingTurnMemoryLockStore()

    async def holder_then_waiter():
        async with store.lock("conversation", lock_lifetime=LIFETIME, wait_time_in_seconds=STEP):
            waiter = asyncio.ensure_future(next_turn(store, "conversation"))
            await asyncio.sleep(3 * STEP)
            assert not waiter.done()
        return await asyncio.wait_for(waiter, timeout=LIFETIME)

    assert asyncio.run(holder_then_waiter()) < LIFETIME


def test_other_conversations_do_not_wait():
    store = WaitingTurnMemoryLockStore()
    dead_holder(store, "another conversation")
    assert asyncio.run(next_turn(store, "conversation")) < STEP


def test_production_profile_uses_the_waiting_turn_store():
    settings = yaml.safe_load((ROOT / "endpoints.prod.yml").read_text(encoding="utf-8"))["lock_store"]
    assert settings["type"] == "storage.lock_store.WaitingTurnRedisLockStore"
    store = LockStore.create(EndpointConfig.from_dict({**settings, "url": "127.0.0.1", "port": 1, "password": "x"}))
    assert isinstance(store, WaitingTurnRedisLockStore) and isinstance(store, RedisLockStore)
    assert store.key_prefix == "conseiller:lock:"  # the prefix scripts/rgpd.py erases with
