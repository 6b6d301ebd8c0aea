"""The one validating loader of the knowledge store: YAML files in, typed records out."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

from actions.knowledge import model as m
from actions.knowledge.folding import name_key, spelling_key
from actions.knowledge.reader import KnowledgeError, Reader
from actions.knowledge.sections import load_rates, load_scams, load_situations

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "knowledge"
FILES = ("sources", "concepts", "comparison", "platforms", "legal", "advice", "choice", "situations", "scams", "rates")


def _load_sources(directory: Path) -> Dict[str, m.Source]:
    reader = Reader(directory, "sources")
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


def _load_concepts(reader: Reader) -> Dict[str, m.Concept]:
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


def _load_comparison(reader: Reader) -> List[m.Criterion]:
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


def _load_platforms(reader: Reader) -> Tuple[Dict[str, m.Platform], Dict[str, str]]:
    platforms: Dict[str, m.Platform] = {}
    aliases: Dict[str, str] = {}
    for i, data in enumerate(reader.section("platforms", list)):
        pid = reader.get(data, "id", f"platforms[{i}]")
        if pid in platforms:
            reader.fail(pid, "duplicate platform id")
        french = data.get("french_speaking")
        if not isinstance(french, bool) and french != "unconfirmed":
            reader.fail(pid, "'french_speaking' must be true, false or unconfirmed")
        platform = m.Platform(
            id=pid,
            name=reader.get(data, "name", pid),
            aliases=reader.aliases(data, "aliases", pid),
            ambiguous_aliases=reader.aliases(data, "ambiguous_aliases", pid, required=False),
            kind=reader.choice(data, "kind", pid, m.CONCEPT_IDS),
            state=reader.choice(data, "state", pid, m.PLATFORM_STATES),
            website=reader.get(data, "website", pid),
            origin=reader.get(data, "origin", pid),
            french_speaking=None if french == "unconfirmed" else french,
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


def _load_legal(reader: Reader) -> Dict[str, m.LegalTopic]:
    return {
        tid: m.LegalTopic(
            tid, reader.get(data, "label", tid), reader.aliases(data, "aliases", tid), reader.facts(data, "facts", tid)
        )
        for tid, data in reader.section("topics").items()
    }


def _load_filters(reader: Reader) -> Dict[str, m.PlatformFilter]:
    data = reader.section("filters")
    if set(data) != set(m.FILTER_IDS):
        reader.fail("filters", f"expected exactly the filters {m.FILTER_IDS}, found {tuple(data)}")
    return {
        fid: m.PlatformFilter(fid, reader.get(entry, "label", fid), reader.aliases(entry, "aliases", fid))
        for fid, entry in data.items()
    }


def check_vocabulary(store: m.Store) -> None:
    """A spelling names one thing: no alias of a concept, topic, filter or platform may name another one.

    The exceptions: an ambiguous platform alias (« freelancer »), which may also be a plain word of another kind
    (it names the platform only in context); and two spellings told apart by their accents (« retraité », a
    situation, and « retraite », a legal topic): the NLU reads the accents typed, and the first in the store
    when there are none.
    """
    owners: Dict[str, str] = {}
    for kind, value, spellings in vocabulary(store, ambiguous=False):
        for spelling in spellings:
            key, owner = spelling_key(spelling), f"{kind} '{value}'"
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


def _load_advice(reader: Reader) -> Dict[str, Tuple[m.Fact, ...]]:
    data = reader.section("getting_started")
    return {key: reader.facts(data, key, "getting_started") for key in ("general",) + m.CONCEPT_IDS}


def _load_choice(reader: Reader) -> m.ChoiceModel:
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
        label = reader.get(data, "label", slot)
        criteria.append(m.ChoiceCriterion(slot, label, values, default, weights, explanations))
    margin = reader.section("mixed_margin", int)
    steps = reader.section("next_steps")
    next_steps = {key: reader.facts(steps, key, "next_steps") for key in m.CONCEPT_IDS + ("mixed",)}
    return m.ChoiceModel(
        tuple(criteria), margin, next_steps, reader.fact(reader.data.get("mixed_summary"), "mixed_summary")
    )


def load_store(directory: Path = DEFAULT_DIR) -> m.Store:
    """Load and validate every file; raise KnowledgeError on the first problem found."""
    directory = Path(directory)
    sources = _load_sources(directory)
    ids = tuple(sources)
    rates = load_rates(Reader(directory, "rates", ids))  # first: the other files' facts restate its figures
    readers: Dict[str, Reader] = {name: Reader(directory, name, ids, rates) for name in FILES[1:]}
    platforms, aliases = _load_platforms(readers["platforms"])
    situations, themes = load_situations(readers["situations"])
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
        scams=load_scams(readers["scams"]),
        rates=rates,
        official_simulator=readers["rates"].fact(readers["rates"].data.get("official_simulator"), "official_simulator"),
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
