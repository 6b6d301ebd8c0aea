"""The blended intent classifier: a second opinion that survives typos and missing accents, saved and reloaded."""
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from nlu_components.intent_blend import BlendedIntentClassifier, normalise

EXAMPLES = {
    "ask_income": ["combien on gagne", "c'est payé combien", "quel salaire espérer", "ça rapporte combien par mois",
                   "quels revenus en freelance", "on touche combien par tâche"],
    "ask_skills": ["quelles compétences faut-il", "il faut savoir faire quoi", "quel niveau faut-il avoir",
                   "faut-il un diplôme", "quelles qualités sont demandées", "faut-il être doué en informatique"],
    "greet": ["bonjour", "salut", "coucou", "bonsoir", "hello", "bonjour à vous"],
}
CONTEXT = ExecutionContext(GraphSchema({}), "test")


def training_data():
    return TrainingData([Message({"text": text, "intent": intent}) for intent, texts in EXAMPLES.items() for text in texts])


def trained(tmp_path, **config):
    storage, resource = LocalModelStorage(tmp_path), Resource("blend")
    BlendedIntentClassifier.create(config, storage, resource, CONTEXT).train(training_data())
    return BlendedIntentClassifier.load(config, storage, resource, CONTEXT)


def message(text, diet):
    ranking = [{"name": name, "confidence": confidence} for name, confidence in diet.items()]
    return Message({"text": text, "intent": ranking[0], "intent_ranking": ranking})


def test_normalise_removes_case_accents_and_curly_apostrophes():
    assert normalise("Qu’est-ce que ÇA rapporte ?") == "qu'est-ce que ca rapporte ?"


def test_a_misspelt_message_is_rescued_when_diet_hesitates(tmp_path):
    blend = trained(tmp_path)
    [result] = blend.process([message("ca raporte combien ?", {"greet": 0.5, "ask_income": 0.3, "ask_skills": 0.2})])
    assert result.get("intent")["name"] == "ask_income"
    assert result.get("intent_ranking")[0] == result.get("intent")


def test_confidences_stay_probabilities(tmp_path):
    blend = trained(tmp_path)
    [result] = blend.process([message("faut il un diplome", {"ask_skills": 0.9, "greet": 0.06, "ask_income": 0.04})])
    confidences = [entry["confidence"] for entry in result.get("intent_ranking")]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0, abs=1e-6)
    assert result.get("intent")["name"] == "ask_skills"


def test_diet_weight_one_keeps_diet_decision(tmp_path):
    blend = trained(tmp_path, diet_weight=1.0)
    [result] = blend.process([message("combien on gagne", {"greet": 0.6, "ask_income": 0.4})])
    assert result.get("intent") == {"name": "greet", "confidence": pytest.approx(0.6)}


def test_reloaded_model_gives_the_same_probabilities(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("blend")
    fresh = BlendedIntentClassifier.create({}, storage, resource, CONTEXT)
    fresh.train(training_data())
    reloaded = BlendedIntentClassifier.load({}, storage, resource, CONTEXT)
    texts = ["combien ça paye", "salut toi", "quelles competences"]
    assert reloaded.labels == fresh.labels == sorted(EXAMPLES)
    assert reloaded.regression_probabilities(texts) == pytest.approx(fresh.regression_probabilities(texts))


def test_probabilities_are_those_of_sklearns_own_pipeline(tmp_path):
    texts = [t for ts in EXAMPLES.values() for t in ts]
    intents = [i for i, ts in EXAMPLES.items() for _ in ts]
    vectorizers = [TfidfVectorizer(preprocessor=normalise, analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True,
                                   token_pattern=r"(?u)\b\w+\b").fit(texts)
                   for analyzer, ngrams in (("char_wb", (1, 5)), ("word", (1, 2)))]
    features = lambda batch: scipy.sparse.hstack([v.transform(batch) for v in vectorizers]).tocsr()
    regression = LogisticRegression(C=100.0, max_iter=5000).fit(features(texts), intents)
    unseen = ["Combien ça PAYE ?", "faut il etre bon en info", "coucou toi", "", "zzz", "quel diplôme et quel salaire"]
    assert trained(tmp_path).regression_probabilities(unseen) == pytest.approx(
        regression.predict_proba(features(unseen)), abs=1e-4)


def test_messages_without_text_or_diet_ranking_are_left_alone(tmp_path):
    blend = trained(tmp_path)
    empty = Message({"text": "   ", "intent": {"name": "greet", "confidence": 1.0}})
    button = Message({"text": "/greet", "intent": {"name": "greet", "confidence": 1.0}})
    blend.process([empty, button])
    assert empty.get("intent") == {"name": "greet", "confidence": 1.0} and empty.get("intent_ranking") is None
    assert button.get("intent_ranking") is None


def test_untrained_component_passes_diet_on(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("blend")
    BlendedIntentClassifier.create({}, storage, resource, CONTEXT).train(TrainingData([]))
    blend = BlendedIntentClassifier.load({}, storage, resource, CONTEXT)
    [result] = blend.process([message("bonjour", {"greet": 0.7, "ask_income": 0.3})])
    assert result.get("intent") == {"name": "greet", "confidence": 0.7}


def test_a_weight_outside_zero_one_is_refused_with_the_fix(tmp_path):
    with pytest.raises(ValueError, match="diet_weight must be between 0 and 1.*config.yml"):
        BlendedIntentClassifier({"diet_weight": 1.5}, LocalModelStorage(tmp_path), Resource("blend"))
