"""RGPD access and erasure: export, then delete, everything stored about one conversation (tracker rows, charts, lock).

Usage: .venv/bin/python scripts/rgpd.py export CONVERSATION [--channel CHANNEL] [--endpoints …] [--out FILE]
       .venv/bin/python scripts/rgpd.py delete CONVERSATION [--channel CHANNEL] [--endpoints …]
CONVERSATION is the scoped id of the tracker store (`tg:123456`, `web:…`, `rest:…`), or, with --channel, the
channel's own id (the Telegram chat id, the REST sender). The production profile uses
--endpoints endpoints.prod.yml with its environment (see .env.example).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from channels.base import CONVERSATION_SCOPES  # noqa: E402  (needs ROOT on the path)
from runtime.charts import remove_charts  # noqa: E402


def scoped(conversation: str, channel: str = None) -> str:
    """The tracker store's id: CONVERSATION as given, or the channel's own id put in that channel's scope."""
    return f"{CONVERSATION_SCOPES[channel]}:{conversation}" if channel else conversation


def endpoint(endpoints: str, name: str):
    from rasa.utils.endpoints import read_endpoint_config

    return read_endpoint_config(str(ROOT / endpoints if not Path(endpoints).is_absolute() else endpoints), name)


def tracker_store(endpoints: str):
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore

    store = TrackerStore.create(endpoint(endpoints, "tracker_store"))
    if not isinstance(store, SQLTrackerStore):
        sys.exit(
            f"{endpoints}: this command handles SQL tracker stores (SQLite, PostgreSQL) only, "
            f"not {type(store).__name__}."
        )
    return store


async def export(store, sender: str) -> dict:
    tracker = await store.retrieve_full_tracker(sender)
    events = [] if tracker is None else [event.as_dict() for event in tracker.events]
    return {"sender_id": sender, "events": events, "event_count": len(events)}


class Erased(NamedTuple):
    events: int
    charts: int


def delete(store, sender: str) -> Erased:
    """Deletes the sender's events and the charts their bot messages showed."""
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender)
        images = [(json.loads(row.data).get("data") or {}).get("image") for row in rows if row.type_name == "bot"]
        count = rows.delete()
        session.commit()
    return Erased(count, remove_charts(image for image in images if image))


def delete_lock(endpoints: str, sender: str) -> bool:
    """Removes the sender's conversation lock from a Redis lock store; True if there was one."""
    from rasa.core.lock_store import LockStore, RedisLockStore

    config = endpoint(endpoints, "lock_store")
    if config is None:
        return False  # in-memory locks live only inside the running server
    store = LockStore.create(config)
    if not isinstance(store, RedisLockStore):
        return False
    return bool(store.red.delete(store.key_prefix + sender))


def main() -> int:
    parser = argparse.ArgumentParser(description="RGPD: export or erase one sender's conversations.")
    parser.add_argument("command", choices=["export", "delete"])
    parser.add_argument(
        "sender_id", help="the scoped conversation id (tg:…, web:…, rest:…), or a raw id with --channel"
    )
    parser.add_argument("--channel", choices=sorted(CONVERSATION_SCOPES), help="the channel of a raw id")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--out", help="write the export to this file instead of standard output")
    args = parser.parse_args()
    os.chdir(ROOT)  # relative SQLite paths in endpoints files are relative to the project
    store = tracker_store(args.endpoints)
    args.sender_id = scoped(args.sender_id, args.channel)
    if args.command == "export":
        data = json.dumps(asyncio.run(export(store, args.sender_id)), ensure_ascii=False, indent=2)
        Path(args.out).write_text(data, encoding="utf-8") if args.out else print(data)
    else:
        erased = delete(store, args.sender_id)
        print(f"{erased.events} events deleted for sender '{args.sender_id}', {erased.charts} chart(s) deleted.")
        lock = "deleted" if delete_lock(args.endpoints, args.sender_id) else "none stored"
        print(f"Conversation lock in Redis: {lock}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
