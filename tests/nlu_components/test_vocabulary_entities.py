"""Names of the knowledge store found in French text: spellings, typos, context words, intents, unknown platforms."""

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.gazetteer import Gazetteer, Name, edit_distance, squeeze, words
from nlu_components.vocabulary_entities import VocabularyEntityExtractor, names_from_lookup_tables

CONTEXT = ExecutionContext(GraphSchema({}), "test")
LOOKUPS = [
    {"name": "concept:microwork", "elements": ["micro-travail", "micro-tâches", "travail du clic"]},
    {"name": "concept:freelancing", "elements": ["freelance", "freelancer", "indépendant"]},
    {"name": "platform:malt", "elements": ["malt", "malt.fr"]},
    {"name": "platform:clickworker", "elements": ["clickworker"]},
    {"name": "platform:codeur", "elements": ["Codeur.com"]},
    {"name": "platform:codeur:context", "elements": ["codeur"]},
    {"name": "platform:freelancer:context", "elements": ["freelancer"]},
    {"name": "legal_topic:declaration", "elements": ["impôts", "déclarer"]},
    {"name": "some_other_table", "elements": ["ignored"]},
]


def example(text, intent, *entities):
    return Message(
        {
            "text": text,
            "intent": intent,
            "entities": [
                {"entity": e, "value": v, "start": text.index(w), "end": text.index(w) + len(w)} for e, v, w in entities
            ],
        }
    )


TRAINING = [
    example("c'est quoi le micro-travail", "ask_definition", ("concept", "microwork", "micro-travail")),
    example("tu connais malt ?", "ask_platform_info", ("platform", "malt", "malt")),
    example("tu connais clickworker", "ask_platform_info", ("platform", "clickworker", "clickworker")),
    example("comment déclarer mes impôts", "ask_legal_status", ("legal_topic", "declaration", "déclarer")),
    example("combien on gagne, avant impôts ?", "ask_income"),
    example("le salaire net après impôts", "ask_income"),
]


