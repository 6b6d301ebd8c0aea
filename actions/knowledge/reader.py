"""Reading one knowledge file: typed getters that raise KnowledgeError naming the file, entry and fix."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping, Optional, Tuple

import yaml

from actions.knowledge import model as m
from actions.knowledge.figures import figures_in


class KnowledgeError(Exception):
    """A broken or inconsistent entry; the message names file, entry, problem and fix."""

    def __init__(self, file: str, entry: str, problem: str):
        self.file, self.entry, self.problem = file, entry, problem
        super().__init__(
            f"Knowledge store invalid: {file}, entry '{entry}': {problem}. "
            f"Fix the entry (schema: knowledge/README.md) and restart."
        )


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's, when built: 10 times faster
    """YAML's safe loader, refusing a mapping key given twice (PyYAML would silently keep the later one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"key '{key}' given twice (first on line {seen[key] + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


class Reader:
    """Reads one file and raises KnowledgeError naming it on any problem."""

    def __init__(
        self, directory: Path, name: str, source_ids: Tuple[str, ...] = (), rates: Optional[Mapping[str, m.Rate]] = None
    ):
        self.file = f"knowledge/{name}.yml"
        self.source_ids = source_ids
        self.rates = rates or {}
        path = directory / f"{name}.yml"
        if not path.is_file():
            raise KnowledgeError(self.file, "(file)", f"file not found at {path}")
        try:
            self.data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
        except yaml.YAMLError as exc:
            raise KnowledgeError(self.file, "(file)", f"not valid YAML ({exc})") from exc
        if not isinstance(self.data, dict):
            raise KnowledgeError(self.file, "(file)", "the top level must be a mapping")

    def fail(self, entry: str, problem: str) -> None:
        raise KnowledgeError(self.file, entry, problem)

    def get(self, data: Any, key: str, entry: str, kind: type = str) -> Any:
        if not isinstance(data, dict) or key not in data:
            self.fail(entry, f"missing key '{key}'")
        value = data[key]
        if kind is str and (not isinstance(value, str) or not value.strip()):
            self.fail(entry, f"'{key}' must be a non-empty text")
        if kind is not str and not isinstance(value, kind):
            self.fail(entry, f"'{key}' must be of type {kind.__name__}")
        return value

    def choice(self, data: Any, key: str, entry: str, allowed: Tuple[str, ...]) -> str:
        value = data.get(key) if isinstance(data, dict) else None
        value = {True: "yes", False: "no"}.get(value, value)  # YAML reads yes/no as booleans
        if value not in allowed:
            self.fail(entry, f"'{key}' is {value!r}, expected one of {', '.join(allowed)}")
        return value

    def fact(self, data: Any, entry: str) -> m.Fact:
        if not isinstance(data, dict):
            self.fail(entry, "a fact must be a mapping with text, sources, checked, status")
        text = self.get(data, "text", entry)
        sources = data.get("sources")
        if not isinstance(sources, list) or not sources:
            self.fail(entry, "a fact needs at least one source in 'sources'")
        for source in sources:
            if source not in self.source_ids:
                self.fail(entry, f"unknown source '{source}' (not in knowledge/sources.yml)")
        checked = data.get("checked")
        if not isinstance(checked, dt.date):
            self.fail(entry, "'checked' must be the ISO date the fact was checked, e.g. 2026-11-25")
        status = self.choice(data, "status", entry, m.FACT_STATUSES)
        fact = m.Fact(text.strip(), tuple(sources), checked, status)
        return self._dated(fact, data.get("figures", []), entry)

    def _dated(self, fact: m.Fact, rate_ids: Any, entry: str) -> m.Fact:
        """The fact with the rates it restates and their common period; it must state a figure of each rate."""
        if not isinstance(rate_ids, list) or not all(isinstance(r, str) for r in rate_ids):
            self.fail(entry, "'figures' must be a list of rate ids (knowledge/rates.yml)")
        if not rate_ids:
            return fact
        for rid in rate_ids:
            if rid not in self.rates:
                self.fail(entry, f"unknown rate '{rid}' in 'figures' (not in knowledge/rates.yml)")
            if not figures_in(self.rates[rid].fact.text) & figures_in(fact.text):
                self.fail(entry, f"states no figure of rate '{rid}' (rates.yml): one of the two is out of date")
        rates = [self.rates[rid] for rid in rate_ids]
        return replace(
            fact,
            figures=tuple(rate_ids),
            valid_from=max(r.valid_from for r in rates),
            valid_until=min(r.valid_until for r in rates),
        )

    def aliases(self, data: Any, key: str, entry: str, required: bool = True) -> Tuple[str, ...]:
        """Other spellings of a name: a list of non-empty texts."""
        if not required and key not in (data or {}):
            return ()
        values = self.get(data, key, entry, list)
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.fail(entry, f"'{key}' must be a list of non-empty texts")
        return tuple(values)

    def facts(self, data: Any, key: str, entry: str, allow_empty: bool = False) -> Tuple[m.Fact, ...]:
        items = data.get(key) if isinstance(data, dict) else None
        if not isinstance(items, list) or (not items and not allow_empty):
            self.fail(entry, f"'{key}' must be a non-empty list of facts")
        return tuple(self.fact(item, f"{entry}.{key}[{i}]") for i, item in enumerate(items))

    def section(self, key: str, kind: type = dict) -> Any:
        return self.get(self.data, key, key, kind)
