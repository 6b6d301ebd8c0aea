"""The dashboard's four charts: PNG files drawn server-side, legible at their natural size on a laptop screen."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Dict, List, Optional

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from dashboard.stats import Stats

DPI = 100
SIZE = (5.2, 3.4)  # inches: 520 × 340 pixels, two charts side by side in the page's 1100-pixel column
TITLE_PT = 12
LABEL_PT = 11  # axis labels
SMALLEST_FONT_PT = 10  # ticks and legends: 14 pixels at the natural size
MAX_DAY_TICKS = 10  # more dates would overlap: one in every n days is labelled
USEFUL, USELESS = "#1a8f5a", "#c8413b"
STEP_LABELS = {
    "started": "Commencé",
    "schedule": "Horaires",
    "skills": "Compétences",
    "income": "Revenus",
    "career": "Projet",
    "autonomy": "Autonomie",
    "recommendation": "Recommandation",
}


def _chart(path: Path, title: str, draw: Callable[[Figure, Axes], int], left: float, right: float) -> str:
    """Draws one chart, its plot between the `left` and `right` margins (fractions of the width, room for the axes'
    labels); `draw` returns how many rows of legend it placed under the title."""
    # a Figure of its own, not pyplot's global state: /admin draws several reports at once in worker threads
    figure = Figure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(figure)  # its own Agg canvas: no global backend, nothing to close
    axes = figure.add_subplot()
    legend_rows = draw(figure, axes)
    figure.text(0.02, 0.97, title, fontsize=TITLE_PT, fontweight="bold", va="top")
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=SMALLEST_FONT_PT)
    top = 0.86 - 0.07 * legend_rows  # the title, then the legend rows, then the plot: nothing overlaps
    # fixed margins: tight_layout costs 0.1 s a chart
    figure.subplots_adjust(left=left, right=right, top=top, bottom=0.17)
    figure.savefig(path, format="png")
    return path.name


def _legend(figure: Figure, axes: List[Axes], columns: int) -> int:
    """The legend of the axes' series, under the title; returns its number of rows."""
    handles = [h for a in axes for h in a.get_legend_handles_labels()[0]]
    labels = [label for a in axes for label in a.get_legend_handles_labels()[1]]
    figure.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(0.01, 0.9),
        ncol=columns,
        frameon=False,
        fontsize=SMALLEST_FONT_PT,
        handlelength=1.5,
        columnspacing=1.2,
    )
    return math.ceil(len(labels) / columns)


def _days_axis(axes: Axes, days: List[str]) -> None:
    """Dates as 23/11 under the bars, one in every n when there are many; the axis named."""
    step = math.ceil(len(days) / MAX_DAY_TICKS)
    positions = list(range(0, len(days), step))
    axes.set_xticks(positions, [f"{days[p][8:10]}/{days[p][5:7]}" for p in positions])
    axes.set_xlim(-0.6, len(days) - 0.4)
    axes.set_xlabel("Jour (UTC)", fontsize=LABEL_PT)


def _counts_axis(axes: Axes, label: str, highest: int) -> None:
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    axes.set_ylim(0, max(1, highest) * 1.2)  # room above the highest bar, for the legend's line or a dot
    axes.set_ylabel(label, fontsize=LABEL_PT)


def _percent_axis(axes: Axes, label: str, top: float, ticks: Optional[range] = None) -> None:
    axes.set_ylim(0, top)
    if ticks:
        axes.set_yticks(list(ticks))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f} %"))
    axes.set_ylabel(label, fontsize=LABEL_PT)
    axes.tick_params(labelsize=SMALLEST_FONT_PT)


def charts(stats: Stats, folder: Path) -> Dict[str, str]:
    """Four PNG charts in `folder`; returns their file names by chart."""
    days = sorted(stats.messages_per_day)
    channels = sorted(stats.channels)
    x = list(range(len(days)))

    def messages(figure: Figure, axes: Axes) -> int:
        bottom = [0] * len(days)
        for channel in channels:
            values = [stats.messages_per_day[d].get(channel, 0) for d in days]
            axes.bar(x, values, bottom=bottom, label=channel)
            bottom = [b + v for b, v in zip(bottom, values)]
        _days_axis(axes, days)
        _counts_axis(axes, "Messages", max(bottom, default=0))
        return _legend(figure, [axes], max(1, len(channels)))

    def not_understood(figure: Figure, axes: Axes) -> int:
        highest = 0.0
        for per_day, label in (
            (stats.not_understood_per_day, "non compris"),
            (stats.bot_dont_know_per_day, "« je ne sais pas » du conseiller"),
            (stats.searched_per_day, "répondus par la recherche"),
        ):
            rates = [100 * per_day[d] / max(1, sum(stats.messages_per_day[d].values())) for d in days]
            axes.plot(x, rates, marker="o", label=label)
            highest = max([highest, *rates])
        _days_axis(axes, days)
        _percent_axis(axes, "% des messages du jour", max(5.0, highest * 1.15))
        return _legend(figure, [axes], 2)

    def funnel(figure: Figure, axes: Axes) -> int:
        labels = [STEP_LABELS[s] for s in stats.funnel]
        bars = axes.barh(labels[::-1], list(stats.funnel.values())[::-1], color=USEFUL)
        axes.bar_label(bars, fontsize=SMALLEST_FONT_PT, padding=3)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
        axes.set_xlabel("Personnes", fontsize=LABEL_PT)
        return 0

    def feedback(figure: Figure, axes: Axes) -> int:
        useful = [stats.feedback_per_day[d]["useful"] for d in days]
        useless = [stats.feedback_per_day[d]["useless"] for d in days]
        axes.bar(x, useful, label="utiles", color=USEFUL)
        axes.bar(x, useless, bottom=useful, label="pas utiles", color=USELESS)
        _days_axis(axes, days)
        _counts_axis(axes, "Avis", max([u + n for u, n in zip(useful, useless)], default=0))
        share = axes.twinx()
        ratios = [100 * u / (u + n) if u + n else math.nan for u, n in zip(useful, useless)]
        share.plot(x, ratios, marker="o", color="#333", label="part d'avis utiles")
        _percent_axis(share, "Part d'avis utiles", 120, range(0, 101, 25))  # a share: no tick above 100 %
        share.spines[["top"]].set_visible(False)
        return _legend(figure, [axes, share], 3)

    drawings = {
        "messages": ("Messages par jour et par canal", messages, 0.13, 0.97),
        "not_understood": ("Non compris et « je ne sais pas »", not_understood, 0.13, 0.97),
        "funnel": ("Questionnaire : personnes à chaque étape", funnel, 0.27, 0.95),
        "feedback": ("Avis sur les réponses, par jour", feedback, 0.11, 0.86),
    }
    return {name: _chart(folder / f"{name}.png", *drawing) for name, drawing in drawings.items()}
