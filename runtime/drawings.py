"""The charts' drawings (matplotlib, PNG bytes): the chart worker process imports this and none of the action
server's packages, so that it starts in a second or two."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any, Dict, List, Optional, Tuple

# dark blue, orange, olive, green: told apart with the common colour-vision deficiencies
PALETTE = ("#1f4e79", "#c55a11", "#7f6000", "#2e7d32")
DPI = 120
GREY = "#404040"
LIGHT = 0.18  # opacity of the band showing the most a criterion can give


def load_matplotlib() -> bool:
    """Imports what drawing needs (a second or more): the worker does it before its first chart is asked for."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    return True


def new_figure(width: float, height: float, dpi: int = DPI) -> Any:
    """A matplotlib Figure of that size in inches, on its own Agg canvas (no global backend)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure


def png_of(figure: Any) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def draw_bars(bars: List[Tuple[str, float]], title: str) -> bytes:
    """Horizontal bars of (French label, euros), top to bottom, large type for a phone."""
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


@dataclass(frozen=True)
class Lean:
    """One criterion of a choice between two options: the person's answer, the points it gives each option,
    and the most any answer of the criterion gives each option."""

    criterion: str
    answer: str
    points: Dict[str, int]
    most: Dict[str, int]

    @property
    def favours(self) -> Optional[str]:
        """The option this answer gives more points to, or None when it gives them all the same."""
        ranked = sorted(self.points, key=self.points.get, reverse=True)
        return ranked[0] if self.points[ranked[0]] > self.points[ranked[1]] else None


def draw_leans(leans: List[Lean], title: str, sides: Dict[str, str]) -> bytes:
    """Diverging bars, 800 px wide with large type for a phone: the first option of `sides` (id -> name) to
    the left, the second to the right; the light band is the most each criterion can give, the dark bar what
    the answer gives."""
    (left, right), colours = list(sides), dict(zip(sides, PALETTE))
    reach = max(max(lean.most.values()) for lean in leans) + 1.1
    height = 1.6 + 1.3 * len(leans)
    figure = new_figure(5.6, height, dpi=143)  # 800 px wide; more dots per inch, larger type
    axes = figure.add_axes((0.02, 0.45 / height, 0.96, 1 - 1.0 / height))
    axes.set_xlim(-reach, reach)
    axes.set_ylim(len(leans) - 0.7, -1.45)
    for row, lean in enumerate(leans):
        axes.text(-reach, row - 0.66, lean.criterion, fontsize=16, fontweight="bold", va="center")
        axes.text(
            -reach,
            row - 0.36,
            f"Votre réponse : {lean.answer[:1].lower()}{lean.answer[1:]}",
            fontsize=14,
            color=GREY,
            va="center",
        )
        axes.plot([0, 0], [row - 0.24, row + 0.24], color=GREY, linewidth=1.2)  # the line between the options
        for option, sign in ((left, -1), (right, 1)):
            axes.barh(row, sign * lean.most[option], height=0.34, color=colours[option], alpha=LIGHT)
            points = lean.points[option]
            if points:
                axes.barh(row, sign * points, height=0.34, color=colours[option])
                axes.text(
                    sign * (points + 0.12),
                    row,
                    f"{points} pt{'s' if points > 1 else ''}",
                    ha="left" if sign > 0 else "right",
                    va="center",
                    fontsize=15,
                    fontweight="bold",
                    color=colours[option],
                )
    for option, sign in ((left, -1), (right, 1)):
        total = sum(lean.points[option] for lean in leans)
        name = f"← {sides[option]}" if sign < 0 else f"{sides[option]} →"
        axes.text(
            sign * reach / 2,
            -1.05,
            f"{name}\n{total} point{'s' if total > 1 else ''}",
            ha="center",
            va="center",
            fontsize=15,
            fontweight="bold",
            color=colours[option],
            linespacing=1.3,
        )
    axes.axis("off")
    figure.suptitle(title, fontsize=16, fontweight="bold", y=1 - 0.12 / height, va="top")
    note = "Zone claire : le maximum possible pour chaque critère"
    figure.text(0.5, 0.2 / height, note, ha="center", fontsize=13, color=GREY)
    return png_of(figure)