@pytest.fixture
def extractor(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("vocabulary")
    VocabularyEntityExtractor.create({}, storage, resource, CONTEXT).train(
        TrainingData(TRAINING, lookup_tables=LOOKUPS)
    )
    return VocabularyEntityExtractor.load({}, storage, resource, CONTEXT)


def found(extractor, text, intent="ask_definition"):
    return [(e["entity"], e["value"]) for e in extractor.entities(text, intent)]


def test_spellings_ignore_case_accents_spaces_and_hyphens(extractor):
    for text in ("c'est quoi le MICRO TRAVAIL", "le microtravail ?", "des micro taches", "le Travail-du-clic"):
        assert found(extractor, text) == [("concept", "microwork")], text


def test_small_typos_are_forgiven_in_long_names_only(extractor):
    assert found(extractor, "c'est quoi le micro-travial") == [("concept", "microwork")]
    assert found(extractor, "le freelnce c'est bien ?") == [("concept", "freelancing")]
    assert found(extractor, "c'est quoi mlt", "ask_platform_info") == []  # four letters: exact only


def test_a_typo_match_does_not_swallow_the_words_around_it(extractor):
    [entity] = extractor.entities("faire du micro-travail le soir", "ask_definition")
    assert "faire du micro-travail le soir"[entity["start"] : entity["end"]] == "micro-travail"


def test_an_ordinary_word_names_a_platform_only_in_context(extractor):
    assert found(extractor, "je suis codeur, c'est compatible ?", "ask_definition") == []
    assert found(extractor, "les frais sur codeur", "ask_definition") == [("platform", "codeur")]
    assert found(extractor, "Codeur ou malt ?", "ask_definition") == [("platform", "codeur"), ("platform", "malt")]
    assert found(extractor, "ça paye sur Codeur.com ?", "ask_definition") == [("platform", "codeur")]


def test_in_a_question_about_a_platform_an_ordinary_word_is_the_platform(extractor):
    # every ask_platform_info example of the training data names a platform
    assert found(extractor, "codeur c'est fiable ?", "ask_platform_info") == [("platform", "codeur")]


def test_a_common_word_close_to_a_name_is_not_read_as_a_typo(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("vocabulary")
    training = TRAINING + [example("on relance le questionnaire", "restart_choice")]
    VocabularyEntityExtractor.create({}, storage, resource, CONTEXT).train(
        TrainingData(training, lookup_tables=LOOKUPS + [{"name": "concept:freelancing", "elements": ["frelance"]}])
    )
    extractor = VocabularyEntityExtractor.load({}, storage, resource, CONTEXT)
    assert found(extractor, "relance le test") == []  # "relance" is a word of the training sentences
    assert found(extractor, "le frelence c'est bien") == [("concept", "freelancing")]


def test_a_context_word_that_is_also_a_concept_falls_back_to_the_concept(extractor):
    assert found(extractor, "devenir freelancer") == [("concept", "freelancing")]
    assert found(extractor, "les frais sur Freelancer", "ask_platform_info") == [("platform", "freelancer")]


def test_an_intent_whose_examples_leave_a_type_untagged_does_not_get_it(extractor):
    assert found(extractor, "on gagne combien avant impôts ?", "ask_income") == []
    assert found(extractor, "comment payer mes impôts", "ask_legal_status") == [("legal_topic", "declaration")]


def test_an_unknown_platform_is_reported_with_its_name(extractor):
    assert found(extractor, "tu connais Kolabtree ?", "ask_platform_info") == [("platform", "Kolabtree")]
    assert found(extractor, "Lemon.io c'est sérieux ?", "ask_platform_info") == [("platform", "Lemon.io")]
    assert found(extractor, "tu connais malt ?", "ask_platform_info") == [("platform", "malt")]
    assert found(extractor, "tu connais Kolabtree ?", "ask_definition") == []  # not an intent naming platforms


def test_each_name_is_reported_once_with_its_position(extractor):
    [entity] = extractor.entities("malt, malt.fr ou MALT ?", "ask_platform_info")
    assert (entity["entity"], entity["value"], entity["start"], entity["end"]) == ("platform", "malt", 0, 4)
    assert entity["extractor"] == "VocabularyEntityExtractor"


def test_a_typo_never_adds_or_drops_a_digit():
    names = Gazetteer(
        [("0 commission", Name("platform_filter", "no_commission")), ("404works", Name("platform", "404works"))]
    )
    assert names.find("niveau commissions ?") == []
    assert [m.value for m in names.find("404work c'est bien ?")] == ["404works"]


def test_an_unknown_platform_a_typo_away_from_a_known_one_is_that_one(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("vocabulary")
    lookups = LOOKUPS + [{"name": "platform:appen", "elements": ["appen"]}]
    VocabularyEntityExtractor.create({}, storage, resource, CONTEXT).train(
        TrainingData(TRAINING, lookup_tables=lookups)
    )
    extractor = VocabularyEntityExtractor.load({}, storage, resource, CONTEXT)
    assert found(extractor, "tu connais apen ?", "ask_platform_info") == [("platform", "appen")]
    assert found(extractor, "tu connais Kolabtree ?", "ask_platform_info") == [("platform", "Kolabtree")]


def test_process_adds_entities_and_leaves_button_payloads_alone(extractor):
    text = Message({"text": "c'est quoi le micro-travail", "intent": {"name": "ask_definition", "confidence": 0.9}})
    button = Message({"text": '/ask_definition{"concept": "freelancing"}', "intent": {"name": "ask_definition"}})
    extractor.process([text, button])
    assert [e["value"] for e in text.get("entities")] == ["microwork"]
    assert not button.get("entities")


def test_lookup_tables_of_other_components_are_ignored():
    names = names_from_lookup_tables(LOOKUPS)
    assert ("ignored", Name("some_other_table", "", False)) not in names
    assert ("codeur", Name("platform", "codeur", True)) in names and len(names) == 14


def test_matching_helpers():
    assert squeeze("Crème de la Crème") == "cremedelacreme"
    assert [w for w, _, _ in words("Qu’est-ce qu'ÉTAIT ça ?")] == ["qu", "est", "ce", "qu", "etait", "ca"]
    assert edit_distance("freelance", "freelnace", 2) == 1  # a swap counts once
    assert edit_distance("microtravail", "macrotrav", 2) == 3


def test_two_different_names_equally_close_to_a_typo_give_nothing():
    gazetteer = Gazetteer([("abcdefghij", Name("x", "one")), ("abcdefghkl", Name("x", "two"))])
    assert gazetteer.find("abcdefghzz") == []


def test_two_names_that_differ_only_by_an_accent_are_told_apart_by_it():
    names = Gazetteer(
        [("retraite", Name("legal_topic", "protection_sociale")), ("retraité", Name("situation", "retiree"))]
    )
    assert [(m.entity, m.value) for m in names.find("je suis retraité, je dois déclarer ?")] == [
        ("situation", "retiree")
    ]
    assert [m.value for m in names.find("et ma retraite ?")] == ["protection_sociale"]
    assert [m.value for m in names.find("RETRAITE")] == ["protection_sociale"]  # no accent to tell: the first name


def test_a_context_word_beside_a_platform_is_one_only_when_listed_with_it(extractor):
    assert found(extractor, "je suis freelancer sur malt") == [("concept", "freelancing"), ("platform", "malt")]
    assert found(extractor, "freelancer, malt et codeur") == [
        ("platform", "freelancer"),
        ("platform", "malt"),
        ("platform", "codeur"),
    ]


def test_a_french_word_is_never_read_as_a_typo_of_a_name(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("vocabulary")
    lookups = LOOKUPS + [
        {"name": "platform:appen", "elements": ["appen"]},
        {"name": "platform:toptal", "elements": ["toptal"]},
    ]
    VocabularyEntityExtractor.create({}, storage, resource, CONTEXT).train(
        TrainingData(TRAINING, lookup_tables=lookups)
    )
    extractor = VocabularyEntityExtractor.load({}, storage, resource, CONTEXT)
    assert found(extractor, "il m'a proposé un appel visio pour la mission") == []
    assert found(extractor, "au total ça fait combien par mois ?", "ask_income") == []
    assert found(extractor, "j'ai ouvert un compte appenn hier") == [("platform", "appen")]
    assert found(extractor, "je suis malt") == [("platform", "malt")]


def test_a_french_word_is_still_a_name_when_it_is_the_name_inflected():
    names = Gazetteer(
        [("mineur", Name("situation", "minor")), ("appen", Name("platform", "appen"))],
        dictionary=frozenset({"mineurs", "appel"}),
    )
    assert [m.value for m in names.find("c'est interdit aux mineurs ?")] == ["minor"]
    assert names.find("un appel de leur part") == []


def test_a_word_of_the_language_is_not_an_unknown_platform(extractor):
    assert found(extractor, "tu connais traductrice ?", "ask_platform_info") == []
    assert found(extractor, "tu connais illustrateurs ?", "ask_platform_info") == []
    assert found(extractor, "tu connais Kolabtree ?", "ask_platform_info") == [("platform", "Kolabtree")]


def test_a_conjugated_verb_is_not_an_unknown_platform(extractor):
    # the dictionary holds lemmas (« faire »): its inflected forms (« ferait ») are words of the language too
    assert found(extractor, "tu connais ferait ?", "ask_platform_info") == []
    assert found(extractor, "tu connais proposeraient ?", "ask_platform_info") == []


def test_independant_said_of_the_micro_worker_is_not_the_freelance(extractor):
    assert found(extractor, "les micro-tâches indépendantes, ça paie ?") == [("concept", "microwork")]
    assert found(extractor, "micro-travail ou indépendant ?") == [("concept", "microwork"), ("concept", "freelancing")]
    assert found(extractor, "indépendant, le micro-travail ?") == [("concept", "freelancing"), ("concept", "microwork")]
