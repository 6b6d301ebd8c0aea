"""The simulation as a bar chart (PNG), rendered in a worker process and stored under an opaque id."""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import List, Tuple

from actions.simulation.compute import Simulation
from runtime.charts import charts_dir

COLOURS = ("#1f4e79", "#c55a11", "#7f6000", "#2e7d32")
_pool: List[ProcessPoolExecutor] = []


def chart_bars(simulation: Simulation) -> List[Tuple[str, float]]:
    """(French label, euros per month) of each bar, top to bottom."""
    bars = [("Chiffre d'affaires", simulation.turnover.monthly)]
    if simulation.commission_rate:
        bars.append(("Commission", simulation.commission.monthly))
    bars += [("Cotisations", simulation.contributions.monthly), ("Reste avant impôt", simulation.remaining.monthly)]
    return [(label, float(value)) for label, value in bars]


def render_png(bars: List[Tuple[str, float]], title: str) -> bytes:
    """A horizontal bar chart, large type for a phone; the Agg canvas is chosen here, no global backend."""
    from io import BytesIO

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 3.6), dpi=120)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [label for label, _ in bars][::-1]
    values = [value for _, value in bars][::-1]
    drawn = axes.barh(labels, values, color=COLOURS[: len(bars)][::-1])
    axes.bar_label(drawn, labels=[f"{v:,.0f} €".replace(",", " ") for v in values], padding=4, fontsize=12)
    axes.set_title(title, fontsize=13)
    axes.tick_params(axis="y", labelsize=12)
    axes.set_xticks([])
    axes.set_xlim(0, max(values) * 1.3 or 1)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
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


def _render_and_store(bars: List[Tuple[str, float]], title: str, directory: str) -> str:
    return store_png(render_png(bars, title), Path(directory))


def chart_alt_text(simulation: Simulation) -> str:
    from actions.simulation.reply import amount

    parts = ", ".join(f"{label.lower()} {amount(Decimal(str(value)))}" for label, value in chart_bars(simulation))
    return f"Graphique par mois : {parts}."


async def publish_chart(simulation: Simulation) -> str:
    """Renders in a worker process, so that other conversations are not slowed; returns /charts/<id>.png."""
    if not _pool:
        # spawn: a fresh interpreter, never a fork of the action server's threads
        _pool.append(ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")))
    loop = asyncio.get_running_loop()
    chart_id = await loop.run_in_executor(
        _pool[0], _render_and_store, chart_bars(simulation), "Par mois, en euros", str(charts_dir())
    )
    return f"/charts/{chart_id}.png"
