"""A horizontal bar chart of euros (the simulation), large type for a phone."""

from __future__ import annotations

from typing import List, Tuple

from charts.pipeline import PALETTE, new_figure, png_of


def render_bars(bars: List[Tuple[str, float]], title: str) -> bytes:
    """The bars (French label, euros) top to bottom, each labelled with its amount."""
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
