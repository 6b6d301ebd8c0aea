"""Finds known names in French text, tolerant of case, accents, spacing, hyphens and small typos."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from os.path import commonprefix
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

WORD = re.compile(r"[^\W_]+")  # letters and digits; "portage_salarial" is two words
MAX_WORDS = 5  # the longest spelling, "les tacherons du clic", has 4 words
# Edits tolerated by length of the squeezed spelling: short names must be exact ("malt", "wirk", "acre").
TYPO_LENGTHS = ((9, 2), (5, 1))
SHORT_NAME_MIN_LENGTH = 4  # where a name is expected, words this long may still be a typo of one
# Words after which an ordinary word such as « codeur » or « 5 euros » names a platform.
# Short words a typo-tolerant match may not start or end on: "de micro-travail" is not a typo of "micro-travail".
FUNCTION_WORDS = frozenset(
    "a au aux c ce d de des du en et est il ils j je l la le les m me mes mon n ne ou par "
    "pas pour qu que qui s sa se ses son sur t ta te tes ton tu un une vos votre y".split()
)
PLATFORM_CUES = frozenset(
    "sur via plateforme plateformes site sites appli application chez avec inscrit inscrite "
    "compte ou et vs versus entre".split()
)
# Words that list names side by side: « Freelancer ou Upwork », « Freelancer, Malt et Codeur »
LIST_WORDS = frozenset("ou et vs versus ni".split())


def fold_char(char: str) -> str:
    """One character lower-cased and without its accent ("É" -> "e"), possibly empty or longer ("ß" -> "ss")."""
    decomposed = unicodedata.normalize("NFKD", char.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folded_words(text: str) -> str:
    """The text's folded words, one space apart: what the pipeline's rules match their word lists against."""
    return " ".join(word for word, _, _ in words(text))


def words(text: str) -> List[Tuple[str, int, int]]:
    """Folded words with their start and end offsets in the original text."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            origin.append(index)
    folded_text = "".join(folded)
    return [(m.group(), origin[m.start()], origin[m.end() - 1] + 1) for m in WORD.finditer(folded_text)]


def squeeze(text: str) -> str:
    """The spelling as a key: folded, without spaces or punctuation ("Micro-Tâches" -> "microtaches")."""
    return "".join(word for word, _, _ in words(text))


def squeeze_keeping_accents(text: str) -> str:
    """Lower case without spaces or punctuation, accents kept ("Retraité" -> "retraité")."""
    return "".join(WORD.findall(unicodedata.normalize("NFC", text.casefold())))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), or limit + 1 when it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
    return current[-1]


# French sound-alike spellings, applied in order to a squeezed key: « mikro travaye » and « microtravail »,
# « fri lanse » and « freelance » share one key. Only used for long keys, where a collision is unlikely.
PHONETIC_RULES = (
    (r"ee", "i"),
    (r"ph", "f"),
    (r"qu", "k"),
    (r"ch", "§"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"y", "i"),
    (r"(aille|aye|ail|ay)", "ai"),
    (r"ille", "i"),
    (r"(ai|ei)", "e"),
    (r"(eau|au)", "o"),
    (r"(en|em|am)", "an"),
    (r"z", "s"),
    (r"h", ""),
    (r"(.)\1+", r"\1"),
    (r"[estdx]+$", ""),
)
PHONETIC_MIN_LENGTH = 6


def phonetic(key: str) -> str:
    """A squeezed key reduced to how it sounds in French (see PHONETIC_RULES)."""
    for pattern, replacement in PHONETIC_RULES:
        key = re.sub(pattern, replacement, key)
    return key


def deletions(key: str, depth: int) -> Set[str]:
    """Every string made by deleting up to `depth` characters (the symmetric-deletion typo index)."""
    found, frontier = {key}, {key}
    for _ in range(depth):
        frontier = {word[:i] + word[i + 1 :] for word in frontier for i in range(len(word))}
        found |= frontier
    return found


