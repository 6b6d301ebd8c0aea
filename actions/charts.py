"""Charts as PNG: the shared palette, rendering in a worker process, storage under an opaque id, sending."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Awaitable, Callable, List

from rasa_sdk.executor import CollectingDispatcher

from runtime.charts import charts_dir

logger = logging.getLogger(__name__)
# dark blue, orange, olive, green: told apart with the common colour-vision deficiencies
PALETTE = ("#1f4e79", "#c55a11", "#7f6000", "#2e7d32")
DPI = 120
Render = Callable[..., bytes]
_pool: List[ProcessPoolExecutor] = []


def new_figure(width: float, height: float) -> Any:
    """A matplotlib Figure of that size in inches at 120 dpi, on its own Agg canvas (no global backend)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def png_of(figure: Any) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


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


def _render_and_store(render: Render, arguments: tuple, directory: str) -> str:
    return store_png(render(*arguments), Path(directory))


async def publish(render: Render, *arguments: Any) -> str:
    """Runs render(*arguments) in a worker process, so that other conversations are not slowed;
    returns /charts/<id>.png. `render` must be a module-level function (it is sent to the worker by name)."""
    if not _pool:
        # spawn: a fresh interpreter, never a fork of the action server's threads
        _pool.append(ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")))
    loop = asyncio.get_running_loop()
    chart_id = await loop.run_in_executor(_pool[0], _render_and_store, render, arguments, str(charts_dir()))
    return f"/charts/{chart_id}.png"


async def send_chart(dispatcher: CollectingDispatcher, alt_text: str, chart_url: Awaitable[str]) -> None:
    """One message: the chart and its text alternative. A chart that cannot be drawn must not cost the
    answer, whose text says it all: the failure is logged and nothing is sent."""
    try:
        dispatcher.utter_message(text=alt_text, image=await chart_url)
    except Exception:
        logger.exception("chart not rendered")
