"""Knowledge search, the honest answer: when no fact answers, it says so, points to the official service and to
the answers the NLU found likely, and never pads with an unrelated fact."""

import pytest

from actions.knowledge.catalogue import topic_facts
from actions.knowledge.queries import Knowledge
from actions.knowledge.questions import load_questions
from actions.knowledge.search import FactIndex, get_index, topic_names
from actions.search import MAX_CHARS, ActionKnowledgeSearch, answer, find_facts
from tests.support import make_tracker, slots, text_of, titles


@pytest.fixture(scope="module")
def index(store):
    return get_index(store)


def test_an_unknown_legal_detail_gets_the_honest_answer_and_the_official_service(knowledge, index):
    reply = answer(knowledge, index, "le numéro de téléphone de l urssaf pour les micro-entrepreneurs ?")
    assert not reply.facts
    assert "Je n'ai pas d'information fiable sur ce point précis" in reply.text
    assert "urssaf.fr" in reply.text and reply.slots["last_sources"]
    assert "Aidez-moi à choisir" in [b["title"] for b in reply.buttons]


@pytest.mark.parametrize(
    "text",
    [
        "quel est le numéro de téléphone du service client de Malt ?",
        "en freelance faut-il porter une tenue particulière pour les visios clients ?",
    ],
)
def test_an_unknown_detail_outside_law_and_tax_cites_no_official_service(knowledge, index, text):
    reply = answer(knowledge, index, text)
    assert "Je n'ai pas d'information fiable sur ce point précis" in reply.text
    assert "consultez" not in reply.text and "https://" not in reply.text, reply.text
    assert not reply.slots.get("last_sources")
    assert any(b["payload"] == "/ask_human" for b in reply.buttons)


@pytest.mark.parametrize("text", ["zxqv plorf 42 !!", "", "/nlu_fallback", "tu connais une bonne recette de crêpes ?"])
def test_a_message_outside_the_domain_is_left_to_the_rephrase_or_out_of_scope_answer(knowledge, index, text):
    assert answer(knowledge, index, text, names_required=True) is None


def test_a_huge_hostile_message_gets_an_answer_without_error(knowledge, index):
    reply = answer(knowledge, index, "<script>alert(1)</script> " * 2000 + " micro-entreprise plafond")
    assert reply is None or len(reply.text) <= MAX_CHARS


def test_the_honest_answer_offers_a_person_to_talk_to(knowledge, index):
    reply = answer(knowledge, index, "quel est le numéro de téléphone du service client de Malt ?")
    assert "quelqu'un" in reply.text
    assert any(b["payload"] == "/ask_human" for b in reply.buttons)


@pytest.mark.parametrize("text", ["a quelle heure ouvre l'urssaf de nantes ?", "qui a fondé Malt et en quelle année ?"])
def test_a_question_like_those_the_store_cannot_answer_gets_no_fact(store, index, text):
    facts = topic_facts(store)
    without_them = FactIndex(facts, topic_names(store), questions=load_questions(facts))
    assert find_facts(without_them, text)  # close enough to some facts to be padded with them
    assert find_facts(index, text) == []
    reply = answer(Knowledge(store), index, text)
    assert "pas d'information fiable" in reply.text


def test_the_honest_answer_leads_to_the_answers_the_nlu_found_likely(run_action):
    tracker = make_tracker(
        "le micro travail, ça se fait plutôt sur tablette ou sur ordi ?",
        "nlu_fallback",
        [("concept", "microwork")],
    )
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "ask_advantages", "confidence": 0.3},
        {"name": "ask_situation", "confidence": 0.2},
        {"name": "ask_skills", "confidence": 0.12},
        {"name": "ask_income", "confidence": 0.05},
    ]
    messages, events = run_action(ActionKnowledgeSearch(), tracker)
    assert "Je n'ai pas d'information fiable sur ce point précis" in text_of(messages)
    assert "porte peut-être sur l'un de ces sujets" in text_of(messages)
    assert titles(messages)[:3] == ["Micro-travail : avantages", "Micro-travail : compétences", "Parler à un humain"]
    assert messages[0]["buttons"][0]["payload"] == '/ask_advantages{"concept": "microwork"}'
    assert slots(events)["knowledge_gap"] is True


def test_the_honest_answer_without_a_concept_keeps_what_it_can_answer(run_action):
    tracker = make_tracker("quel est le numéro de téléphone du service client de Malt ?", "nlu_fallback")
    tracker.latest_message["intent_ranking"] = [{"name": "ask_definition", "confidence": 0.3}]
    messages, _ = run_action(ActionKnowledgeSearch(), tracker)
    assert "Je peux en revanche vous renseigner" in text_of(messages)
    assert "Quelle plateforme ?" in titles(messages)


def test_one_likely_answer_is_offered_as_one_subject(run_action):
    tracker = make_tracker(
        "le freelance ça oblige à avoir un local commercial ?", "nlu_fallback", [("concept", "freelancing")]
    )
    tracker.latest_message["intent_ranking"] = [{"name": "ask_definition", "confidence": 0.3}]
    messages, _ = run_action(ActionKnowledgeSearch(), tracker)
    assert "porte peut-être sur ce sujet" in text_of(messages)
    assert titles(messages)[0] == "Freelance : définition"


@pytest.mark.parametrize("text", ["combien je dois facturer quand je débute en freelance ?"])
def test_a_question_sharing_a_facts_words_but_not_its_subject_gets_the_honest_answer(knowledge, index, text):
    # « facturer » and « freelance » are in the VAT allowance's words, the rate to charge is in no fact
    assert find_facts(index, text) == []
    assert "pas d'information fiable" in answer(knowledge, index, text).text


def test_a_likely_answer_that_needs_no_concept_is_offered_without_one(run_action):
    # « par où commencer ? » with a profile the store has no facts for: the start-up advice is one tap away
    tracker = make_tracker(
        "caissière à mi-temps, je cherche un petit revenu sur internet, je démarre comment ?", "nlu_fallback"
    )
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "ask_getting_started", "confidence": 0.3},
        {"name": "ask_situation", "confidence": 0.22},
    ]
    messages, _ = run_action(ActionKnowledgeSearch(), tracker)
    assert "porte peut-être sur ce sujet" in text_of(messages)
    assert titles(messages)[0] == "Comment débuter ?"
    assert messages[0]["buttons"][0]["payload"] == "/ask_getting_started"
