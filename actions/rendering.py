"""Facts as the user reads them: uncertain facts and figures of an ended period flagged, lists as bullets."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Optional, Sequence

from actions import clock
from actions.knowledge.model import Fact, Platform
from actions.paging import PAGE_SIZE, Page, page_of

ANSWER_LIMIT = 700  # characters of one answer: about a phone screen
ROOM = 60  # slack under the limit: a page stays a little shorter than a full phone screen
UNCERTAIN_MARK = " (information à vérifier)"
MAX_BULLETS = 6
BARRIER_WORDS = {"low": "faible", "medium": "moyenne", "high": "élevée"}  # a platform's entry barrier
OUTDATED_MARK = " (période précédente, jusqu'au {until} : à vérifier sur le site officiel)"
ELSEWHERE_HEADING = "Pour répondre à votre question :\n"  # facts of another topic, shown before the topic's own


def render_fact(fact: Fact, today: Optional[dt.date] = None) -> str:
    """A fact as the user reads it; uncertain facts say so, and so do figures whose period has ended."""
    text = fact.text
    if fact.uncertain and UNCERTAIN_MARK.strip() not in text:
        text += UNCERTAIN_MARK
    if fact.outdated_on(today or clock.today()):
        text += OUTDATED_MARK.format(until=f"{fact.valid_until:%d/%m/%Y}")
    return text


def bullets(facts: Iterable[Fact], limit: int = MAX_BULLETS) -> str:
    return "\n".join(f"• {render_fact(f)}" for f in list(facts)[:limit])


def bullet_length(fact: Fact) -> int:
    return len(render_fact(fact)) + 3  # « • », the space and the line break


def fact_page(facts: Sequence[Fact], page: int, header: str, size: int = PAGE_SIZE, share: int = 1) -> Page[Fact]:
    """One page of facts that fits, under `header`, in 1/`share` of a short answer."""
    budget = (ANSWER_LIMIT - ROOM) // share - len(header)
    return page_of(list(facts), page, size, budget=budget, length=bullet_length)


def elsewhere_first(shown: Sequence[Fact], elsewhere: Sequence[Fact], title: str) -> str:
    """A page whose facts from another topic (`elsewhere`) answer the question: those under ELSEWHERE_HEADING,
    then the topic's own under its `title` (which ends with a line break)."""
    answering = [f for f in shown if f in elsewhere]
    own = [f for f in shown if f not in elsewhere]
    return (ELSEWHERE_HEADING + bullets(answering) + "\n\n" if answering else "") + (
        title + bullets(own) if own else ""
    )


def safe_name(name: str) -> str:
    """A name the user typed, as echoed back: letters, digits and simple punctuation, 40 chars at most."""
    return re.sub(r"[^\w .'’-]", "", name, flags=re.UNICODE).strip()[:40]


def platform_heading(platform: Platform) -> str:
    """« Toloka – plateforme de micro-travail, Yandex… »: what a platform is, in one line."""
    kind = "micro-travail" if platform.kind == "microwork" else "freelance"
    return f"{platform.name} – plateforme de {kind}, {platform.origin}"
