"""The people who can help a user (knowledge/contacts.yml), validated like the rest of the store."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Tuple

from actions.knowledge import model as m
from actions.knowledge.loader import DEFAULT_DIR, _load_sources
from actions.knowledge.reader import Reader


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    url: str
    facts: Tuple[m.Fact, ...]


def load_contacts(directory: Path = DEFAULT_DIR) -> Dict[str, Contact]:
    """Every contact of contacts.yml; its link must name a source of sources.yml that has a URL."""
    sources = _load_sources(Path(directory))
    reader = Reader(Path(directory), "contacts", tuple(sources))
    contacts = {}
    for cid, data in reader.section("contacts").items():
        link = reader.get(data, "link", cid)
        if link not in sources or not sources[link].url:
            reader.fail(cid, f"link '{link}' must be a source of knowledge/sources.yml with a url")
        contacts[cid] = Contact(cid, reader.get(data, "name", cid), sources[link].url, reader.facts(data, "facts", cid))
    return contacts


_cache: Dict[str, Dict[str, Contact]] = {}


def get_contacts() -> Dict[str, Contact]:
    """The contacts of this process, loaded once (directory from KNOWLEDGE_DIR if set)."""
    directory = os.environ.get("KNOWLEDGE_DIR", str(DEFAULT_DIR))
    if directory not in _cache:
        _cache[directory] = load_contacts(Path(directory))
    return _cache[directory]
