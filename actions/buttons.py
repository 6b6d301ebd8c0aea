"""Buttons and their payloads: a title that re-asks an intent with entities."""

from __future__ import annotations

import json
from typing import Dict


def payload(intent: str, **entities: str) -> str:
    """A button payload that triggers an intent with entities, e.g. /ask_advantages{"concept": "microwork"}."""
    return f"/{intent}{json.dumps(entities, ensure_ascii=False)}" if entities else f"/{intent}"


def button(title: str, intent: str, **entities: str) -> Dict[str, str]:
    return {"title": title, "payload": payload(intent, **entities)}
