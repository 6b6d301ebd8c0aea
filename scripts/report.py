"""The operator's report: a terminal summary and an HTML dashboard built from the tracker store.

Usage: .venv/bin/python scripts/report.py [--endpoints endpoints.yml] [--days 30 | --since D --until D]
       [--out test-output/report] [--export-not-understood FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import List, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.clusters import annotation_block, group_messages  # noqa: E402
from dashboard.events import StoreUnavailable, read_events, senders_before, store_url  # noqa: E402
from dashboard.render import daily_lines, summary_lines, write_report  # noqa: E402
from dashboard.stats import Stats, compute  # noqa: E402


def build(url: str, out: Path, since: Optional[dt.date], until: Optional[dt.date], today: dt.date, assets: str = ""):
    """Reads the store, writes the page (its files found at `assets`); returns the figures, the not-understood
    groups and the page."""
    from actions.knowledge.loader import get_store
    from actions.knowledge.review import due_for_review

    stats: Stats = compute(read_events(url, since, until), senders_before(url, since) if since else ())
    groups = group_messages(stats.not_understood)
    due = due_for_review(get_store(), today)
    period = f"{since or 'début'} → {until or today}"
    return stats, groups, due, write_report(stats, groups, due, out, period, assets)


def endpoints_url(endpoints: str) -> str:
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(ROOT / endpoints), "tracker_store")
    if config is None:
        sys.exit(f"{endpoints}: no tracker_store section")
    settings = {**config.kwargs, "url": config.url} if config.url else dict(config.kwargs)
    if settings.get("dialect", "sqlite") == "sqlite" and not Path(settings.get("db", "rasa.db")).is_absolute():
        settings["db"] = str(ROOT / settings.get("db", "rasa.db"))  # relative to the project, as Rasa runs there
    return store_url(settings)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Report on the conversations of the tracker store.")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--db-url", help="SQLAlchemy URL of the store (instead of --endpoints)")
    parser.add_argument("--days", type=int, help="the last N days (default: everything)")
    parser.add_argument("--since", type=dt.date.fromisoformat)
    parser.add_argument("--until", type=dt.date.fromisoformat)
    parser.add_argument("--out", default="test-output/report", help="folder of the HTML page and its charts")
    parser.add_argument("--export-not-understood", help="write the not-understood groups as a data/nlu YAML block")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # relative SQLite paths in endpoints files are relative to the project
    today = dt.datetime.now(dt.timezone.utc).date()
    since = today - dt.timedelta(days=args.days - 1) if args.days else args.since
    started = time.perf_counter()
    try:
        stats, groups, due, page = build(
            args.db_url or endpoints_url(args.endpoints), Path(args.out), since, args.until, today
        )
    except StoreUnavailable as error:
        sys.exit(f"Base des conversations injoignable ({error}) : vérifiez qu'elle est démarrée.")
    print("\n".join(summary_lines(stats, groups, due) + daily_lines(stats)))
    if args.export_not_understood:
        Path(args.export_not_understood).write_text(annotation_block(groups), encoding="utf-8")
        print(f"Messages non compris exportés : {args.export_not_understood}")
    print(f"Tableau de bord : {page} ({time.perf_counter() - started:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
