"""Intent classifier that blends DIET's ranking with a character n-gram logistic regression."""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from typing import Any, Dict, List, Optional, Text

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from nlu_components import source_fingerprint

ANALYZERS = {"char": "char_wb", "word": "word"}
WEIGHTS_FILE, VOCABULARY_FILE = "weights.npz", "vocabulary.json"


def normalise(text: Text) -> Text:
    """Lower case, no accents, one kind of apostrophe: "Qu’est-ce" and "qu'est ce" look alike."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class BlendedIntentClassifier(IntentClassifier, GraphComponent):
    """Second opinion on DIET's intent, for short, misspelt or accent-free messages.

    A logistic regression on TF-IDF character n-grams (within words) and word n-grams of the
    normalised text is trained on the same examples. Each intent's confidence becomes
    `diet_weight` × DIET's confidence + (1 − `diet_weight`) × the regression's probability, so it
    stays a probability and FallbackClassifier's threshold keeps its meaning. DIET's entities
    are left untouched. Put it right after DIETClassifier, with DIET's `ranking_length: 0`
    so that every intent's confidence reaches it. Weights are stored as plain arrays, no pickle.
    """

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        return source_fingerprint(__file__)  # retrain when any code of this module changes

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"diet_weight": 0.3, "char_ngram_range": [1, 5], "word_ngram_range": [1, 2],
                "C": 100.0, "max_iter": 5000, "ranking_length": 10}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 vocabularies: Optional[Dict[Text, Dict[Text, int]]] = None,
                 weights: Optional[Dict[Text, np.ndarray]] = None, labels: Optional[List[Text]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        if not 0.0 <= self._config["diet_weight"] <= 1.0:
            raise ValueError(f"BlendedIntentClassifier: diet_weight must be between 0 and 1, "
                             f"got {self._config['diet_weight']!r} (fix it in config.yml)")
        self._model_storage, self._resource = model_storage, resource
        self._vocabularies = vocabularies or {}
        self._weights = weights or {}
        self._labels = labels or []
        self._prepare_inference()

    def _prepare_inference(self) -> None:
        """Per message, sklearn's transform costs ~1 ms; its analyzers plus a dictionary lookup cost ~0.1 ms."""
        self._tables, offset = [], 0
        for kind in ANALYZERS if self._weights else ():
            vocabulary = self._vocabularies[kind]
            self._tables.append((self._new_vectorizer(kind).build_analyzer(), vocabulary,
                                 self._weights[f"idf_{kind}"], offset))
            offset += len(vocabulary)
        # features × intents, as the product needs it (converting on every message cost ~3.5 ms)
        self._coef_t = np.ascontiguousarray(self._weights["coef"].T, dtype=np.float64) if self._weights else None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "BlendedIntentClassifier":
        return cls(config, model_storage, resource)

    def _new_vectorizer(self, kind: Text) -> TfidfVectorizer:
        return TfidfVectorizer(preprocessor=normalise, analyzer=ANALYZERS[kind], sublinear_tf=True,
                               ngram_range=tuple(self._config[f"{kind}_ngram_range"]),
                               token_pattern=r"(?u)\b\w+\b")

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        texts, intents = [m.get(TEXT) for m in examples], [m.get(INTENT) for m in examples]
        if len(set(intents)) < 2:
            return self._resource  # nothing to learn: DIET's ranking is passed on unchanged
        vectorizers = {kind: self._new_vectorizer(kind).fit(texts) for kind in ANALYZERS}
        features = scipy.sparse.hstack([vectorizers[kind].transform(texts) for kind in ANALYZERS]).tocsr()
        regression = LogisticRegression(C=self._config["C"], max_iter=self._config["max_iter"]).fit(features, intents)
        self._labels = [str(label) for label in regression.classes_]
        self._vocabularies = {kind: {term: int(i) for term, i in vec.vocabulary_.items()}
                              for kind, vec in vectorizers.items()}
        self._weights = {"coef": regression.coef_.astype(np.float32), "intercept": regression.intercept_,
                         **{f"idf_{kind}": vec.idf_ for kind, vec in vectorizers.items()}}
        self._prepare_inference()
        self._persist()
        return self._resource

    def _persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            np.savez_compressed(directory / WEIGHTS_FILE, **self._weights)
            (directory / VOCABULARY_FILE).write_text(
                json.dumps({"labels": self._labels, **self._vocabularies}, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "BlendedIntentClassifier":
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as stored:
                    weights = {key: stored[key] for key in stored.files}
                saved = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            return component  # trained without examples: passes DIET's ranking on
        vocabularies = {kind: saved[kind] for kind in ANALYZERS}
        return cls(config, model_storage, resource, vocabularies, weights, saved["labels"])

    def regression_probabilities(self, texts: List[Text]) -> np.ndarray:
        """The logistic regression's probabilities, one row per text, columns in `labels` order."""
        scores = np.vstack([self._scores(text) for text in texts]) + self._weights["intercept"]
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def _scores(self, text: Text) -> np.ndarray:
        """TF-IDF exactly as sklearn computes it (1 + log tf, × idf, unit length per analyzer) times the weights."""
        scores = np.zeros(len(self._labels))
        for analyzer, vocabulary, idf, offset in self._tables:
            counts = Counter(index for term in analyzer(text) if (index := vocabulary.get(term)) is not None)
            if not counts:
                continue
            indices = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[indices]
            scores += (values / np.linalg.norm(values)) @ self._coef_t[offset + indices]
        return scores

    @property
    def labels(self) -> List[Text]:
        return list(self._labels)

    def process(self, messages: List[Message]) -> List[Message]:
        rated = [m for m in messages if self._labels and (m.get(TEXT) or "").strip() and m.get(INTENT_RANKING_KEY)]
        if not rated:
            return messages
        probabilities = self.regression_probabilities([m.get(TEXT) for m in rated])
        weight = self._config["diet_weight"]
        for message, row in zip(rated, probabilities):
            diet = {entry["name"]: entry["confidence"] for entry in message.get(INTENT_RANKING_KEY)}
            regression = dict(zip(self._labels, row.tolist()))
            blended = [{"name": name, "confidence": weight * diet.get(name, 0.0) + (1 - weight) * regression.get(name, 0.0)}
                       for name in sorted(set(diet) | set(regression))]
            blended.sort(key=lambda entry: -entry["confidence"])
            if self._config["ranking_length"] > 0:
                blended = blended[: self._config["ranking_length"]]
            message.set(INTENT, dict(blended[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, blended, add_to_output=True)
        return messages
