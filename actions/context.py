"""What the conversation says so far: entities of the latest message, remembered concept, page, last question."""

from __future__ import annotations

from typing import Any, List, Optional

from rasa_sdk import Tracker

from actions.knowledge.model import CONCEPT_IDS


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


def requested_page(tracker: Tracker) -> int:
    """The page a "Voir la suite" button asks for (entity "page"), 1 when none."""
    pages = latest_entities(tracker, "page")
    return int(pages[0]) if pages and pages[0].isdigit() else 1


def paged_question(tracker: Tracker) -> str:
    """The question the answer's pages are about: the message itself when typed; for a « Voir la suite » click
    (a "/intent{...}" payload), the latest message typed with the same intent, so every page splits one list."""
    text = tracker.latest_message.get("text") or ""
    if not text.startswith("/"):
        return text
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    for event in reversed(tracker.events):
        typed = event.get("text") or ""
        if event.get("event") == "user" and typed and not typed.startswith("/"):
            if ((event.get("parse_data") or {}).get("intent") or {}).get("name") == intent:
                return typed
    return ""


def last_bot_action(tracker: Tracker) -> Optional[str]:
    """The response name of the bot's last message (e.g. utter_ask_stop_confirm), if any."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action")
    return None


def slot_before_message(tracker: Tracker, slot: str) -> Optional[Any]:
    """A slot's value before the latest user message, whose entities may already have changed it (« et Fiverr ? »
    after Malt: the platform slot is Fiverr, the one spoken of was Malt)."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "user" and not seen_latest:
            seen_latest = True
        elif seen_latest and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


def previous_user_text(tracker: Tracker) -> str:
    """The user's message before the latest one (the offer a « pourquoi ? » is about)."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return texts[-2] if len(texts) >= 2 else ""
