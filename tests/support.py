"""Helpers for tests: build rasa_sdk trackers and read what the user would see."""
from typing import Any, Dict, List, Optional


def make_tracker(text: str = "", intent: str = "", entities: Optional[List[Dict[str, Any]]] = None,
                 slots: Optional[Dict[str, Any]] = None, events: Optional[List[Dict[str, Any]]] = None):
    """A rasa_sdk Tracker whose latest user message is `text`, classified as `intent`."""
    from rasa_sdk import Tracker

    message = {"text": text, "intent": {"name": intent, "confidence": 0.99},
               "entities": [{"entity": e, "value": v} for e, v in (entities or [])] if entities else []}
    return Tracker("test-user", slots or {}, message, events or [], False, None,
                   {"name": (slots or {}).get("active_loop")}, "action_listen")


def text_of(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def titles(messages):
    return [b["title"] for m in messages for b in (m.get("buttons") or [])]


def slots(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
