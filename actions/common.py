"""Shared reply building: facts to French text, buttons, and the conversation context."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge.model import CONCEPT_IDS, Fact
from actions.knowledge.queries import Knowledge, source_ids

UNCERTAIN_MARK = " (information à vérifier)"
MAX_BULLETS = 6
PAGE_SIZE = 5


def payload(intent: str, **entities: str) -> str:
    """A button payload that triggers an intent with entities, e.g. /ask_advantages{"concept": "microwork"}."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def button(title: str, intent: str, **entities: str) -> Dict[str, str]:
    return {"title": title, "payload": payload(intent, **entities)}


def render_fact(fact: Fact) -> str:
    """A fact as the user reads it; uncertain facts say so."""
    text = fact.text
    return text + UNCERTAIN_MARK if fact.uncertain and UNCERTAIN_MARK.strip() not in text else text


def bullets(facts: Iterable[Fact], limit: int = MAX_BULLETS) -> str:
    return "\n".join(f"• {render_fact(f)}" for f in list(facts)[:limit])


def page_of(facts: Sequence[Fact], page: int) -> Tuple[List[Fact], Optional[int]]:
    """The facts of one page (1-based) and the number of the next page, if any."""
    page = max(1, page)
    start = (page - 1) * PAGE_SIZE
    shown = list(facts[start:start + PAGE_SIZE]) or list(facts[:PAGE_SIZE])
    return shown, (page + 1 if start + PAGE_SIZE < len(facts) else None)


def more_button(next_page: Optional[int], intent: str, **entities: str) -> List[Dict[str, str]]:
    """A "Voir la suite" button re-asking the same question for the next page, when there is one."""
    return [button("Voir la suite", intent, page=str(next_page), **entities)] if next_page else []


def requested_page(tracker: Tracker) -> int:
    pages = latest_entities(tracker, "page")
    return int(pages[0]) if pages and pages[0].isdigit() else 1


@dataclass
class Reply:
    """One bot answer: text, next-step buttons, and the facts it relied on."""

    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)
    facts: List[Fact] = field(default_factory=list)
    topic: Optional[str] = None
    slots: Dict[str, Any] = field(default_factory=dict)

    def send(self, dispatcher: CollectingDispatcher) -> List[EventType]:
        dispatcher.utter_message(text=self.text, buttons=self.buttons or None)
        events: List[EventType] = [SlotSet(k, v) for k, v in self.slots.items()]
        if self.facts:
            events.append(SlotSet("last_sources", source_ids(self.facts)))
            events.append(SlotSet("last_checked", min(f.checked for f in self.facts).isoformat()))
        if self.topic:
            events.append(SlotSet("last_topic", self.topic))
        return events


def latest_entities(tracker: Tracker, entity: str) -> List[str]:
    """Values of one entity type in the latest user message, in order, without repeats."""
    values: List[str] = []
    for ent in tracker.latest_message.get("entities", []) or []:
        value = ent.get("value")
        if ent.get("entity") == entity and isinstance(value, str) and value not in values:
            values.append(value)
    return values


def concepts_in_context(tracker: Tracker) -> List[str]:
    """Concepts the user means: those named now, else the one of the conversation, else none."""
    named = [c for c in latest_entities(tracker, "concept") if c in CONCEPT_IDS]
    if named:
        return named
    remembered = tracker.get_slot("concept")
    return [remembered] if remembered in CONCEPT_IDS else []


def concept_buttons(intent: str, knowledge: Knowledge) -> List[Dict[str, str]]:
    """One button per concept ("Micro-travail", "Freelance") re-asking an intent for it."""
    return [button(capitalise(knowledge.concept(cid).name), intent, concept=cid) for cid in CONCEPT_IDS]


def of(label: str) -> str:
    """French "de" + label with its contraction: "le freelance" -> "du freelance"."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if label.startswith(article):
            return contracted + label[len(article):]
    return "de " + label


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def other_concept(concept_id: str) -> str:
    return next(c for c in CONCEPT_IDS if c != concept_id)


def next_steps(knowledge: Knowledge, concept_id: Optional[str], exclude: Sequence[str] = ()) -> List[Dict[str, str]]:
    """The usual next-step buttons after an answer about a concept (or both)."""
    options = []
    if concept_id:
        options += [
            button("Avantages", "ask_advantages", concept=concept_id),
            button("Inconvénients", "ask_disadvantages", concept=concept_id),
            button("Plateformes", "ask_platforms", concept=concept_id),
            button("Comment débuter ?", "ask_getting_started", concept=concept_id),
        ]
    options += [button("Comparer les deux", "ask_comparison"), button("Aidez-moi à choisir", "help_me_choose")]
    return [b for b in options if b["payload"].split("{")[0][1:] not in exclude][:4]
