"""Retention: erases the conversations whose last message is older than RETENTION_DAYS days.

Usage: RETENTION_DAYS=180 .venv/bin/python scripts/retention.py [--endpoints endpoints.yml]
A conversation still active within the period is kept whole (its old turns too), so no one loses the thread.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Mapping, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.rgpd import tracker_store  # noqa: E402


def retention_days(environ: Mapping[str, str]) -> int:
    """RETENTION_DAYS as a whole number of days (at least 1); exits with a message otherwise."""
    value = (environ.get("RETENTION_DAYS") or "").strip()
    if not value.isdigit() or int(value) < 1:
        sys.exit(f"RETENTION_DAYS must be a whole number of days, at least 1 (got {value!r}).")
    return int(value)


def purge(store, cutoff: float) -> Tuple[int, int]:
    """Deletes every conversation whose latest event is before `cutoff`; returns (conversations, events)."""
    import sqlalchemy as sa

    events = store.SQLEvent
    with store.session_scope() as session:
        stale = (
            session.query(events.sender_id).group_by(events.sender_id).having(sa.func.max(events.timestamp) < cutoff)
        )
        senders = [row.sender_id for row in stale]
        count = 0
        for start in range(0, len(senders), 500):  # bounded IN lists
            batch = senders[start : start + 500]
            count += session.query(events).filter(events.sender_id.in_(batch)).delete(synchronize_session=False)
        session.commit()
    return len(senders), count


def main() -> int:
    parser = argparse.ArgumentParser(description="Erase conversations older than RETENTION_DAYS.")
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args()
    days = retention_days(os.environ)
    os.chdir(ROOT)  # relative SQLite paths in endpoints files are relative to the project
    conversations, count = purge(tracker_store(args.endpoints), time.time() - days * 86400)
    print(f"{conversations} conversation(s) older than {days} days erased ({count} events).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
