"""Retention: conversations idle for longer than RETENTION_DAYS are erased from the store, recent ones kept."""

import asyncio
import subprocess
import time

from tests.conftest import ROOT, server_env


def _save(store, sender, days_ago):
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker(sender, store.domain.slots)
    tracker.update(
        UserUttered("bonjour", {"name": "greet", "confidence": 1.0}, timestamp=time.time() - days_ago * 86400)
    )
    asyncio.run(store.save(tracker))


def _retention(endpoints, days):
    return subprocess.run(
        [str(ROOT / ".venv/bin/python"), "scripts/retention.py", "--endpoints", str(endpoints)],
        cwd=ROOT,
        env={**server_env(), "RETENTION_DAYS": days},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_old_conversations_are_erased_and_recent_ones_kept(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    db = tmp_path / "tracker.db"
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n", encoding="utf-8")
    store = SQLTrackerStore(Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=str(db))
    _save(store, "old", days_ago=40)
    _save(store, "recent", days_ago=2)

    refused = _retention(endpoints, "trente")
    assert refused.returncode != 0 and "RETENTION_DAYS must be a whole number" in refused.stderr

    done = _retention(endpoints, "30")
    assert done.returncode == 0, done.stderr
    assert "1 conversation(s) older than 30 days erased" in done.stdout
    fresh = SQLTrackerStore(Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=str(db))
    assert asyncio.run(fresh.retrieve("old")) is None
    assert asyncio.run(fresh.retrieve("recent")) is not None
