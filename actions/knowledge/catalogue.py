"""Every fact of a loaded store with where it sits (topic path) and the topic's name, found generically."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Iterator, List, Optional, Tuple

from actions.knowledge import model as m

# names of the store's sections whose facts sit in no named record
SECTION_LABELS = {
    "getting_started": "pour bien débuter",
    "choice": "le choix guidé",
    "comparison": "la comparaison",
    "scams": "les arnaques à la tâche",
    "rates": "les taux et seuils",
    "official_simulator": "le portail de l’Urssaf",
    "filters": "les plateformes",
}


@dataclass(frozen=True)
class TopicFact:
    """One fact and its place: path such as ("platforms", "toloka", "fees") and the topic's label."""

    path: Tuple[str, ...]
    label: str
    fact: m.Fact

    @property
    def topic(self) -> str:
        return ".".join(self.path)


def _name_of(record: Any) -> Optional[str]:
    for attribute in ("name", "label"):
        value = getattr(record, attribute, None)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _walk(value: Any, path: Tuple[str, ...], label: str) -> Iterator[TopicFact]:
    if isinstance(value, m.Fact):
        yield TopicFact(path, label, value)
    elif isinstance(value, m.Source):  # sources are cited, not stated
        return
    elif dataclasses.is_dataclass(value):
        label = _name_of(value) or label
        ident = getattr(value, "id", None) or getattr(value, "slot", None)
        if isinstance(ident, str) and (not path or path[-1] != ident):
            path = path + (ident,)
        for field in dataclasses.fields(value):
            yield from _walk(getattr(value, field.name), path + (field.name,), label)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (str(key),), label)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item, path, label)


def topic_facts(store: m.Store) -> List[TopicFact]:
    """Every fact of the store, each once, whatever file or record type holds it (new topics included)."""
    seen, found = set(), []
    for field in dataclasses.fields(store):
        label = SECTION_LABELS.get(field.name, field.name.replace("_", " "))
        for item in _walk(getattr(store, field.name), (field.name,), label):
            if id(item.fact) not in seen:
                seen.add(id(item.fact))
                found.append(item)
    return found
