"""The one validating loader of the knowledge store: YAML files in, typed records out."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import yaml

from actions.knowledge import model as m
from actions.knowledge.folding import name_key

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "knowledge"
FILES = ("sources", "concepts", "comparison", "platforms", "legal", "advice", "choice", "situations", "scams")


class KnowledgeError(Exception):
    """A broken or inconsistent entry; the message names file, entry, problem and fix."""

    def __init__(self, file: str, entry: str, problem: str):
        self.file, self.entry, self.problem = file, entry, problem
        super().__init__(
            f"Knowledge store invalid: {file}, entry '{entry}': {problem}. "
            f"Fix the entry (schema: knowledge/README.md) and restart."
        )


class _Reader:
    """Reads one file and raises KnowledgeError naming it on any problem."""

    def __init__(self, directory: Path, name: str, source_ids: Tuple[str, ...] = ()):
        self.file = f"knowledge/{name}.yml"
        self.source_ids = source_ids
        path = directory / f"{name}.yml"
        if not path.is_file():
            raise KnowledgeError(self.file, "(file)", f"file not found at {path}")
        try:
            self.data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
        return m.Fact(text.strip(), tuple(sources), checked, status)

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


def _load_sources(directory: Path) -> Dict[str, m.Source]:
    reader = _Reader(directory, "sources")
    sources = {}
    for sid, data in reader.section("sources").items():
        title = reader.get(data, "title", sid)
        url, seed = data.get("url"), data.get("seed")
        if bool(url) == bool(seed):
            reader.fail(sid, "a source needs exactly one of 'url' or 'seed'")
        if url and not str(url).startswith(("http://", "https://")):
            reader.fail(sid, f"url '{url}' is not an http(s) address")
        if seed and not (directory / "seeds" / seed).is_file():
            reader.fail(sid, f"seed file seeds/{seed} not found")
        sources[sid] = m.Source(sid, title, url, seed)
    return sources


def _load_concepts(reader: _Reader) -> Dict[str, m.Concept]:
    concepts = {}
    data = reader.section("concepts")

    def level(entry: Any, cid: str, key: str) -> m.Level:
        block = reader.get(entry, key, cid, dict)
        return m.Level(
            reader.choice(block, "level", f"{cid}.{key}", m.LEVELS),
            reader.facts(block, "facts", f"{cid}.{key}"),
        )

    for cid in m.CONCEPT_IDS:
        entry = reader.get(data, cid, cid, dict)

        lists = {
            key: reader.facts(entry, key, cid)
            for key in ("definition", "characteristics", "advantages", "drawbacks", "skills", "income", "long_term")
        }
        concepts[cid] = m.Concept(
            id=cid,
            name=reader.get(entry, "name", cid),
            label=reader.get(entry, "label", cid),
            aliases=reader.aliases(entry, "aliases", cid),
            flexibility=level(entry, cid, "flexibility"),
            independence=level(entry, cid, "independence"),
            **lists,
        )
    extra = set(data) - set(m.CONCEPT_IDS)
    if extra:
        reader.fail(", ".join(sorted(extra)), f"unknown concept id, expected {m.CONCEPT_IDS}")
    return concepts


def _load_comparison(reader: _Reader) -> List[m.Criterion]:
    criteria = []
    for i, data in enumerate(reader.section("criteria", list)):
        cid = reader.get(data, "id", f"criteria[{i}]")
        criteria.append(
            m.Criterion(
                cid,
                reader.get(data, "label", cid),
                reader.fact(data.get("microwork"), f"{cid}.microwork"),
                reader.fact(data.get("freelancing"), f"{cid}.freelancing"),
            )
        )
    if len({c.id for c in criteria}) != len(criteria):
        reader.fail("criteria", "two criteria share the same id")
    return criteria


def _load_platforms(reader: _Reader) -> Tuple[Dict[str, m.Platform], Dict[str, str]]:
    platforms: Dict[str, m.Platform] = {}
    aliases: Dict[str, str] = {}
    for i, data in enumerate(reader.section("platforms", list)):
        pid = reader.get(data, "id", f"platforms[{i}]")
        if pid in platforms:
            reader.fail(pid, "duplicate platform id")
        french = data.get("french_speaking")
        if not isinstance(french, bool):
            reader.fail(pid, "'french_speaking' must be true or false")
        platform = m.Platform(
            id=pid,
            name=reader.get(data, "name", pid),
            aliases=reader.aliases(data, "aliases", pid),
            ambiguous_aliases=reader.aliases(data, "ambiguous_aliases", pid, required=False),
            kind=reader.choice(data, "kind", pid, m.CONCEPT_IDS),
            state=reader.choice(data, "state", pid, m.PLATFORM_STATES),
            website=reader.get(data, "website", pid),
            origin=reader.get(data, "origin", pid),
            french_speaking=french,
            available_in_france=reader.choice(data, "available_in_france", pid, m.AVAILABILITY),
            worker_commission=reader.choice(data, "worker_commission", pid, m.COMMISSION),
            entry_barrier=reader.choice(data, "entry_barrier", pid, m.BARRIERS),
            tasks=reader.facts(data, "tasks", pid),
            fees=reader.facts(data, "fees", pid),
            payment=reader.facts(data, "payment", pid),
            availability=reader.facts(data, "availability", pid),
            entry=reader.facts(data, "entry", pid),
            notes=reader.facts(data, "notes", pid, allow_empty=True),
        )
        platforms[pid] = platform
        for alias in (pid, platform.name) + platform.aliases + platform.ambiguous_aliases:
            key = name_key(alias)
            if aliases.get(key, pid) != pid:
                reader.fail(pid, f"alias '{alias}' is already used by platform '{aliases[key]}'")
            aliases[key] = pid
    return platforms, aliases


def _load_legal(reader: _Reader) -> Dict[str, m.LegalTopic]:
    return {
        tid: m.LegalTopic(
            tid, reader.get(data, "label", tid), reader.aliases(data, "aliases", tid), reader.facts(data, "facts", tid)
        )
        for tid, data in reader.section("topics").items()
    }


def _load_filters(reader: _Reader) -> Dict[str, m.PlatformFilter]:
    data = reader.section("filters")
    if set(data) != set(m.FILTER_IDS):
        reader.fail("filters", f"expected exactly the filters {m.FILTER_IDS}, found {tuple(data)}")
    return {
        fid: m.PlatformFilter(fid, reader.get(entry, "label", fid), reader.aliases(entry, "aliases", fid))
        for fid, entry in data.items()
    }


def check_vocabulary(store: m.Store) -> None:
    """A spelling names one thing: no alias of a concept, topic, filter or platform may name another one.

    The only exception is an ambiguous platform alias (« freelancer »), which may also be a plain word of another
    kind: it names the platform only in context.
    """
    owners: Dict[str, str] = {}
    for kind, value, spellings in vocabulary(store, ambiguous=False):
        for spelling in spellings:
            key, owner = name_key(spelling), f"{kind} '{value}'"
            if owners.setdefault(key, owner) != owner:
                file = {
                    "concept": "concepts",
                    "legal_topic": "legal",
                    "platform": "platforms",
                    "platform_filter": "platforms",
                    "situation": "situations",
                }[kind]
                raise KnowledgeError(
                    f"knowledge/{file}.yml",
                    value,
                    f"alias '{spelling}' also names {owners[key]}; keep it in one place only",
                )


def vocabulary(store: m.Store, ambiguous: bool) -> List[Tuple[str, str, Tuple[str, ...]]]:
    """(entity, value, spellings) for every name the assistant recognises; `ambiguous` picks the context-only ones."""
    if ambiguous:
        return [("platform", p.id, p.ambiguous_aliases) for p in store.platforms.values() if p.ambiguous_aliases]
    rows = [("concept", c.id, (c.id, c.name) + c.aliases) for c in store.concepts.values()]
    rows += [("legal_topic", t.id, (t.id,) + t.aliases) for t in store.legal.values()]
    rows += [("platform_filter", f.id, (f.id,) + f.aliases) for f in store.filters.values()]
    rows += [("situation", s.id, (s.id,) + s.aliases) for s in store.situations.values()]
    rows += [
        (
            "platform",
            p.id,
            tuple(
                s for s in (p.id, p.name) + p.aliases if name_key(s) not in {name_key(a) for a in p.ambiguous_aliases}
            ),
        )
        for p in store.platforms.values()
    ]
    return rows


def _load_advice(reader: _Reader) -> Dict[str, Tuple[m.Fact, ...]]:
    data = reader.section("getting_started")
    return {key: reader.facts(data, key, "getting_started") for key in ("general",) + m.CONCEPT_IDS}


def _load_choice(reader: _Reader) -> m.ChoiceModel:
    criteria = []
    for i, data in enumerate(reader.section("criteria", list)):
        slot = reader.get(data, "slot", f"criteria[{i}]")
        values = tuple(reader.get(data, "values", slot, dict))
        weights, explanations = {}, {}
        for value, block in data["values"].items():
            entry = f"{slot}.{value}"
            weights[value] = {c: reader.get(block, c, entry, int) for c in m.CONCEPT_IDS}
            explanations[value] = reader.fact(block.get("explanation"), f"{entry}.explanation")
        default = reader.get(data, "default", slot)
        if default not in values:
            reader.fail(slot, f"default '{default}' is not one of its values {values}")
        criteria.append(m.ChoiceCriterion(slot, values, default, weights, explanations))
    margin = reader.section("mixed_margin", int)
    steps = reader.section("next_steps")
    next_steps = {key: reader.facts(steps, key, "next_steps") for key in m.CONCEPT_IDS + ("mixed",)}
    return m.ChoiceModel(
        tuple(criteria), margin, next_steps, reader.fact(reader.data.get("mixed_summary"), "mixed_summary")
    )


def _exact_keys(reader: _Reader, data: Dict[str, Any], entry: str, expected: Tuple[str, ...]) -> None:
    if set(data) != set(expected):
        reader.fail(entry, f"expected exactly {expected}, found {tuple(data)}")


def _load_situations(reader: _Reader) -> Tuple[Dict[str, m.Topic], Dict[str, m.Topic]]:
    situations, themes = reader.section("situations"), reader.section("themes")
    _exact_keys(reader, situations, "situations", m.SITUATION_IDS)
    _exact_keys(reader, themes, "themes", m.THEME_IDS)
    return (
        {
            sid: m.Topic(
                sid, reader.get(d, "label", sid), reader.aliases(d, "aliases", sid), reader.facts(d, "facts", sid)
            )
            for sid, d in situations.items()
        },
        {
            tid: m.Topic(tid, reader.get(d, "label", tid), (), reader.facts(d, "facts", tid))
            for tid, d in themes.items()
        },
    )


def _load_scams(reader: _Reader) -> m.ScamGuide:
    signs = []
    for i, data in enumerate(reader.section("signs", list)):
        sid = reader.get(data, "id", f"signs[{i}]")
        cues = reader.aliases(data, "cues", sid)
        if sid != "no_company" and not cues:  # no_company is the absence of a company name, not a word
            reader.fail(sid, "'cues' must list the words that reveal this sign")
        signs.append(
            m.ScamSign(
                sid,
                reader.get(data, "label", sid),
                reader.choice(data, "strength", sid, m.SIGN_STRENGTHS),
                cues,
                reader.facts(data, "facts", sid),
            )
        )
    found = tuple(s.id for s in signs)
    if sorted(found) != sorted(m.SCAM_SIGN_IDS):
        reader.fail("signs", f"expected each of the signs {m.SCAM_SIGN_IDS} once, found {found}")
    ceiling = reader.section("pay_ceiling")
    numbers = {
        key: reader.get(ceiling, key, "pay_ceiling", int)
        for key in ("top_per_hour", "typical_per_hour", "per_simple_task", "workday_hours")
    }
    if (
        min(numbers.values()) <= 0
        or numbers["workday_hours"] > 24
        or numbers["typical_per_hour"] > numbers["top_per_hour"]
    ):
        reader.fail("pay_ceiling", "rates and 'workday_hours' must be positive, hours at most 24, typical <= top")
    return m.ScamGuide(
        tuple(signs),
        m.PayCeiling(
            **numbers,
            simple_task_cues=reader.aliases(ceiling, "simple_task_cues", "pay_ceiling"),
            freelance_cues=reader.aliases(ceiling, "freelance_cues", "pay_ceiling"),
            facts=reader.facts(ceiling, "facts", "pay_ceiling"),
        ),
        reader.facts(reader.data, "advice", "advice"),
    )


def load_store(directory: Path = DEFAULT_DIR) -> m.Store:
    """Load and validate every file; raise KnowledgeError on the first problem found."""
    directory = Path(directory)
    sources = _load_sources(directory)
    ids = tuple(sources)
    readers: Dict[str, _Reader] = {name: _Reader(directory, name, ids) for name in FILES[1:]}
    platforms, aliases = _load_platforms(readers["platforms"])
    situations, themes = _load_situations(readers["situations"])
    store = m.Store(
        sources=sources,
        concepts=_load_concepts(readers["concepts"]),
        comparison=_load_comparison(readers["comparison"]),
        platforms=platforms,
        legal=_load_legal(readers["legal"]),
        getting_started=_load_advice(readers["advice"]),
        choice=_load_choice(readers["choice"]),
        filters=_load_filters(readers["platforms"]),
        alias_index=aliases,
        situations=situations,
        themes=themes,
        scams=_load_scams(readers["scams"]),
    )
    check_vocabulary(store)
    return store


_cache: Dict[str, m.Store] = {}


def get_store(loader: Callable[[Path], m.Store] = load_store) -> m.Store:
    """The store of this process, loaded once (directory from KNOWLEDGE_DIR if set)."""
    directory = os.environ.get("KNOWLEDGE_DIR", str(DEFAULT_DIR))
    if directory not in _cache:
        _cache[directory] = loader(Path(directory))
    return _cache[directory]
