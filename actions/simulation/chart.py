"""The simulation as a waterfall chart: its bars and their text alternative; drawn by charts/bars.py in the worker."""

from __future__ import annotations

from typing import List, Tuple

from actions.simulation.compute import Simulation
from charts.bars import euros, render_bars
from charts.pipeline import publish

CHART_TITLE = "Par mois, en euros"


def chart_bars(simulation: Simulation) -> List[Tuple[str, float]]:
    """(French label, euros per month) of each bar, top to bottom."""
    bars = [("Chiffre d'affaires", simulation.turnover.monthly)]
    if simulation.commission_rate:
        bars.append(("Commission", simulation.commission.monthly))
    bars += [("Cotisations", simulation.contributions.monthly), ("Reste avant impôt", simulation.remaining.monthly)]
    return [(label, float(value)) for label, value in bars]


def chart_alt_text(simulation: Simulation) -> str:
    """The euros written on the chart, in the chart's own format, in the order of its bars."""
    parts = ", ".join(f"{label.lower()} {euros(value)}" for label, value in chart_bars(simulation))
    return f"Graphique par mois : {parts}."


async def publish_chart(simulation: Simulation) -> str:
    """Renders in the chart worker, off the conversations' path; returns /charts/<id>.png."""
    return await publish(render_bars, chart_bars(simulation), CHART_TITLE)
