"""The guided-choice recommendation as a chart: which option each answer favours, criterion by criterion;
drawn by charts/leans.py in the chart worker."""

from __future__ import annotations

from typing import Dict, List, Optional

from rasa_sdk.executor import CollectingDispatcher

from actions.charts import send_chart
from actions.custom_forms import FORMS_CONFIG
from actions.knowledge.model import CONCEPT_IDS, ChoiceModel
from actions.knowledge.queries import Knowledge
from charts.leans import Lean, draw_leans
from charts.pipeline import publish


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


async def send_recommendation_chart(
    dispatcher: CollectingDispatcher, knowledge: Knowledge, answers: Dict[str, Optional[str]], title: str
) -> None:
    """The chart of the answers under `title`, with its text alternative (actions/charts.py renders it off
    the hot path)."""
    leans = chart_leans(knowledge.choice_model(), answers)
    concepts = {cid: knowledge.concept(cid) for cid in CONCEPT_IDS}
    alt_text = chart_alt_text(leans, {cid: concept.label for cid, concept in concepts.items()})
    names = {cid: concept.name for cid, concept in concepts.items()}  # micro-travail drawn left, freelance right
    await send_chart(dispatcher, alt_text, publish(draw_leans, leans, title, names))
