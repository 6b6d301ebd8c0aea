"""The search's lexicon: colloquial words find the store's facts, and a broken lexicon stops the start-up."""

import pytest

from actions.knowledge.reader import KnowledgeError
from actions.knowledge.search import get_index
from actions.knowledge.synonyms import LEXICON_FILE, Lexicon, Synonyms, load_lexicon
from actions.search import find_facts


@pytest.fixture(scope="module")
def index(store):
    return get_index(store)


def test_colloquial_words_read_as_the_stores_words(index):
    assert index.lemmatize("je bosse pour ma boîte") == index.lemmatize("je travaille pour mon employeur")
    assert index.lemmatize("en auto-entrepreneur") == index.lemmatize("en micro-entreprise")


def test_ca_in_capitals_is_the_turnover_but_ca_in_small_letters_is_ca(index):
    assert index.lemmatize("mon CA") == index.lemmatize("mon chiffre d'affaires")
    assert index.lemmatize("ca marche") == index.lemmatize("ça marche")
    assert index.lemmatize("ca marche") != index.lemmatize("CA marche")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("en auto-entrepreneur je paie combien de charges sur mes prestations ?", "25,6 %"),
        ("c'est quoi l'abattement pour une AE ?", "abattement forfaitaire pour frais de 34 %"),
        ("je touche le RSA, je peux lancer une micro-entreprise ?", "Le RSA se cumule avec une micro-entreprise"),
        ("je bosse pour ma boîte en CDI, je peux avoir mon propre taf en plus ?", "La loyauté vous interdit"),
    ],
)
def test_a_colloquial_question_gets_the_facts_that_answer_it(index, text, expected):
    assert expected in find_facts(index, text)[0].item.fact.text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("le micro travail c'est un bon moyen de débuter pour bosser sur internet ?", "entrée facile"),
        ("qui veut rester indépendant sur la durée, il vaut mieux quoi ?", "indépendance durable"),
    ],
)
def test_the_words_of_a_question_about_starting_or_lasting_find_the_seeds_facts(index, text, expected):
    assert any(expected in hit.item.fact.text for hit in find_facts(index, text))


def test_the_lexicon_of_the_repository_loads(index):
    assert load_lexicon().groups and "bonjour" in load_lexicon().ignored


@pytest.mark.parametrize(
    "lexicon, problem",
    [
        (Lexicon(groups=(("travail", "boulot"), ("emploi", "boulot"))), "one group only"),
        (Lexicon(groups=(("chiffre d'affaires", "ca"),)), "in capitals"),
    ],
)
def test_a_lexicon_that_reads_a_word_two_ways_is_refused(index, lexicon, problem):
    with pytest.raises(KnowledgeError, match=problem) as raised:
        Synonyms(lexicon, index.lemmatize.word, index.lemmatize.stop)
    assert raised.value.file == "knowledge/search_vocabulary.yml"


@pytest.mark.parametrize(
    "content", ["groups: [[seul]]", "groups: [travail]", "synonyms: []", "groups: [[a, b]]\nsymbols: {'%': 3}", "[:"]
)
def test_a_malformed_lexicon_file_is_refused_with_its_name(tmp_path, content):
    path = tmp_path / LEXICON_FILE.name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="search_vocabulary.yml"):
        load_lexicon(path)


def test_the_seeds_english_words_read_as_french(index):
    assert index.lemmatize("le microwork") == index.lemmatize("le micro-travail") == index.lemmatize("microworkers")
    assert index.lemmatize("le freelancing") == index.lemmatize("en free-lance") == index.lemmatize("freelance")
