"""Retention: erases the conversations whose last message is older than RETENTION_DAYS days, and the charts too.

Usage: RETENTION_DAYS=180 [CHARTS_MAX_MB=200] .venv/bin/python scripts/retention.py [--endpoints endpoints.yml]
A conversation still active within the period is kept whole (its old turns too), so no one loses the thread.
Charts older than the period are erased, then the oldest ones until the rest fit in CHARTS_MAX_MB.
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

from runtime.charts import purge_charts  # noqa: E402
from scripts.rgpd import tracker_store  # noqa: E402

CHARTS_MAX_MB_DEFAULT = 200  # a chart is ~30 KB: several thousand simulations


def retention_days(environ: Mapping[str, str]) -> int:
    """RETENTION_DAYS as a whole number of days (at least 1); exits with a message otherwise."""
    value = (environ.get("RETENTION_DAYS") or "").strip()
    if not value.isdigit() or int(value) < 1:
        sys.exit(f"RETENTION_DAYS must be a whole number of days, at least 1 (got {value!r}).")
    return int(value)


def charts_max_bytes(environ: Mapping[str, str]) -> int:
    """CHARTS_MAX_MB (megabytes, may be decimal) as bytes; exits with a message when it is not a positive number."""
    value = (environ.get("CHARTS_MAX_MB") or str(CHARTS_MAX_MB_DEFAULT)).strip()
    try:
        megabytes = float(value)
    except ValueError:
        megabytes = 0
    if not megabytes > 0:
        sys.exit(f"CHARTS_MAX_MB must be a positive number of megabytes (got {value!r}).")
    return int(megabytes * 1_000_000)


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
    days, max_bytes = retention_days(os.environ), charts_max_bytes(os.environ)
    os.chdir(ROOT)  # relative SQLite paths in endpoints files are relative to the project
    cutoff = time.time() - days * 86400
    conversations, count = purge(tracker_store(args.endpoints), cutoff)
    print(f"{conversations} conversation(s) older than {days} days erased ({count} events).")
    charts, left = purge_charts(cutoff, max_bytes)
    print(f"{charts} chart(s) erased (older than {days} days or beyond {max_bytes / 1e6:g} MB); {left} bytes left.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
