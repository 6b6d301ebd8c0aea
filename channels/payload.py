"""Button payloads (`/intent{"entity": "value"}`): only the domain's intents and entities, short strings, reach Rasa."""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Dict, Optional

logger = logging.getLogger(__name__)

MAX_ENTITY_VALUE_CHARS = 100  # the longest value a button of the domain carries is a few words
# Rasa's own grammar (YAMLStoryReader._regex_message_pattern), the confidence part refused here
PAYLOAD = re.compile(r"^/(?P<intent>[^{@]+)(?P<confidence>@[0-9.]+)?(?P<entities>\{.+\})?(?P<rest>.*)$", re.DOTALL)


def checked_payload(text: str, domain: Optional[Any]) -> str:
    """The text unchanged when it is no payload or a valid one; otherwise the text without its leading "/", so that
    Rasa reads it as plain text."""
    if not text.startswith("/"):
        return text
    match = PAYLOAD.match(text)
    problem = "not of the form /intent{json}" if match is None else payload_problem(match, domain)
    if problem is None:
        return text
    logger.warning("Payload traité comme du texte : %s.", problem)  # never a part of the text: it is the user's
    return text[1:].lstrip("/") or text


def payload_problem(match: re.Match, domain: Optional[Any]) -> Optional[str]:
    """Why a parsed payload cannot go to Rasa as an intent, or None; said without quoting the payload, whose intent
    and entity names are whatever the user typed."""
    intent = match["intent"].strip()
    if match["confidence"] or match["rest"]:
        return "a confidence or trailing text"
    if domain is not None and intent not in domain.intents:
        return "an intent that is not in the domain"
    if match["entities"] is None:
        return None
    entities = parsed_entities(match["entities"])
    if entities is None:
        return "the entities are not a JSON object"
    if domain is not None and not set(entities) <= set(domain.entities):
        return "an entity that is not in the domain"
    bad = [name for name, value in entities.items() if not short_string(value)]
    return f"{len(bad)} entity value(s) that are not short strings" if bad else None


def short_string(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_ENTITY_VALUE_CHARS


def parsed_entities(raw: str) -> Optional[Dict[str, Any]]:
    try:
        entities = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return entities if isinstance(entities, dict) else None
