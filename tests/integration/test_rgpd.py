"""RGPD: one command exports, then erases, everything stored about one sender id, and nothing else."""

import asyncio
import json
import subprocess
import time

from tests.support import run_project_script, sqlite_endpoints, sqlite_store


def _save(store, sender, texts):
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker(sender, store.domain.slots)
    for text in texts:
        tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
        tracker.update(BotUttered("Bonjour !"))
    asyncio.run(store.save(tracker))


def _rgpd(*args):
    return run_project_script("rgpd.py", *args)


def test_export_then_delete_one_sender(tmp_path):
    db = tmp_path / "tracker.db"
    endpoints = sqlite_endpoints(tmp_path, db)
    store = sqlite_store(db)
    _save(store, "alice", ["bonjour, je m'appelle Alice", "je suis développeuse"])
    _save(store, "bob", ["salut"])

    exported = _rgpd("export", "alice", "--endpoints", str(endpoints), "--out", str(tmp_path / "alice.json"))
    assert exported.returncode == 0, exported.stderr
    data = json.loads((tmp_path / "alice.json").read_text(encoding="utf-8"))
    texts = [e.get("text") for e in data["events"] if e["event"] == "user"]
    assert data["sender_id"] == "alice" and texts == ["bonjour, je m'appelle Alice", "je suis développeuse"]

    deleted = _rgpd("delete", "alice", "--endpoints", str(endpoints))
    assert deleted.returncode == 0, deleted.stderr
    assert "events deleted for sender 'alice'" in deleted.stdout
    assert asyncio.run(sqlite_store(db).retrieve("alice")) is None
    bob = asyncio.run(sqlite_store(db).retrieve("bob"))
    assert [e.text for e in bob.events if e.type_name == "user"] == ["salut"]


def test_a_channel_and_its_own_id_name_the_scoped_conversation(tmp_path):
    db = tmp_path / "tracker.db"
    endpoints = sqlite_endpoints(tmp_path, db)
    store = sqlite_store(db)
    _save(store, "tg:123456789", ["bonjour depuis Telegram"])
    _save(store, "rest:123456789", ["bonjour par REST"])

    exported = _rgpd("export", "123456789", "--channel", "telegram", "--endpoints", str(endpoints))
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert data["sender_id"] == "tg:123456789"
    assert [e.get("text") for e in data["events"] if e["event"] == "user"] == ["bonjour depuis Telegram"]

    deleted = _rgpd("delete", "123456789", "--channel", "telegram", "--endpoints", str(endpoints))
    assert deleted.returncode == 0 and "events deleted for sender 'tg:123456789'" in deleted.stdout
    assert asyncio.run(sqlite_store(db).retrieve("tg:123456789")) is None
    assert asyncio.run(sqlite_store(db).retrieve("rest:123456789")) is not None  # the same id in another channel stays


def test_delete_also_removes_the_senders_lock_in_redis(tmp_path):
    import redis
    from rasa.core.lock_store import RedisLockStore

    from runtime.launch import free_port

    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(port=port)
        for _ in range(50):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        db = tmp_path / "tracker.db"
        endpoints = sqlite_endpoints(
            tmp_path,
            db,
            f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: {port}\n  db: 1\n  key_prefix: conseiller\n",
        )
        _save(sqlite_store(db), "alice", ["bonjour"])
        locks = RedisLockStore(port=port, db=1, key_prefix="conseiller")
        for sender in ("alice", "bob"):
            locks.issue_ticket(sender, lock_lifetime=3600)
        deleted = _rgpd("delete", "alice", "--endpoints", str(endpoints))
        assert deleted.returncode == 0, deleted.stderr
        assert "Conversation lock in Redis: deleted." in deleted.stdout
        assert locks.get_lock("alice") is None and locks.get_lock("bob") is not None
    finally:
        server.kill()
