"""Retention: conversations idle for longer than RETENTION_DAYS are erased from the store, recent ones kept."""

import asyncio
import time

from tests.support import run_project_script, sqlite_endpoints, sqlite_store


def _save(store, sender, days_ago):
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker(sender, store.domain.slots)
    tracker.update(
        UserUttered("bonjour", {"name": "greet", "confidence": 1.0}, timestamp=time.time() - days_ago * 86400)
    )
    asyncio.run(store.save(tracker))


def _retention(endpoints, days):
    return run_project_script("retention.py", "--endpoints", str(endpoints), env={"RETENTION_DAYS": days})


def test_old_conversations_are_erased_and_recent_ones_kept(tmp_path):
    db = tmp_path / "tracker.db"
    endpoints = sqlite_endpoints(tmp_path, db)
    store = sqlite_store(db)
    _save(store, "old", days_ago=40)
    _save(store, "recent", days_ago=2)

    refused = _retention(endpoints, "trente")
    assert refused.returncode != 0 and "RETENTION_DAYS must be a whole number" in refused.stderr

    done = _retention(endpoints, "30")
    assert done.returncode == 0, done.stderr
    assert "1 conversation(s) older than 30 days erased" in done.stdout
    fresh = sqlite_store(db)
    assert asyncio.run(fresh.retrieve("old")) is None
    assert asyncio.run(fresh.retrieve("recent")) is not None
