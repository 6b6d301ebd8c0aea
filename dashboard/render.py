"""The dashboard as text (terminal) and as an HTML page with server-side charts (PNG files beside it)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Dict, List, Tuple

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from actions.knowledge.review import Due
from dashboard.stats import Stats, abandons

STEP_LABELS = {
    "started": "Commencé",
    "schedule": "Horaires",
    "skills": "Compétences",
    "income": "Revenus",
    "career": "Projet",
    "autonomy": "Autonomie",
    "recommendation": "Recommandation",
}


def summary_lines(stats: Stats, groups: List[List[str]], due: List[Due]) -> List[str]:
    """The terminal summary (no message text: the not-understood list is in the HTML page and the export)."""
    feedback = stats.feedback
    rated = feedback["useful"] + feedback["useless"]
    return [
        f"Conversations : {stats.conversations} ; messages : {stats.messages}",
        "Canaux : " + ", ".join(f"{c} {n}" for c, n in stats.channels.most_common()),
        f"Utilisateurs : {stats.new_users} nouveaux, {stats.returning_users} revenus",
        "Intentions les plus fréquentes : " + ", ".join(f"{i} {n}" for i, n in stats.intents.most_common(5)),
        f"Messages non compris : {sum(stats.not_understood_per_day.values())} "
        f"({stats.not_understood_rate:.1%}), en {len(groups)} groupe(s)",
        f"Réponses « je ne sais pas » aux questionnaires : {sum(stats.dont_know_per_day.values())} "
        f"({stats.dont_know_rate:.1%})",
        "Questionnaire : " + " → ".join(f"{STEP_LABELS[s]} {n}" for s, n in stats.funnel.items()),
        "Recommandations : " + ", ".join(f"{r} {n}" for r, n in stats.recommendations.most_common()),
        f"Simulations : {stats.simulations}",
        f"Avis : {feedback['useful']} utiles, {feedback['useless']} pas utiles"
        + (f" ({feedback['useful'] / rated:.0%} utiles)" if rated else ""),
        f"Faits à revoir (délai de revue de leur sorte dépassé) : {len(due)}",
    ]


def _chart(path: Path, draw) -> str:
    # a Figure of its own, not pyplot's global state: /admin draws several reports at once in worker threads
    figure = Figure(figsize=(7, 3.3), dpi=80)
    FigureCanvasAgg(figure)  # its own Agg canvas: no global backend, nothing to close
    axes = figure.add_subplot()
    draw(axes)
    axes.spines[["top", "right"]].set_visible(False)
    figure.subplots_adjust(left=0.2, right=0.98, top=0.78, bottom=0.3)  # fixed: tight_layout costs 0.1 s a chart
    figure.savefig(path, format="png")
    return path.name


def charts(stats: Stats, folder: Path) -> Dict[str, str]:
    """Four PNG charts in `folder`; returns their file names by chart."""
    days = sorted(stats.messages_per_day)
    channels = sorted(stats.channels)

    def messages(axes):
        bottom = [0] * len(days)
        for channel in channels:
            values = [stats.messages_per_day[d].get(channel, 0) for d in days]
            axes.bar(days, values, bottom=bottom, label=channel)
            bottom = [b + v for b, v in zip(bottom, values)]
        axes.set_title("Messages par jour et par canal")
        axes.legend(fontsize=8, ncol=len(channels) or 1, loc="lower center", bbox_to_anchor=(0.5, 1.08), frameon=False)
        axes.tick_params(axis="x", labelrotation=45, labelsize=7)

    def not_understood(axes):
        for per_day, label in (
            (stats.not_understood_per_day, "non compris"),
            (stats.dont_know_per_day, "« je ne sais pas »"),
        ):
            rates = [100 * per_day[d] / max(1, sum(stats.messages_per_day[d].values())) for d in days]
            axes.plot(days, rates, marker="o", label=label)
        axes.set_title("Messages non compris et « je ne sais pas » (% par jour)")
        axes.legend(fontsize=8, ncol=2, loc="lower center", bbox_to_anchor=(0.5, 1.08), frameon=False)
        axes.tick_params(axis="x", labelrotation=45, labelsize=7)

    def funnel(axes):
        labels = [STEP_LABELS[s] for s in stats.funnel]
        axes.barh(labels[::-1], list(stats.funnel.values())[::-1], color="#2a7")
        axes.set_title("Questionnaire : personnes à chaque étape")

    def feedback(axes):
        rated_days = sorted(stats.feedback_per_day)
        axes.bar(rated_days, [stats.feedback_per_day[d]["useful"] for d in rated_days], label="Utile", color="#2a7")
        axes.bar(
            rated_days,
            [-stats.feedback_per_day[d]["useless"] for d in rated_days],
            label="Pas utile",
            color="#c44",
        )
        axes.set_title("Avis par jour (pas utiles vers le bas)")
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{abs(value):.0f}"))
        axes.legend(fontsize=8, ncol=2, loc="lower center", bbox_to_anchor=(0.5, 1.08), frameon=False)
        axes.tick_params(axis="x", labelrotation=45, labelsize=7)

    drawings = {"messages": messages, "not_understood": not_understood, "funnel": funnel, "feedback": feedback}
    return {name: _chart(folder / f"{name}.png", draw) for name, draw in drawings.items()}


def _table(title: str, rows: List[Tuple[str, Any]]) -> str:
    body = "".join(f"<tr><td>{html.escape(str(a))}</td><td>{html.escape(str(b))}</td></tr>" for a, b in rows)
    return f"<h2>{html.escape(title)}</h2><table>{body or '<tr><td>Aucune donnée</td></tr>'}</table>"


NOTHING = "Aucune conversation sur la période : choisissez une période plus longue."


def _head(assets: str) -> str:
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        "<title>Tableau de bord du conseiller</title>"
        f'<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="{html.escape(assets)}dashboard.css">'
        "</head><body>"
    )


def html_page(
    stats: Stats, groups: List[List[str]], due: List[Due], images: Dict[str, str], period: str, assets: str = ""
) -> str:
    """The whole page; its CSS and images are referenced by file name after the `assets` path (relative to the
    page: same server, so a strict CSP allows them)."""
    top = f"{_head(assets)}<h1>Tableau de bord</h1><p>Période : {html.escape(period)}</p>"
    if not stats.conversations:
        return f"{top}<p>{NOTHING}</p></body></html>"
    summary = "".join(f"<li>{html.escape(line)}</li>" for line in summary_lines(stats, groups, due))
    figures = "".join(
        f'<img src="{html.escape(assets + name)}" alt="{html.escape(key)}">' for key, name in images.items()
    )
    not_understood = "".join(
        f"<li><strong>{len(g)}</strong> : " + html.escape(" | ".join(g[:5])) + "</li>" for g in groups[:30]
    )
    parts = [
        _table("Canaux", stats.channels.most_common()),
        _table("Intentions", stats.intents.most_common(15)),
        _table("Sujets", stats.topics.most_common(10)),
        _table("Abandons par étape du questionnaire", [(STEP_LABELS[s], n) for s, n in abandons(stats.funnel)]),
        _table("Recommandations", stats.recommendations.most_common()),
        _table("Réponses le plus souvent jugées pas utiles", stats.useless_answers.most_common(10)),
        _table("Sources les plus citées", stats.sources_cited.most_common(10)),
        _table("Faits à revoir", [(d.entry, f"{d.reason} : {d.fact.text[:120]}") for d in due[:20]]),
    ]
    return (
        f"{top}<ul>{summary}</ul>"
        f'<div class="charts">{figures}</div>'
        f"<h2>Messages non compris, groupés</h2><ol>{not_understood or '<li>Aucun</li>'}</ol>"
        + "".join(parts)
        + "</body></html>"
    )


STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:1100px;margin:1rem auto;padding:0 1rem;color:#222}"
    "table{border-collapse:collapse;margin-bottom:1rem}td{border:1px solid #ddd;padding:.2rem .5rem}"
    ".charts{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}.charts img{width:100%}"
)


def write_report(
    stats: Stats, groups: List[List[str]], due: List[Due], folder: Path, period: str, assets: str = ""
) -> Path:
    """index.html, dashboard.css and the charts in `folder` (the page finds them at `assets`); returns the page's
    path."""
    folder.mkdir(parents=True, exist_ok=True)
    images = charts(stats, folder) if stats.conversations else {}  # empty charts would only say "nothing"
    (folder / "dashboard.css").write_text(STYLE, encoding="utf-8")
    page = folder / "index.html"
    page.write_text(html_page(stats, groups, due, images, period, assets), encoding="utf-8")
    return page
