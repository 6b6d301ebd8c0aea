"""Where chart images live: drawn and stored by the chart worker of the action server (under an id derived from
the picture only), read by the web page server and the Telegram channel."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any, Callable, Optional, Tuple

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


def store_png(png: bytes, directory: Path) -> str:
    """Writes the PNG under an id derived from its content only (no user data); returns the id."""
    chart_id = hashlib.sha256(png).hexdigest()[:24]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{chart_id}.png"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(png)
        partial.replace(path)
    return chart_id


def draw_and_store(draw: Callable[..., bytes], arguments: Tuple[Any, ...], directory: str) -> str:
    """What the chart worker process runs: draw(*arguments) (a function of runtime.drawings), then store_png."""
    return store_png(draw(*arguments), Path(directory))
