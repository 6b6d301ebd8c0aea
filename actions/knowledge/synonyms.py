"""The search's lexicon (knowledge/search_vocabulary.yml): people's words read as the store's, checked on load."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, FrozenSet, List, Tuple

import yaml

from actions.knowledge.folding import fold
from actions.knowledge.loader import DEFAULT_DIR
from actions.knowledge.reader import KnowledgeError

LEXICON_FILE = DEFAULT_DIR / "search_vocabulary.yml"
WHERE = "knowledge/search_vocabulary.yml"


@dataclass(frozen=True)
class Lexicon:
    """Groups of words or phrases read as one word (the first of the group), words to ignore, symbols to read."""

    groups: Tuple[Tuple[str, ...], ...] = ()
    ignored: FrozenSet[str] = frozenset()
    symbols: Dict[str, str] = field(default_factory=dict)


def words_of(text: str) -> List[str]:
    """The words of a text as written (case kept, for acronyms), apostrophes of both kinds splitting them."""
    return re.findall(r"\w+", text.replace("’", "'"))


def _strings(value, name: str) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and words_of(v) for v in value):
        raise KnowledgeError(WHERE, name, "expected a list of words or phrases")
    return tuple(value)


def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    """The lexicon of a file, its shape checked (the groups' overlaps are checked when compiled)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeError(WHERE, "file", f"cannot be read: {error}") from error
    if not isinstance(data, dict) or set(data) - {"groups", "ignore", "symbols"}:
        raise KnowledgeError(WHERE, "file", "expected the keys groups, ignore and symbols only")
    groups = tuple(_strings(group, f"groups[{i}]") for i, group in enumerate(data.get("groups") or []))
    if any(len(group) < 2 for group in groups):
        raise KnowledgeError(WHERE, "groups", "a group needs at least two variants")
    symbols = data.get("symbols") or {}
    if not isinstance(symbols, dict) or not all(isinstance(v, str) and words_of(v) for v in symbols.values()):
        raise KnowledgeError(WHERE, "symbols", "expected symbol: word")
    return Lexicon(groups, frozenset(_strings(data.get("ignore") or [], "ignore")), dict(symbols))


class Synonyms:
    """A lexicon compiled with a lemmatizer: a word whose spelling or lemma is a variant reads as the group's word."""

    def __init__(self, lexicon: Lexicon, lemma: Callable[[str], str], stop: FrozenSet[str]):
        self.symbols = lexicon.symbols
        self.phrases: Dict[Tuple[str, ...], str] = {}
        self.words: Dict[str, str] = {}
        self.acronyms: Dict[str, str] = {}  # « CA » only in capitals: written small, it is « ça »
        for group in lexicon.groups:
            key = fold("".join(words_of(group[0].casefold())))
            for variant in group:
                written = [fold(w.casefold()) for w in words_of(variant)]
                if len(written) > 1:
                    self._add(self.phrases, tuple(written), key, variant)
                    self._add(self.phrases, tuple(lemma(w.casefold()) for w in words_of(variant)), key, variant)
                elif written[0] in stop:
                    if not variant.isupper():
                        raise KnowledgeError(WHERE, variant, "a variant that is also a common word goes in capitals")
                    self._add(self.acronyms, written[0], key, variant)
                else:
                    self._add(self.words, written[0], key, variant)
                    inflected = lemma(variant.casefold())
                    if inflected[:4] == written[0][:4]:  # « salariés » is « salarié », but « DUT » is not « devoir »
                        self._add(self.words, inflected, key, variant)
        self.ignored = frozenset(fold(w.casefold()) for w in lexicon.ignored)
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.first_words = frozenset(p[0] for p in self.phrases)

    @staticmethod
    def _add(table: Dict, entry, key: str, variant: str) -> None:
        if table.setdefault(entry, key) != key:
            raise KnowledgeError(WHERE, variant, f"also read as '{table[entry]}': keep a variant in one group only")

    def spell_out(self, text: str) -> str:
        for symbol, word in self.symbols.items():
            text = text.replace(symbol, f" {word} ")
        return text

    def read(self, written: List[str], lemmas: List[str]) -> List[Tuple[str, str]]:
        """(folded word, lemma) of each word kept: phrases merged and variants replaced by their group's word."""
        folded = [fold(w.casefold()) for w in written]
        kept, i = [], 0
        while i < len(written):
            starts = folded[i] in self.first_words or lemmas[i] in self.first_words
            for size in range(min(self.longest, len(written) - i) if starts else 1, 1, -1):
                key = self.phrases.get(tuple(folded[i : i + size])) or self.phrases.get(tuple(lemmas[i : i + size]))
                if key:
                    kept.append((key, key))
                    i += size
                    break
            else:
                word, lemma = folded[i], lemmas[i]
                key = self.words.get(word) or self.words.get(lemma)
                if key is None and written[i].isupper():
                    key = self.acronyms.get(word)
                if key:
                    kept.append((key, key))
                elif word not in self.ignored and lemma not in self.ignored:
                    kept.append((word, lemma))
                i += 1
        return kept
