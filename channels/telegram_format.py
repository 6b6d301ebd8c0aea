"""Telegram text rules: HTML escaping, splitting at 4096 characters, callback data of at most 64 bytes."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import OrderedDict
from typing import List, Optional

MAX_MESSAGE = 4096
MAX_CALLBACK_BYTES = 64
KEY_PREFIX = "#k:"
INTENT_PAYLOAD = re.compile(r"^(?P<intent>/[^{@]+(?:@[0-9.]+)?)(?P<entities>\{.*\})$", re.DOTALL)


def escape(text: str) -> str:
    """Text for parse_mode=HTML: <, > and & become entities, so nothing in it can be read as markup."""
    return html.escape(text, quote=False)


def _fit(text: str, limit: int) -> int:
    """Length of the longest prefix of text within limit UTF-16 code units (what Telegram counts)."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def split_message(text: str, limit: int = MAX_MESSAGE) -> List[str]:
    """Cuts text into messages of at most limit characters: at a paragraph break, else a line break, else a space."""
    chunks, rest = [], text.strip()
    while rest:
        end = max(_fit(rest, limit), 1)
        if end < len(rest):
            found = [rest.rfind(sep, 1, end + len(sep)) for sep in ("\n\n", "\n", " ")]
            end = next((p for p in found if p >= end // 2), None) or next((p for p in found if p > 0), end)
        chunks.append(rest[:end].rstrip())
        rest = rest[end:].lstrip()
    return chunks


def compact_payload(payload: str) -> str:
    """`/intent{"a": "b"}` written as `/intent{"a":"b"}` (same meaning for Rasa); anything else unchanged."""
    match = INTENT_PAYLOAD.match(payload)
    if not match:
        return payload
    try:
        entities = json.loads(match["entities"])
    except ValueError:
        return payload
    return match["intent"] + json.dumps(entities, ensure_ascii=False, separators=(",", ":"))


class CallbackData:
    """Button payloads <-> callback_data of at most 64 bytes.

    Deterministic first: a payload that fits (after compact_payload) is sent as it is, so buttons keep working
    after a restart and across workers. Only a payload still too long gets a key (a hash of the payload, so the
    same button always gets the same key) kept in a bounded in-memory map; such buttons expire on restart.
    """

    def __init__(self, capacity: int = 4096) -> None:
        self.capacity = capacity
        self._long: "OrderedDict[str, str]" = OrderedDict()

    def encode(self, payload: str) -> str:
        compact = compact_payload(payload)
        if len(compact.encode("utf-8")) <= MAX_CALLBACK_BYTES and not compact.startswith(KEY_PREFIX):
            return compact
        digest = hashlib.sha256(payload.encode("utf-8")).digest()[:15]
        key = KEY_PREFIX + base64.urlsafe_b64encode(digest).decode("ascii")
        self._long[key] = payload
        self._long.move_to_end(key)
        while len(self._long) > self.capacity:
            self._long.popitem(last=False)
        return key

    def decode(self, data: str) -> Optional[str]:
        """The payload behind callback_data, or None for a key this process no longer knows."""
        return self._long.get(data) if data.startswith(KEY_PREFIX) else data
