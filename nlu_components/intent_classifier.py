"""Intent classifier: a linear model on character and word n-grams of the accent-folded text."""

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
from sklearn.svm import LinearSVC

from nlu_components import BuiltFromConfig, sms, source_fingerprint

ANALYZERS = {"char": "char_wb", "word": "word"}
WEIGHTS_FILE, VOCABULARY_FILE = "weights.npz", "vocabulary.json"


def normalise(text: Text) -> Text:
    """Lower case, no accents, one kind of apostrophe: "Qu’est-ce" and "qu'est ce" look alike."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


def prepared(text: Text) -> Text:
    """What the n-grams are taken from: the normalised text, SMS spellings written out (« cb » -> « combien »)."""
    return sms.written_out(normalise(text))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class NgramIntentClassifier(BuiltFromConfig, IntentClassifier, GraphComponent):
    """Intents from TF-IDF character n-grams (within words) and word n-grams of the normalised text.

    A linear support vector machine (scikit-learn's LinearSVC) learns one score per intent; the scores become
    confidences with a softmax at `temperature`, so they sum to 1 and FallbackClassifier's threshold applies.
    Character n-grams carry typos and missing accents ("ca raporte combien"); training takes about a second on
    this project's examples, a prediction about 0.1 ms, and no TensorFlow is involved.
    Weights are stored as plain arrays (npz and JSON), no pickle.
    """

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        return source_fingerprint(__file__, sms.__file__)  # retrain when any code of this module changes

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "char_ngram_range": [1, 5],
            "word_ngram_range": [1, 2],
            "C": 2.0,
            "temperature": 0.2,
            "random_seed": 42,
            "ranking_length": 10,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabularies: Optional[Dict[Text, Dict[Text, int]]] = None,
        weights: Optional[Dict[Text, np.ndarray]] = None,
        labels: Optional[List[Text]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        if not self._config["temperature"] > 0:
            raise ValueError(
                f"NgramIntentClassifier: temperature must be above 0, "
                f"got {self._config['temperature']!r} (fix it in config.yml)"
            )
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
            self._tables.append(
                (self._new_vectorizer(kind).build_analyzer(), vocabulary, self._weights[f"idf_{kind}"], offset)
            )
            offset += len(vocabulary)
        # features × intents, as the product needs it (converting on every message cost ~3.5 ms)
        self._coef_t = np.ascontiguousarray(self._weights["coef"].T, dtype=np.float64) if self._weights else None

    def _new_vectorizer(self, kind: Text) -> TfidfVectorizer:
        return TfidfVectorizer(
            preprocessor=prepared,
            analyzer=ANALYZERS[kind],
            sublinear_tf=True,
            ngram_range=tuple(self._config[f"{kind}_ngram_range"]),
            token_pattern=r"(?u)\b\w+\b",
        )

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        texts, intents = [m.get(TEXT) for m in examples], [m.get(INTENT) for m in examples]
        if len(set(intents)) < 2:
            return self._resource  # nothing to tell apart: messages keep the intent they have
        vectorizers = {kind: self._new_vectorizer(kind).fit(texts) for kind in ANALYZERS}
        features = scipy.sparse.hstack([vectorizers[kind].transform(texts) for kind in ANALYZERS]).tocsr()
        model = LinearSVC(C=self._config["C"], random_state=self._config["random_seed"]).fit(features, intents)
        self._labels = [str(label) for label in model.classes_]
        coef, intercept = model.coef_, model.intercept_
        if len(self._labels) == 2:  # sklearn keeps one score for two classes: make it one per intent
            coef, intercept = np.vstack([-coef[0], coef[0]]) / 2, np.array([-intercept[0], intercept[0]]) / 2
        self._vocabularies = {
            kind: {term: int(i) for term, i in vec.vocabulary_.items()} for kind, vec in vectorizers.items()
        }
        self._weights = {
            "coef": coef.astype(np.float32),
            "intercept": intercept,
            **{f"idf_{kind}": vec.idf_ for kind, vec in vectorizers.items()},
        }
        self._prepare_inference()
        self._persist()
        return self._resource

    def _persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            np.savez_compressed(directory / WEIGHTS_FILE, **self._weights)
            (directory / VOCABULARY_FILE).write_text(
                json.dumps({"labels": self._labels, **self._vocabularies}, ensure_ascii=False), encoding="utf-8"
            )

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "NgramIntentClassifier":
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as directory:
                with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as stored:
                    weights = {key: stored[key] for key in stored.files}
                saved = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except (ValueError, FileNotFoundError):
            return component  # trained without examples: messages keep the intent they have
        vocabularies = {kind: saved[kind] for kind in ANALYZERS}
        return cls(config, model_storage, resource, vocabularies, weights, saved["labels"])

    def decision_scores(self, texts: List[Text]) -> np.ndarray:
        """The model's score of each intent, one row per text, columns in `labels` order."""
        return np.vstack([self._scores(text) for text in texts]) + self._weights["intercept"]

    def confidences(self, texts: List[Text]) -> np.ndarray:
        """Softmax of the scores at the configured temperature: one probability row per text."""
        scores = self.decision_scores(texts) / self._config["temperature"]
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
        """Sets every message's intent and ranking; a text without words gets no intent (confidence 0)."""
        for message in messages:
            if not message.get(INTENT):  # FallbackClassifier, next in the pipeline, expects one
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
        rated = [m for m in messages if self._labels and (m.get(TEXT) or "").strip()]
        if not rated:
            return messages
        for message, row in zip(rated, self.confidences([m.get(TEXT) for m in rated])):
            ranking = sorted(
                ({"name": name, "confidence": float(p)} for name, p in zip(self._labels, row)),
                key=lambda entry: -entry["confidence"],
            )
            if self._config["ranking_length"] > 0:
                ranking = ranking[: self._config["ranking_length"]]
            message.set(INTENT, dict(ranking[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
