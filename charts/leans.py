"""The guided-choice recommendation as diverging bars: what each answer gives each option, criterion by criterion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional

from charts.pipeline import GREY, PALETTE, new_figure, png_of

LIGHT = 0.18  # opacity of the band showing the most a criterion can give


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
