"""The simulation as a waterfall of euros: the turnover, what is taken from it step by step, what remains."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Tuple

from charts.pipeline import GREY, PALETTE, new_figure, png_of

# 720 px wide: the widget shows it at the bubble's width, about half that on a phone (355 CSS px on a 375-px
# screen), so the smallest text, 14 pt (28 px), shows at about 14 CSS px, near the messages' 16 px
WIDTH_INCHES, DPI = 5.0, 144
TITLE_POINTS, LABEL_POINTS, AMOUNT_POINTS, NOTE_POINTS = 17, 16, 16, 14
SMALLEST_POINTS = min(TITLE_POINTS, LABEL_POINTS, AMOUNT_POINTS, NOTE_POINTS)
TURNOVER, TAKEN, REMAINING = PALETTE[0], PALETTE[1], PALETTE[3]
BAR_HEIGHT = 0.46
ROOM = 0.35  # the share of the turnover an amount needs beside its bar, on the side where it is written


@dataclass(frozen=True)
class Step:
    """One bar of the waterfall, in euros along the axis: taken steps float where the previous one ended."""

    label: str
    start: float
    end: float
    taken: bool

    @property
    def amount_text(self) -> str:
        return f"−{euros(self.end - self.start)}" if self.taken else euros(self.end)


def euros(value: float) -> str:
    """1123.2 -> « 1 123,20 € », 1800 -> « 1 800 € »: the euros of the chart and of the simulation's messages."""
    whole, cents = f"{value:,.2f}".split(".")
    whole = whole.replace(",", " ")
    return f"{whole} €" if cents == "00" else f"{whole},{cents} €"


def waterfall_steps(bars: List[Tuple[str, float]]) -> List[Step]:
    """The first bar is the whole, the middle ones are taken from it one after the other, each hanging from
    where the previous one ended, and the last one is what remains, from 0."""
    (whole_label, whole), *taken, (rest_label, rest) = bars
    steps, level = [Step(whole_label, 0.0, whole, taken=False)], whole
    for label, value in taken:
        steps.append(Step(label, level - value, level, taken=True))
        level -= value
    return steps + [Step(rest_label, 0.0, rest, taken=False)]


def _write_amount(axes: Any, step: Step, row: int, span: float, colour: str) -> None:
    """Inside a kept bar wide enough for it, else beside the bar (of that colour) where there is room."""
    pad = 0.02 * span
    if not step.taken and step.end >= ROOM * span:
        x, align, colour = step.start + pad, "left", "white"
    elif step.taken and step.start >= ROOM * span:
        x, align = step.start - pad, "right"
    else:
        x, align = step.end + pad, "left"
    axes.text(x, row, step.amount_text, ha=align, va="center", fontsize=AMOUNT_POINTS, fontweight="bold", color=colour)


def draw_bars(bars: List[Tuple[str, float]], title: str) -> Any:
    """The waterfall of the bars (French label, euros), top to bottom, as a figure: each label above its bar,
    each amount on or beside it, what is taken in orange, dotted lines carrying each level to the next bar."""
    steps = waterfall_steps(bars)
    span = max(steps[0].end, 1.0)
    height = 1.1 + 0.95 * len(steps)
    figure = new_figure(WIDTH_INCHES, height, dpi=DPI)
    axes = figure.add_axes((0.03, 0.5 / height, 0.94, 1 - 1.1 / height))
    axes.set_xlim(0, span * 1.01)
    axes.set_ylim(len(steps) - 0.6, -0.8)
    for row, step in enumerate(steps):
        colour = TAKEN if step.taken else REMAINING if row else TURNOVER
        axes.barh(row, step.end - step.start, left=step.start, height=BAR_HEIGHT, color=colour)
        axes.text(0, row - 0.5, step.label, fontsize=LABEL_POINTS, color=GREY, va="center")
        _write_amount(axes, step, row, span, colour)
        if row:  # the level the previous step left, carried down to this bar
            previous = steps[row - 1]
            level = previous.start if previous.taken else previous.end
            axes.plot([level, level], [row - 1 + BAR_HEIGHT / 2, row - BAR_HEIGHT / 2], color=GREY, linestyle=":")
    axes.axis("off")
    figure.suptitle(title, fontsize=TITLE_POINTS, fontweight="bold", y=1 - 0.15 / height, va="top")
    note = "En orange : ce qui est prélevé"
    figure.text(0.5, 0.22 / height, note, ha="center", va="center", fontsize=NOTE_POINTS, color=GREY)
    return figure


def render_bars(bars: List[Tuple[str, float]], title: str) -> bytes:
    """The waterfall as a PNG, drawn in the chart worker."""
    return png_of(draw_bars(bars, title))
