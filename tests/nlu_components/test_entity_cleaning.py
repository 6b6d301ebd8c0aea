"""Stray words tagged as entities are dropped; real entities keep their canonical value."""
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from nlu_components.entity_cleaning import CleaningSynonymMapper

CONFIG = {"closed": {"concept": ["microwork", "freelancing"]}, "open": {"platform": ["malt", "cremedelacreme"]},
          "min_open_confidence": 0.9}


def mapper(tmp_path):
    synonyms = {"freelance": "freelancing", "micro-travail": "microwork", "crème de la crème": "cremedelacreme"}
    return CleaningSynonymMapper(CONFIG, LocalModelStorage(tmp_path), Resource("mapper"), synonyms)


def entities(tmp_path, *found):
    message = Message({"text": "…", "entities": [
        {"entity": e, "value": v, "confidence_entity": c, "extractor": "DIETClassifier"} for e, v, c in found]})
    return [(e["entity"], e["value"]) for e in mapper(tmp_path).process([message])[0].get("entities")]


def test_canonical_values_and_synonyms_are_kept(tmp_path):
    assert entities(tmp_path, ("concept", "freelance", 0.99), ("platform", "malt", 0.99)) == [
        ("concept", "freelancing"), ("platform", "malt")]


def test_stray_words_in_closed_types_are_dropped(tmp_path):
    assert entities(tmp_path, ("concept", "au", 0.99), ("concept", "travail", 0.99), ("concept", "-", 0.99)) == []


def test_punctuation_is_trimmed_before_the_synonym_lookup(tmp_path):
    assert entities(tmp_path, ("platform", "Crème de la Crème,", 0.99)) == [("platform", "cremedelacreme")]


def test_unknown_platform_names_need_confidence_and_a_real_name(tmp_path):
    assert entities(tmp_path, ("platform", "Kolabtree", 0.97)) == [("platform", "Kolabtree")]
    assert entities(tmp_path, ("platform", "Kolabtree", 0.5)) == []
    assert entities(tmp_path, ("platform", "ya", 0.99)) == []
    assert entities(tmp_path, ("platform", "les", 0.99)) == []


def test_repeated_entities_are_kept_once(tmp_path):
    assert entities(tmp_path, ("concept", "freelance", 0.99), ("concept", "freelancing", 0.99)) == [
        ("concept", "freelancing")]