def typo_budget(key: str) -> int:
    return next((edits for length, edits in TYPO_LENGTHS if len(key) >= length), 0)


@dataclass(frozen=True)
class Name:
    entity: str
    value: str
    needs_context: bool = False  # also an ordinary word: a platform only after a cue or capitalised


@dataclass(frozen=True)
class Match:
    entity: str
    value: str
    start: int
    end: int
    text: str
    edits: int
    key: str


class Gazetteer:
    """Spellings of each entity value; `find` returns the longest, closest, non-overlapping matches."""

    def __init__(
        self,
        spellings: Iterable[Tuple[str, Name]],
        ordinary_words: Iterable[str] = (),
        dictionary: FrozenSet[str] = frozenset(),
    ) -> None:
        # words people use for something else ("relance", "partage"): never read as a typo of a name
        self.ordinary_words = frozenset(ordinary_words)
        # the language's words (« appel », « total »): a typo of a name only as its inflection (« mineurs »)
        self.dictionary = dictionary
        self.names: Dict[str, Name] = {}  # spellings that always name their value
        self.context_names: Dict[str, Name] = {}  # ordinary words naming a platform only in context
        spellings = list(spellings)
        for spelling, name in spellings:
            key = squeeze(spelling)
            if key:
                (self.context_names if name.needs_context else self.names).setdefault(key, name)
        # « retraité » (a situation) and « retraite » (a legal topic) share a key: the accents, when typed, tell
        self._by_accents: Dict[str, Name] = {
            squeeze_keeping_accents(spelling): name
            for spelling, name in spellings
            if not name.needs_context and self.names.get(squeeze(spelling), name) != name
        }
        self._typos: Dict[str, Set[str]] = {}
        self._sounds: Dict[str, Set[str]] = {}
        for key in self.names:
            for variant in deletions(key, typo_budget(key)):
                self._typos.setdefault(variant, set()).add(key)
            if len(key) >= PHONETIC_MIN_LENGTH:
                self._sounds.setdefault(phonetic(key), set()).add(key)

    def _lookup(self, key: str) -> Optional[Tuple[str, int]]:
        if key in self.names or key in self.context_names:
            return key, 0
        budget = typo_budget(key)
        if not budget:
            return None
        return self._closest_spelling(key, budget) or self._sound_alike(key, budget)

    def _sound_alike(self, key: str, budget: int) -> Optional[Tuple[str, int]]:
        """A name spelt as it sounds (« frilans »), when exactly one name sounds so; counted as `budget` edits."""
        if len(key) < PHONETIC_MIN_LENGTH:
            return None
        known = self._sounds.get(phonetic(key), set())
        values = {self.names[k] for k in known}
        return (sorted(known)[0], budget) if len(values) == 1 else None

    def _closest_spelling(self, key: str, budget: int) -> Optional[Tuple[str, int]]:
        # a digit is never a typo: « commissions » is not « 0 commission »
        candidates = {
            known
            for variant in deletions(key, budget)
            for known in self._typos.get(variant, ())
            if _digits(known) == _digits(key)
        }
        scored = sorted((edit_distance(key, known, min(budget, typo_budget(known))), known) for known in candidates)
        scored = [(edits, known) for edits, known in scored if edits <= min(budget, typo_budget(known))]
        if not scored or (
            len(scored) > 1 and scored[1][0] == scored[0][0] and self.names[scored[1][1]] != self.names[scored[0][1]]
        ):
            return None  # no close spelling, or two different names equally close
        return scored[0][1], scored[0][0]

    def closest_name(self, word: str, entity: str, budget: int) -> Optional[Name]:
        """The one name of `entity` within `budget` edits of a word of at least four letters, where that entity is
        expected (the usual typo budget leaves short names alone)."""
        key = squeeze(word)
        if len(key) < SHORT_NAME_MIN_LENGTH:
            return None
        close = {
            self.names[known]
            for known in self.names
            if self.names[known].entity == entity
            and _digits(known) == _digits(key)
            and abs(len(known) - len(key)) <= budget
            and edit_distance(key, known, budget) <= budget
        }
        return close.pop() if len(close) == 1 else None

    def find(self, text: str, platform_expected: bool = False) -> List[Match]:
        """Exact spellings first (leftmost, longest), then close misspellings in the words left over.

        `platform_expected` (the message asks about a platform) reads ordinary words that name a platform as
        that platform wherever they stand (« codeur c'est fiable ? »).
        """
        tokens = words(text)
        taken = [False] * len(tokens)
        found: List[Match] = []
        for exact in (True, False):
            i = 0
            while i < len(tokens):
                match = None if taken[i] else self._longest_at(text, tokens, taken, i, exact)
                if match is None:
                    i += 1
                    continue
                found.append(match[0])
                taken[i : i + match[1]] = [True] * match[1]
                i += match[1]
        found.sort(key=lambda m: m.start)
        return [resolved for m in found if (resolved := self._resolve(m, found, tokens, platform_expected)) is not None]

    def _longest_at(
        self, text: str, tokens: Sequence[Tuple[str, int, int]], taken: Sequence[bool], i: int, exact: bool
    ) -> Optional[Tuple[Match, int]]:
        for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
            if any(taken[i : i + n]):
                continue
            span = [word for word, _, _ in tokens[i : i + n]]
            if not exact and (
                span[0] in FUNCTION_WORDS
                or span[-1] in FUNCTION_WORDS
                or all(word in self.ordinary_words for word in span)
            ):
                continue
            key = "".join(span)
            hit = (
                (key, 0)
                if exact and (key in self.names or key in self.context_names)
                else (None if exact else self._lookup(key))
            )
            if hit is None:
                continue
            known, edits = hit
            if edits and all(word in self.dictionary for word in span) and not _inflected(key, known):
                continue
            start, end = tokens[i][1], tokens[i + n - 1][2]
            name = (
                self._by_accents.get(squeeze_keeping_accents(text[start:end]))
                or self.names.get(known)
                or self.context_names[known]
            )
            return Match(name.entity, name.value, start, end, text[start:end], edits, known), n
        return None

    def _resolve(self, match: Match, found: Sequence[Match], tokens, platform_expected: bool) -> Optional[Match]:
        """An ordinary word (« codeur ») is its platform after a cue word, capitalised, or listed with another."""
        name = self.context_names.get(match.key) if match.edits == 0 else None
        if name is None:
            return match
        before = [word for word, _, end in tokens if end <= match.start][-1:]
        in_context = (
            platform_expected
            or (match.text[:1].isupper() and match.start > 0)
            or bool(before and before[0] in PLATFORM_CUES)
            or any(
                other is not match and other.entity == name.entity and _listed_together(match, other, tokens)
                for other in found
            )
        )
        if in_context:
            return Match(name.entity, name.value, match.start, match.end, match.text, 0, match.key)
        plain = self.names.get(match.key)
        return (
            None
            if plain is None
            else Match(plain.entity, plain.value, match.start, match.end, match.text, 0, match.key)
        )


INFLECTIONS = frozenset({"", "s", "x", "e", "es", "r", "er", "ee", "ees"})  # folded: « ée » is « ee »


def _inflected(word: str, spelling: str) -> bool:
    """Whether a word is the spelling with another ending of French grammar (« mineurs », « déclarés »)."""
    shared = len(commonprefix([word, spelling]))
    return word[shared:] in INFLECTIONS and spelling[shared:] in INFLECTIONS


def _digits(key: str) -> str:
    return "".join(char for char in key if char.isdigit())


def _listed_together(one: Match, other: Match, tokens: Sequence[Tuple[str, int, int]]) -> bool:
    """Two names with nothing but commas or list words between them (« je suis freelancer sur Malt »: no)."""
    first, second = sorted((one, other), key=lambda m: m.start)
    between = [word for word, start, end in tokens if first.end <= start and end <= second.start]
    return all(word in LIST_WORDS for word in between)
