"""A change anywhere in a custom component's module retrains that component instead of reusing Rasa's cache."""

import pytest
from rasa.engine.training.fingerprinting import calculate_fingerprint_key

import nlu_components
from nlu_components import gazetteer, intent_classifier, vocabulary_entities


def test_source_fingerprint_follows_the_file_content(tmp_path):
    module = tmp_path / "component.py"
    module.write_text("THRESHOLD = 0.4\n")
    before = nlu_components.source_fingerprint(str(module))
    module.write_text("THRESHOLD = 0.5\n")
    assert nlu_components.source_fingerprint(str(module)) != before


@pytest.mark.parametrize(
    "module, component",
    [
        (intent_classifier, intent_classifier.NgramIntentClassifier),
        (vocabulary_entities, vocabulary_entities.VocabularyEntityExtractor),
    ],
)
def test_rasa_cache_key_changes_with_module_code(monkeypatch, module, component):
    key = calculate_fingerprint_key(component, {}, {})
    assert calculate_fingerprint_key(component, {}, {}) == key  # stable while nothing changes
    monkeypatch.setattr(module, "source_fingerprint", lambda *_: "module edited")
    assert calculate_fingerprint_key(component, {}, {}) != key


def test_the_entity_extractor_key_follows_the_matching_code_too(monkeypatch):
    monkeypatch.setattr(vocabulary_entities, "source_fingerprint", lambda *files: "|".join(files))
    assert gazetteer.__file__ in vocabulary_entities.VocabularyEntityExtractor.fingerprint_addon({})
