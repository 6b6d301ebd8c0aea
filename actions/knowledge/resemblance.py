"""How much a message resembles each fact and its questions, or the questions the store cannot answer (TF-IDF)."""

from __future__ import annotations

from typing import Callable, Dict, List, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from actions.knowledge.folding import fold

# Lemmas (the meaning of the words) and character n-grams of the folded text (typos, missing accents), half each;
# chosen on the dev questions of tests/retrieval/questions.yml (0.3 and 0.7 ranked worse there)
LEMMA_SHARE = 0.5
CHARACTERS = (3, 5)


def _folded(text: str) -> str:
    return fold(text.casefold())


class _Terms:
    """One TF-IDF reading (sublinear counts, idf, unit length), fitted once; a message is read without
    scikit-learn's per-call checks (a search reads one short message)."""

    def __init__(self, vectorizer: TfidfVectorizer, documents: Sequence[str]):
        self.matrix = vectorizer.fit_transform(documents)
        self.analyse = vectorizer.build_analyzer()
        self.index: Dict[str, int] = vectorizer.vocabulary_
        self.idf = vectorizer.idf_

    def vector(self, text: str, share: float) -> Dict[int, float]:
        counts: Dict[int, int] = {}
        for term in self.analyse(text):
            column = self.index.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            return {}
        columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
        weights = (1 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[columns]
        weights *= share / np.linalg.norm(weights)
        return dict(zip(columns.tolist(), weights.tolist()))


class Resemblance:
    """Cosine similarity of a message to each fact, read as the centre of its text and its questions, and to the
    closest question of the domain the store cannot answer."""

    def __init__(
        self,
        texts: Sequence[str],
        questions: Sequence[Sequence[str]],
        unanswerable: Sequence[str],
        lemmatize: Callable[[str], List[str]],
    ):
        documents = [doc for text, asked in zip(texts, questions) for doc in (text, *asked)]
        owners = np.repeat(np.arange(len(texts)), [1 + len(asked) for asked in questions])
        self.lemmas = _Terms(TfidfVectorizer(analyzer=lemmatize, sublinear_tf=True), documents)
        characters = TfidfVectorizer(
            analyzer="char_wb", ngram_range=CHARACTERS, preprocessor=_folded, sublinear_tf=True, min_df=2
        )
        self.characters = _Terms(characters, documents)
        self.width = self.lemmas.matrix.shape[1]
        rows = normalize(hstack([LEMMA_SHARE * self.lemmas.matrix, (1 - LEMMA_SHARE) * self.characters.matrix]).tocsr())
        membership = csr_matrix((np.ones(len(owners)), (owners, np.arange(len(owners)))), (len(texts), rows.shape[0]))
        self.centres = normalize(membership @ rows).tocsr()
        self.unanswerable = csr_matrix([self.vector(question) for question in unanswerable]) if unanswerable else None

    def vector(self, text: str) -> np.ndarray:
        """The message as a dense unit vector over both readings."""
        vector = np.zeros(self.centres.shape[1])
        for column, weight in self.lemmas.vector(text, LEMMA_SHARE).items():
            vector[column] = weight
        for column, weight in self.characters.vector(text, 1 - LEMMA_SHARE).items():
            vector[self.width + column] = weight
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def to_facts(self, vector: np.ndarray, facts: np.ndarray) -> np.ndarray:
        """The message's similarity to each of the given facts (positions)."""
        return self.centres[facts] @ vector

    def to_unanswerable(self, vector: np.ndarray) -> float:
        """The message's similarity to the closest question the store cannot answer (0 without any)."""
        if self.unanswerable is None:
            return 0.0
        return float((self.unanswerable @ vector).max())
