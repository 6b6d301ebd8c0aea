"""Where chart images live (written by the action server, read by the web page and Telegram), and their erasure."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Optional, Tuple

CHARTS_DIR_DEFAULT = Path(__file__).resolve().parents[1] / "logs" / "charts"  # logs/ is not versioned
CHART_URL = re.compile(r"^/charts/(?P<id>[0-9a-f]{24})\.png$")
CHART_ID = re.compile(r"^[0-9a-f]{24}$")


def charts_dir() -> Path:
    return Path(os.environ.get("CHARTS_DIR", str(CHARTS_DIR_DEFAULT)))


def chart_path(chart_id: str) -> Optional[Path]:
    """The file of a chart id, or None for an id that is not one of ours (or not rendered)."""
    if not CHART_ID.match(chart_id or ""):
        return None
    path = charts_dir() / f"{chart_id}.png"
    return path if path.is_file() else None


def chart_file_of_url(url: str) -> Optional[Path]:
    """The local file behind one of our chart URLs (/charts/<id>.png), or None for any other URL."""
    match = CHART_URL.match(url or "")
    return chart_path(match.group("id")) if match else None


def remove_charts(urls: Iterable[str]) -> int:
    """Deletes the files of those chart URLs (a conversation's bot images); returns how many were deleted."""
    removed = 0
    for url in urls:
        path = chart_file_of_url(url)
        if path is not None:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def purge_charts(cutoff: float, max_bytes: int) -> Tuple[int, int]:
    """Deletes the charts last written before `cutoff`, then the oldest until the rest fit in `max_bytes`;
    returns (charts deleted, bytes left)."""
    files = sorted(charts_dir().glob("*.png"), key=lambda path: path.stat().st_mtime) if charts_dir().is_dir() else []
    removed, kept = 0, []
    for path in files:
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
        else:
            kept.append(path)
    left = sum(path.stat().st_size for path in kept)
    for path in kept:  # oldest first
        if left <= max_bytes:
            break
        left -= path.stat().st_size
        path.unlink(missing_ok=True)
        removed += 1
    return removed, left
