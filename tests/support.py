"""Helpers for tests: build rasa_sdk trackers, read what the user would see, spot adjusted Rasa code."""

from pathlib import Path
from typing import Any, Dict, List, Optional

DOMAIN = Path(__file__).resolve().parents[1] / "domain.yml"


def make_tracker(
    text: str = "",
    intent: str = "",
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
):
    """A rasa_sdk Tracker whose latest user message is `text`, classified as `intent`."""
    from rasa_sdk import Tracker

    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": [{"entity": e, "value": v} for e, v in (entities or [])] if entities else [],
    }
    return Tracker(
        "test-user",
        slots or {},
        message,
        events or [],
        False,
        None,
        {"name": (slots or {}).get("active_loop")},
        "action_listen",
    )


def text_of(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def titles(messages):
    return [b["title"] for m in messages for b in (m.get("buttons") or [])]


def slots(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


SPEEDUP_TARGETS = (
    ("rasa.core.actions.action", "RemoteAction", "_validate_action_result"),
    ("rasa.shared.core.events", "Event", "resolve_by_type"),
)


def adjusted_rasa_attributes() -> List[str]:
    """The attributes runtime.speedups replaces that are not Rasa's own code at this moment."""
    import importlib

    adjusted = []
    for module, owner, name in SPEEDUP_TARGETS:
        attribute = vars(getattr(importlib.import_module(module), owner))[name]
        if getattr(attribute, "__func__", attribute).__module__ != module:  # unwraps staticmethod/classmethod
            adjusted.append(f"{owner}.{name}")
    return adjusted


def domain_dict() -> Dict[str, Any]:
    """The whole domain as Rasa reads it: domain.yml."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(DOMAIN)).as_dict()
