"""The simulation as a bar chart (PNG), published through actions/charts.py."""

from __future__ import annotations

from decimal import Decimal
from typing import List, Tuple

from actions.charts import PALETTE, new_figure, png_of, publish
from actions.simulation.compute import Simulation

CHART_TITLE = "Par mois, en euros"


def chart_bars(simulation: Simulation) -> List[Tuple[str, float]]:
    """(French label, euros per month) of each bar, top to bottom."""
    bars = [("Chiffre d'affaires", simulation.turnover.monthly)]
    if simulation.commission_rate:
        bars.append(("Commission", simulation.commission.monthly))
    bars += [("Cotisations", simulation.contributions.monthly), ("Reste avant impôt", simulation.remaining.monthly)]
    return [(label, float(value)) for label, value in bars]


def render_png(bars: List[Tuple[str, float]], title: str) -> bytes:
    """A horizontal bar chart, large type for a phone."""
    figure = new_figure(6, 3.6)
    axes = figure.add_subplot()
    labels = [label for label, _ in bars][::-1]
    values = [value for _, value in bars][::-1]
    drawn = axes.barh(labels, values, color=PALETTE[: len(bars)][::-1])
    axes.bar_label(drawn, labels=[f"{v:,.0f} €".replace(",", " ") for v in values], padding=4, fontsize=12)
    axes.set_title(title, fontsize=13)
    axes.tick_params(axis="y", labelsize=12)
    axes.set_xticks([])
    axes.set_xlim(0, max(values) * 1.3 or 1)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    return png_of(figure)


def chart_alt_text(simulation: Simulation) -> str:
    from actions.simulation.reply import amount

    parts = ", ".join(f"{label.lower()} {amount(Decimal(str(value)))}" for label, value in chart_bars(simulation))
    return f"Graphique par mois : {parts}."


async def publish_chart(simulation: Simulation) -> str:
    """Renders off the hot path (actions/charts.py); returns /charts/<id>.png."""
    return await publish(render_png, chart_bars(simulation), CHART_TITLE)
