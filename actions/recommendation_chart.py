"""The guided-choice recommendation as a chart: which option each answer favours, criterion by criterion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional

from rasa_sdk.executor import CollectingDispatcher

from actions.charts import PALETTE, new_figure, png_of, publish, send_chart
from actions.custom_forms import FORMS_CONFIG
from actions.knowledge.model import CONCEPT_IDS, ChoiceModel
from actions.knowledge.queries import Knowledge

COLOURS = dict(zip(CONCEPT_IDS, PALETTE))  # the simulation chart's blue and orange
LIGHT = 0.18  # opacity of the band showing the most a criterion can give


@dataclass(frozen=True)
class Lean:
    """One criterion: the person's answer, the points it gives each option, and the most any answer gives."""

    criterion: str
    answer: str
    points: Dict[str, int]
    most: Dict[str, int]

    @property
    def favours(self) -> Optional[str]:
        """The option this answer gives more points to, or None when it gives both the same."""
        ranked = sorted(CONCEPT_IDS, key=lambda cid: self.points[cid], reverse=True)
        return ranked[0] if self.points[ranked[0]] > self.points[ranked[1]] else None


def chart_leans(model: ChoiceModel, answers: Dict[str, Optional[str]]) -> List[Lean]:
    """A Lean per criterion, in the order of the questions; an unanswered criterion takes its default."""
    titles = FORMS_CONFIG["choice_form"]["slots"]
    leans = []
    for criterion in model.criteria:
        value = answers.get(criterion.slot) or criterion.default
        most = {cid: max(weights[cid] for weights in criterion.weights.values()) for cid in CONCEPT_IDS}
        answer = titles[criterion.slot]["values"][value]
        leans.append(Lean(criterion.label, answer, dict(criterion.weights[value]), most))
    return leans


def _lowered(label: str) -> str:
    return label[:1].lower() + label[1:]


def chart_alt_text(leans: List[Lean], labels: Dict[str, str]) -> str:
    """The chart in one sentence: « 4 critères sur 5 penchent vers le freelance (…), 1 vers le micro-travail (…) »."""
    total = len(leans)
    groups = [(cid, [_lowered(lean.criterion) for lean in leans if lean.favours == cid]) for cid in CONCEPT_IDS]
    groups = sorted((group for group in groups if group[1]), key=lambda group: -len(group[1]))
    if len(groups) == 1 and len(groups[0][1]) == total:
        return f"Graphique de vos réponses : les {total} critères penchent vers {labels[groups[0][0]]}."
    parts = []
    for cid, criteria in groups:
        count = len(criteria)
        lead = f"{count} critères sur {total} penchent" if count > 1 else f"{count} critère sur {total} penche"
        parts.append(f"{lead if not parts else count} vers {labels[cid]} ({', '.join(criteria)})")
    balanced = sum(lean.favours is None for lean in leans)
    if balanced:
        parts.append(f"{balanced} à égalité")
    return "Graphique de vos réponses : " + ", ".join(parts) + "."


def render_png(leans: List[Lean], title: str, names: Dict[str, str]) -> bytes:
    """Diverging bars, 800 px wide with large type for a phone: micro-travail to the left, freelance to the
    right; the light band is the most each criterion can give, the dark bar what the answer gives."""
    left, right = CONCEPT_IDS
    reach = max(max(lean.most.values()) for lean in leans) + 0.9
    height = 1.3 + 1.3 * len(leans)
    figure = new_figure(6.67, height)
    axes = figure.add_axes((0.02, 0.45 / height, 0.96, 1 - 1.2 / height))
    axes.set_xlim(-reach, reach)
    axes.set_ylim(len(leans) - 0.7, -1.1)
    for row, lean in enumerate(leans):
        axes.text(-reach, row - 0.66, lean.criterion, fontsize=16, fontweight="bold", va="center")
        axes.text(
            -reach, row - 0.36, f"Votre réponse : {_lowered(lean.answer)}", fontsize=14, color="#404040", va="center"
        )
        axes.plot([0, 0], [row - 0.24, row + 0.24], color="#404040", linewidth=1.2)  # the line between the options
        for cid, sign in ((left, -1), (right, 1)):
            axes.barh(row, sign * lean.most[cid], height=0.34, color=COLOURS[cid], alpha=LIGHT)
            if lean.points[cid]:
                axes.barh(row, sign * lean.points[cid], height=0.34, color=COLOURS[cid])
                axes.text(
                    sign * (lean.points[cid] + 0.12),
                    row,
                    f"{lean.points[cid]} pt{'s' if lean.points[cid] > 1 else ''}",
                    ha="left" if sign > 0 else "right",
                    va="center",
                    fontsize=15,
                    fontweight="bold",
                    color=COLOURS[cid],
                )
    for cid, sign in ((left, -1), (right, 1)):
        total = f"{names[cid]} : {sum(lean.points[cid] for lean in leans)} pts"
        axes.text(
            sign * 0.15,
            -1.0,
            f"← {total}" if sign < 0 else f"{total} →",
            ha="left" if sign > 0 else "right",
            va="center",
            fontsize=16,
            fontweight="bold",
            color=COLOURS[cid],
        )
    axes.axis("off")
    figure.suptitle(title, fontsize=18, fontweight="bold", y=1 - 0.12 / height, va="top")
    note = "Zone claire : le maximum possible pour chaque critère"
    figure.text(0.5, 0.2 / height, note, ha="center", fontsize=13, color="#404040")
    return png_of(figure)


async def send_recommendation_chart(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, answers: Dict[str, Optional[str]], title: str
) -> None:
    """The chart of the answers under `title`, with its text alternative (actions/charts.py renders it off
    the hot path)."""
    leans = chart_leans(knowledge.choice_model(), answers)
    concepts = {cid: knowledge.concept(cid) for cid in CONCEPT_IDS}
    alt_text = chart_alt_text(leans, {cid: concept.label for cid, concept in concepts.items()})
    names = {cid: concept.name for cid, concept in concepts.items()}
    await send_chart(dispatcher, alt_text, publish(render_png, leans, title, names))
