"""The query layer actions call: by concept, platform, kind, criterion and filters."""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple

from actions.knowledge import model as m
from actions.knowledge.folding import name_key
from actions.knowledge.loader import get_store

PLATFORM_FILTERS = ("french", "no_commission", "france")


class Knowledge:
    """Read-only questions asked of one loaded store."""

    def __init__(self, store: Optional[m.Store] = None):
        self.store = store or get_store()

    # concepts and comparison
    def concept(self, concept_id: str) -> m.Concept:
        return self.store.concepts[concept_id]

    def comparison(self) -> List[m.Criterion]:
        return list(self.store.comparison)

    # platforms
    def find_platform(self, name: str) -> Optional[m.Platform]:
        """The platform a user's spelling or a canonical id refers to, or None."""
        pid = self.store.alias_index.get(name_key(name or ""))
        return self.store.platforms.get(pid) if pid else None

    def platforms(self, kind: Optional[str] = None, filters: Iterable[str] = ()) -> List[m.Platform]:
        """Current platforms (not historical ones) matching a kind and filters, the most useful from France first."""
        wanted = set(filters)
        unknown = wanted - set(PLATFORM_FILTERS)
        if unknown:
            raise ValueError(f"unknown platform filter(s): {sorted(unknown)}")
        found = []
        for platform in self.store.platforms.values():
            if kind and platform.kind != kind:
                continue
            if platform.state == "historical":
                continue
            if "french" in wanted and not platform.french_speaking:
                continue
            if "france" in wanted and platform.available_in_france not in ("yes", "varies"):
                continue
            if "no_commission" in wanted and platform.worker_commission != "none":
                continue
            found.append(platform)
        return sorted(found, key=self._usefulness)

    @staticmethod
    def _usefulness(platform: m.Platform) -> Tuple[int, int, int]:
        france_rank = {"yes": 0, "varies": 1, "unknown": 2, "no": 3}[platform.available_in_france]
        state_rank = {"active": 0, "closing": 1, "historical": 2}[platform.state]
        return (state_rank, 0 if platform.french_speaking else 1, france_rank)

    def known_platform_names(self) -> List[str]:
        return [p.name for p in self.platforms()]

    # legal, advice, sources
    def legal_topic(self, topic_id: str) -> Optional[m.LegalTopic]:
        return self.store.legal.get(topic_id)

    def getting_started(self, key: str) -> Tuple[m.Fact, ...]:
        return self.store.getting_started[key]

    def choice_model(self) -> m.ChoiceModel:
        return self.store.choice

    def sources(self, source_ids: Sequence[str]) -> List[m.Source]:
        seen: List[str] = []
        for sid in source_ids:
            if sid in self.store.sources and sid not in seen:
                seen.append(sid)
        return [self.store.sources[sid] for sid in seen]


def source_ids(facts: Iterable[m.Fact]) -> List[str]:
    """The source ids of some facts, in order of first appearance."""
    ordered: List[str] = []
    for fact in facts:
        for sid in fact.sources:
            if sid not in ordered:
                ordered.append(sid)
    return ordered
