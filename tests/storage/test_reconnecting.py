"""The SQL store keeps the conversation while its database is briefly unreachable, and says so."""

import asyncio
import logging

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from storage.reconnecting import ReconnectingSQLTrackerStore


@pytest.fixture
def database(tmp_path):
    """A SQLite file whose folder can be taken away (the database is unreachable) and put back."""
    folder = tmp_path / "db"
    folder.mkdir()
    return folder


def make_store(database, delays):
    return ReconnectingSQLTrackerStore(
        Domain.empty(), dialect="sqlite", db=str(database / "tracker.db"), retry_delays=delays
    )


async def save_message(store, sender, text):
    tracker = await store.retrieve(sender) or DialogueStateTracker(sender, [])
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    await store.save(tracker)


def user_texts(tracker):
    return [event.text for event in tracker.events if isinstance(event, UserUttered)]


def unreachable_for(database, seconds):
    """Takes the database away now and brings it back after `seconds` (like a PostgreSQL restart)."""
    hidden = database.rename(database.with_name("db-restarting"))
    asyncio.get_running_loop().call_later(seconds, hidden.rename, database)


def test_a_conversation_read_and_saved_during_a_restart_is_kept(database, caplog):
    store = make_store(database, delays=[0.2] * 5)

    async def scenario():
        await save_message(store, "alice", "bonjour")
        unreachable_for(database, 0.5)
        tracker = await store.retrieve("alice")
        unreachable_for(database, 0.5)
        tracker.update(UserUttered("c'est quoi le freelance ?", {"name": "ask_concept", "confidence": 1.0}))
        await store.save(tracker)
        return await store.retrieve("alice")

    with caplog.at_level(logging.WARNING, logger="storage.reconnecting"):
        tracker = asyncio.run(scenario())
    assert user_texts(tracker) == ["bonjour", "c'est quoi le freelance ?"]
    assert "Tracker store unavailable while trying to read a conversation (attempt 1)" in caplog.text
    assert "Tracker store unavailable while trying to save a conversation (attempt 1)" in caplog.text


def test_a_database_that_stays_away_is_reported_after_the_last_retry(database):
    store = make_store(database, delays=[0.05, 0.05])

    async def scenario():
        await save_message(store, "bob", "salut")
        database.rename(database.with_name("db-gone"))
        await store.retrieve("bob")

    with pytest.raises(sa.exc.OperationalError, match="unable to open database file"):
        asyncio.run(scenario())


def test_pooled_connections_are_checked_before_use(database):
    assert make_store(database, delays=[]).engine.pool._pre_ping
