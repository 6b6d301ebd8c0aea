"""The dashboard as text (terminal) and as an HTML page with server-side charts (PNG files beside it)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from actions.knowledge.review import Due
from dashboard.charts import STEP_LABELS, charts
from dashboard.labels import topic_label
from dashboard.stats import Stats, abandons

WEEKDAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def day_label(day: str) -> str:
    """2026-11-23 as « lun. 23/11/2026 »."""
    date = dt.date.fromisoformat(day)
    return f"{WEEKDAYS[date.weekday()]} {date:%d/%m/%Y}"


def _labelled(counts):
    """(topic, count) rows with the topics' French names."""
    return [(topic_label(topic), count) for topic, count in counts]


def percent(share: float, decimals: int = 1) -> str:
    """0.333 as « 33,3 % » (French decimal comma, no-break space before the sign)."""
    return f"{100 * share:.{decimals}f}".replace(".", ",") + "\u00a0%"


def _percent(part: int, whole: int) -> str:
    return percent(part / whole, 0) if whole else "—"


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
        f"({percent(stats.not_understood_rate)}), en {len(groups)} groupe(s)",
        "Réponses « je ne sais pas » du conseiller (information absente de la base) : "
        f"{sum(stats.bot_dont_know_per_day.values())} ({percent(stats.rate(stats.bot_dont_know_per_day))})",
        f"Messages hors intention répondus par la recherche : {sum(stats.searched_per_day.values())} "
        f"({percent(stats.rate(stats.searched_per_day))})",
        f"Réponses « je ne sais pas » aux questionnaires : {sum(stats.dont_know_per_day.values())} "
        f"({percent(stats.dont_know_rate)})",
        "Questionnaire : " + " → ".join(f"{STEP_LABELS[s]} {n}" for s, n in stats.funnel.items()),
        "Recommandations : " + ", ".join(f"{r} {n}" for r, n in stats.recommendations.most_common()),
        f"Simulations : {stats.simulations}",
        f"Avis : {feedback['useful']} utiles, {feedback['useless']} pas utiles"
        + (f" ({percent(feedback['useful'] / rated, 0)} utiles)" if rated else ""),
        f"Faits à revoir (délai de revue de leur sorte dépassé) : {len(due)}",
    ]


def daily_lines(stats: Stats) -> List[str]:
    """Conversations and messages of each day, per channel, for the terminal."""
    channels = sorted(stats.channels)

    def per_channel(counts: Dict[str, int]) -> str:
        return ", ".join(f"{c} {counts.get(c, 0)}" for c in channels)

    lines = ["Conversations et messages par jour et par canal :"] if stats.messages else []
    for day in sorted(stats.messages_per_day):
        talks, messages = stats.conversations_per_day[day], stats.messages_per_day[day]
        lines.append(
            f"  {day_label(day)} : {sum(talks.values())} conversations ({per_channel(talks)}) ; "
            f"{sum(messages.values())} messages ({per_channel(messages)})"
        )
    return lines


def _table(
    title: str, rows: Sequence[Sequence[Any]], header: Sequence[str] = (), table_id: Optional[str] = None
) -> str:
    """A titled table; numbers aligned right."""

    def cell(value: Any) -> str:
        number = ' class="n"' if isinstance(value, int) else ""
        return f"<td{number}>{html.escape(str(value))}</td>"

    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    identity = f' id="{table_id}"' if table_id else ""
    return (
        f"<h2>{html.escape(title)}</h2><table{identity}>"
        + (f"<thead><tr>{head}</tr></thead>" if head else "")
        + f"<tbody>{body or '<tr><td>Aucune donnée</td></tr>'}</tbody></table>"
    )


def _daily_tables(stats: Stats) -> str:
    days, channels = sorted(stats.messages_per_day), sorted(stats.channels)
    conversations = [
        [day_label(d)]
        + [stats.conversations_per_day[d].get(c, 0) for c in channels]
        + [sum(stats.conversations_per_day[d].values())]
        for d in days
    ]
    followed = []
    for d in days:
        rated = stats.feedback_per_day.get(d, {})
        useful, useless = rated.get("useful", 0), rated.get("useless", 0)
        followed.append(
            [
                day_label(d),
                sum(stats.messages_per_day[d].values()),
                stats.not_understood_per_day[d],
                stats.bot_dont_know_per_day[d],
                stats.searched_per_day[d],
                useful,
                useless,
                _percent(useful, useful + useless),
            ]
        )
    header = ["Jour", "Messages", "Non compris", "« Je ne sais pas » du conseiller", "Répondus par la recherche"]
    header += ["Avis utiles", "Avis pas utiles", "Part d'avis utiles"]
    return _table(
        "Conversations par jour et par canal", conversations, ["Jour", *channels, "Total"], "conversations-par-jour"
    ) + _table("Suivi par jour", followed, header, "suivi-par-jour")


NOTHING = "Aucune conversation sur la période : choisissez une période plus longue."


def _head(assets: str) -> str:
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
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
        _table("Canaux", stats.channels.most_common(), ["Canal (du dernier message)", "Utilisateurs"]),
        _table("Intentions", stats.intents.most_common(15), ["Intention", "Messages"]),
        _table("Sujets", _labelled(stats.topics.most_common(10)), ["Sujet", "Réponses"]),
        _table(
            "Abandons par question du questionnaire",
            [(STEP_LABELS[s], n) for s, n in abandons(stats.funnel)],
            ["Question laissée sans réponse", "Personnes"],
        ),
        _table("Recommandations", stats.recommendations.most_common(), ["Recommandation", "Personnes"]),
        _table(
            "Réponses le plus souvent jugées pas utiles",
            _labelled(stats.useless_answers.most_common(10)),
            ["Sujet", "Avis"],
        ),
        _table("Sources les plus citées", stats.sources_cited.most_common(10), ["Source", "Réponses"]),
        _table("Faits à revoir", [(d.entry, f"{d.reason} : {d.fact.text[:120]}") for d in due[:20]]),
    ]
    return (
        f"{top}<ul>{summary}</ul>"
        f'<div class="charts">{figures}</div>'
        + _daily_tables(stats)
        + f"<h2>Messages non compris, groupés</h2><ol>{not_understood or '<li>Aucun</li>'}</ol>"
        + "".join(parts)
        + "</body></html>"
    )


STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:1100px;margin:1rem auto;padding:0 1rem;color:#222}"
    "table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid #ddd;padding:.2rem .5rem}"
    "th{background:#f3f3f3;text-align:left;font-weight:600}td.n{text-align:right}td:first-child{white-space:nowrap}"
    # the charts at their natural size (never shrunk on a laptop screen), two side by side
    ".charts{display:flex;flex-wrap:wrap;gap:1rem}.charts img{max-width:100%;height:auto}"
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
