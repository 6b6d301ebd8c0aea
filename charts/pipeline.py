"""The chart pipeline: an Agg figure, rendering in a warm worker process, storage under a random opaque id."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import secrets
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, List

from runtime.charts import charts_dir

# dark blue, orange, olive, green: told apart with the common colour-vision deficiencies
PALETTE = ("#1f4e79", "#c55a11", "#7f6000", "#2e7d32")
GREY = "#404040"  # secondary text and guide lines
DPI = 120
Render = Callable[..., bytes]
_pool: List[ProcessPoolExecutor] = []


def new_figure(width: float, height: float, dpi: int = DPI) -> Any:
    """A matplotlib Figure of that size in inches (120 dpi unless told), on its own Agg canvas (no global backend)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure


def png_of(figure: Any) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def store_png(png: bytes, directory: Path) -> str:
    """Writes the PNG under a random id: the same chart for two people gets two ids, so nobody can probe what
    another simulated, and erasing one conversation's charts (ids in its bot messages) leaves the others'."""
    chart_id = secrets.token_hex(12)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{chart_id}.png"
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(png)
    partial.replace(path)
    return chart_id


def _render_and_store(render: Render, arguments: tuple, directory: str) -> str:
    return store_png(render(*arguments), Path(directory))


def _draw_nothing() -> bytes:
    return png_of(new_figure(1, 1))


def _worker() -> ProcessPoolExecutor:
    if not _pool:
        # spawn: a fresh interpreter, never a fork of the action server's threads
        _pool.append(ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")))
    return _pool[0]


def start_worker() -> float:
    """Starts the worker and waits until it has drawn once (matplotlib loaded), so that the first chart a person
    asks for is as fast as the next ones; returns the seconds it took."""
    started = time.monotonic()
    _worker().submit(_draw_nothing).result()
    return time.monotonic() - started


async def publish(render: Render, *arguments: Any) -> str:
    """Runs render(*arguments) in the worker, so that other conversations are not slowed; returns /charts/<id>.png.
    `render` must be a module-level function of charts/ (the worker imports its module, never the actions)."""
    loop = asyncio.get_running_loop()
    try:
        chart_id = await loop.run_in_executor(_worker(), _render_and_store, render, arguments, str(charts_dir()))
    except BrokenProcessPool:
        _pool.clear()  # the worker died (killed, out of memory): the next chart starts a new one
        raise
    return f"/charts/{chart_id}.png"
