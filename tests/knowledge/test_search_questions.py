"""The questions people ask for each fact: every fact has some, they find it, and a stale entry stops the start-up."""

import pytest

from actions.knowledge.catalogue import topic_facts
from actions.knowledge.questions import load_questions, load_unanswerable, without_questions
from actions.knowledge.reader import KnowledgeError
from actions.knowledge.search import FactIndex, get_index, topic_names
from actions.search import find_facts


@pytest.fixture(scope="module")
def facts(store):
    return topic_facts(store)


def test_every_fact_of_the_store_has_the_questions_people_ask(facts):
    assert [item.topic for item in without_questions(facts)] == []


@pytest.mark.parametrize(
    "question, expected",
    [
        ("prolific paye comment ?", "Le paiement se fait uniquement par PayPal"),
        ("c'est quoi l'ACRE ?", "L’ACRE réduit les cotisations sociales des créateurs"),
        ("le portage salarial c'est quoi ?", "Le portage salarial est défini aux articles"),
    ],
)
def test_the_questions_put_first_the_fact_that_answers(store, facts, question, expected):
    assert expected in find_facts(get_index(store), question)[0].item.fact.text
    text_only = FactIndex(facts, topic_names(store)).search(question)  # its own words rank a neighbour first
    assert expected not in text_only[0].item.fact.text


def write(tmp_path, body: str):
    path = tmp_path / "search_questions.yml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body, problem",
    [
        (
            'questions:\n  - {topic: situations.student.facts, fact: "Un étudiant mineur peut", asked: ["et moi ?"]}\n',
            "was the fact reworded",
        ),
        (
            'questions:\n  - {topic: platforms.malt, fact: "Malt fait partie des plateformes", asked: ["ok ?"]}\n',
            "was the fact reworded",
        ),
        (
            "questions:\n"
            '  - {topic: situations.student.facts, fact: "Un étudiant majeur peut", asked: ["je peux ?"]}\n'
            '  - {topic: situations.student.facts, fact: "Un étudiant majeur peut créer", asked: ["en L1 ?"]}\n',
            "already has its questions",
        ),
        ('questions:\n  - {topic: situations.student.facts, fact: "Un étudiant majeur peut", asked: []}\n', "asked"),
        ('questions:\n  - {topic: situations.student.facts, fact: "Un", asked: ["?"]}\n', "at least 10"),
        ("questions: {}\n", "expected the key questions"),
        ("questions: [\n", "cannot be read"),
    ],
)
def test_a_stale_or_malformed_entry_is_refused_with_the_files_name(tmp_path, facts, body, problem):
    with pytest.raises(KnowledgeError, match=problem) as raised:
        load_questions(facts, write(tmp_path, body))
    assert raised.value.file == "knowledge/search_questions.yml"


def test_a_well_formed_entry_gives_its_fact_the_questions(tmp_path, facts):
    body = 'questions:\n  - {topic: situations.student.facts, fact: "Un étudiant majeur peut", asked: ["en L1 ?"]}\n'
    asked = load_questions(facts, write(tmp_path, body))
    [(position, questions)] = asked.items()
    assert facts[position].fact.text.startswith("Un étudiant majeur peut") and questions == ("en L1 ?",)


def test_the_questions_the_store_cannot_answer_load_once_each():
    questions = load_unanswerable()
    assert len(questions) >= 300 and len(set(questions)) == len(questions)


@pytest.mark.parametrize(
    "body, problem",
    [
        ('questions:\n  - "le numéro de Malt ?"\n  - "le numéro de Malt ?"\n', "already listed"),
        ('questions:\n  - ""\n', "1 to 300 characters"),
        (f'questions:\n  - "{"pourquoi " * 40}"\n', "1 to 300 characters"),
        ("questions:\n  - [une, liste]\n", "1 to 300 characters"),
        ("question: []\n", "expected the key questions"),
        ("questions: [\n", "cannot be read"),
    ],
)
def test_a_malformed_unanswerable_question_is_refused_with_the_files_name(tmp_path, body, problem):
    path = tmp_path / "search_unanswerable.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=problem) as raised:
        load_unanswerable(path)
    assert raised.value.file == "knowledge/search_unanswerable.yml"
