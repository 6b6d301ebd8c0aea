"""The n-gram intent classifier: survives typos and missing accents, gives probabilities, saved and reloaded."""

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from nlu_components.intent_classifier import NgramIntentClassifier, normalise

EXAMPLES = {
    "ask_income": [
        "combien on gagne",
        "c'est payé combien",
        "quel salaire espérer",
        "ça rapporte combien par mois",
        "quels revenus en freelance",
        "on touche combien par tâche",
    ],
    "ask_skills": [
        "quelles compétences faut-il",
        "il faut savoir faire quoi",
        "quel niveau faut-il avoir",
        "faut-il un diplôme",
        "quelles qualités sont demandées",
        "faut-il être doué en informatique",
    ],
    "greet": ["bonjour", "salut", "coucou", "bonsoir", "hello", "bonjour à vous"],
}
CONTEXT = ExecutionContext(GraphSchema({}), "test")


def training_data(examples=EXAMPLES):
    return TrainingData(
        [Message({"text": text, "intent": intent}) for intent, texts in examples.items() for text in texts]
    )


def trained(tmp_path, examples=EXAMPLES, **config):
    storage, resource = LocalModelStorage(tmp_path), Resource("intents")
    NgramIntentClassifier.create(config, storage, resource, CONTEXT).train(training_data(examples))
    return NgramIntentClassifier.load(config, storage, resource, CONTEXT)


def classify(classifier, text):
    [message] = classifier.process([Message({"text": text})])
    return message


def test_normalise_removes_case_accents_and_curly_apostrophes():
    assert normalise("Qu’est-ce que ÇA rapporte ?") == "qu'est-ce que ca rapporte ?"


def test_a_misspelt_message_without_accents_finds_its_intent(tmp_path):
    assert classify(trained(tmp_path), "ca raporte combien ?").get("intent")["name"] == "ask_income"


@pytest.mark.parametrize("text, intent", [("cb ?", "ask_income"), ("fo koi", "ask_skills")])
def test_a_message_in_sms_spelling_reads_as_written_out(tmp_path, text, intent):
    assert classify(trained(tmp_path), text).get("intent")["name"] == intent
    assert classify(trained(tmp_path), "faut il un diplome").get("intent")["name"] == "ask_skills"


def test_confidences_are_probabilities_sorted_with_the_intent_first(tmp_path):
    message = classify(trained(tmp_path), "quelles competences faut il")
    ranking = message.get("intent_ranking")
    confidences = [entry["confidence"] for entry in ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0, abs=1e-6)
    assert message.get("intent") == ranking[0] and ranking[0]["name"] == "ask_skills"


def test_a_lower_temperature_makes_the_model_surer(tmp_path_factory):
    def confidence(temperature):
        model = trained(tmp_path_factory.mktemp("model"), temperature=temperature)
        return classify(model, "combien on gagne par mois").get("intent")["confidence"]

    sure, unsure = confidence(0.05), confidence(1.0)
    assert sure > unsure


def test_reloaded_model_gives_the_same_confidences(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("intents")
    fresh = NgramIntentClassifier.create({}, storage, resource, CONTEXT)
    fresh.train(training_data())
    reloaded = NgramIntentClassifier.load({}, storage, resource, CONTEXT)
    texts = ["combien ça paye", "salut toi", "quelles competences"]
    assert reloaded.labels == fresh.labels == sorted(EXAMPLES)
    assert reloaded.confidences(texts) == pytest.approx(fresh.confidences(texts))


def test_scores_are_those_of_sklearns_own_pipeline(tmp_path):
    texts = [t for ts in EXAMPLES.values() for t in ts]
    intents = [i for i, ts in EXAMPLES.items() for _ in ts]
    vectorizers = [
        TfidfVectorizer(
            preprocessor=normalise,
            analyzer=analyzer,
            ngram_range=ngrams,
            sublinear_tf=True,
            token_pattern=r"(?u)\b\w+\b",
        ).fit(texts)
        for analyzer, ngrams in (("char_wb", (1, 5)), ("word", (1, 2)))
    ]

    def features(batch):
        return scipy.sparse.hstack([v.transform(batch) for v in vectorizers]).tocsr()

    model = LinearSVC(C=2.0, random_state=42).fit(features(texts), intents)
    unseen = ["Combien ça PAYE ?", "faut il etre bon en info", "coucou toi", "", "zzz", "quel diplôme et quel salaire"]
    assert trained(tmp_path).decision_scores(unseen) == pytest.approx(
        model.decision_function(features(unseen)), abs=1e-4
    )


def test_two_intents_get_one_score_each(tmp_path):
    two = {name: EXAMPLES[name] for name in ("ask_income", "greet")}
    message = classify(trained(tmp_path, two), "bonjour à tous")
    assert message.get("intent")["name"] == "greet"
    assert {entry["name"] for entry in message.get("intent_ranking")} == {"ask_income", "greet"}


def test_a_message_without_words_gets_no_intent(tmp_path):
    message = classify(trained(tmp_path), "   ")
    assert message.get("intent") == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") is None


def test_untrained_component_leaves_a_message_without_intent(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("intents")
    NgramIntentClassifier.create({}, storage, resource, CONTEXT).train(TrainingData([]))
    classifier = NgramIntentClassifier.load({}, storage, resource, CONTEXT)
    assert classify(classifier, "bonjour").get("intent") == {"name": None, "confidence": 0.0}


def test_a_temperature_that_is_not_positive_is_refused_with_the_fix(tmp_path):
    with pytest.raises(ValueError, match="temperature must be above 0.*config.yml"):
        NgramIntentClassifier({"temperature": 0}, LocalModelStorage(tmp_path), Resource("intents"))


def test_the_project_settings_are_those_of_config_yml():
    import yaml

    from tests.conftest import ROOT

    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    [settings] = [c for c in pipeline if c["name"].endswith("NgramIntentClassifier")]
    assert {k: v for k, v in settings.items() if k != "name"} == {"C": 2.0, "temperature": 0.2, "random_seed": 42}
    assert np.isclose(NgramIntentClassifier.get_default_config()["C"], settings["C"])
