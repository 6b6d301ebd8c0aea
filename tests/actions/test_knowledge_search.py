"""Knowledge search: what the ranking finds and what the user reads (the honest answer: test_honest_answer.py)."""

import dataclasses

import pytest

from actions.knowledge.catalogue import topic_facts
from actions.knowledge.queries import Knowledge
from actions.knowledge.search import FactIndex, get_index, topic_names
from actions.rendering import render_fact
from actions.search import MAX_CHARS, ActionKnowledgeSearch, answer, find_facts
from tests.support import make_tracker, slots, text_of, titles


@pytest.fixture(scope="module")
def index(store):
    return get_index(store)


def test_every_fact_of_every_section_is_indexed_once(store, index):
    sections = {field.name for field in dataclasses.fields(store)} - {"sources", "filters", "alias_index"}
    indexed = {item.path[0] for item in index.facts}
    assert sections <= indexed | {name for name in sections if not getattr(store, name)}
    assert len({id(item.fact) for item in topic_facts(store)}) == len(topic_facts(store))


def test_a_new_section_of_the_store_is_indexed_without_touching_the_search(store):
    @dataclasses.dataclass(frozen=True)
    class Guide:
        id: str
        label: str
        facts: tuple

    fact = dataclasses.replace(store.legal["acre"].facts[0], text="Le guide des pigistes explique la pige.")
    extended = dataclasses.make_dataclass(
        "Extended", [("guides", dict, dataclasses.field(default_factory=dict))], bases=(type(store),)
    )(
        **{f.name: getattr(store, f.name) for f in dataclasses.fields(store)},
        guides={"pige": Guide("pige", "la pige", (fact,))},
    )
    found = FactIndex(topic_facts(extended), topic_names(store)).search("c'est quoi la pige pour un pigiste ?")
    assert found and found[0].item.path[:2] == ("guides", "pige") and found[0].item.label == "la pige"


@pytest.mark.parametrize(
    "text",
    [
        "inscrit au chômage avec l'ARE, puis-je lancer une micro-entreprise sans perdre mes droits ?",
        "inscrit au chomage avec l are puis je lancer une micro entreprise sans perdre mes droits",  # no accents
    ],
)
def test_a_situation_question_ranks_the_unemployment_facts_first(index, text):
    # ranked, not necessarily answered: the answer threshold puts precision first (the situation answers,
    # ask_situation, take such questions in the bot)
    found = index.ranked(text, limit=3)
    assert found and all(
        "chômage" in h.item.fact.text or h.item.topic.startswith("situations.job_seeker") for h in found
    )


def test_a_named_platform_answers_with_its_own_facts_first(index):
    found = find_facts(index, "Toloka ça paie comment ?")
    assert found[0].item.path[:2] == ("platforms", "toloka") and "Payoneer" in found[0].item.fact.text
    assert not any(h.item.path[0] == "platforms" and h.item.path[1] != "toloka" for h in found)


def test_a_short_question_naming_a_platform_gets_that_platforms_facts(index):
    found = find_facts(index, "les frais sur Upwork pour un freelance ?")
    assert found and found[0].item.path[:3] == ("platforms", "upwork", "fees")


def test_the_platform_of_the_conversation_comes_first_in_a_follow_up(index):
    assert find_facts(index, "et le paiement ?", remembered=["toloka"])[0].item.path[:2] == ("platforms", "toloka")


def test_the_same_fact_kept_in_two_places_is_shown_once(index):
    found = [
        hit.item.fact.text for hit in find_facts(index, "un micro-entrepreneur cotise-t-il à l'assurance chômage ?")
    ]
    assert len(found) == len(set(found))


def test_the_search_answer_is_short_sourced_and_leads_to_the_full_topics(knowledge, index):
    reply = answer(knowledge, index, "c combien le plafond de CA en micro entreprise")
    assert len(reply.text) <= MAX_CHARS
    assert "83 600 €" in reply.text and "La micro-entreprise (auto-entrepreneur) :" in reply.text
    assert "d'où vient cette info ?" in reply.text
    assert any(b["payload"] == '/ask_legal_status{"legal_topic": "micro_entreprise"}' for b in reply.buttons)
    assert reply.facts and all(f.sources for f in reply.facts)


def test_the_action_records_the_sources_of_its_answer(run_action):
    messages, events = run_action(
        ActionKnowledgeSearch(), make_tracker("c combien le plafond de CA en micro entreprise", "nlu_fallback")
    )
    assert "83 600 €" in text_of(messages) and "La micro-entreprise (auto-entrepreneur)" in titles(messages)
    recorded = slots(events)
    assert recorded["search_answered"] is True and recorded["last_sources"] and recorded["last_checked"]


def test_the_action_leaves_an_out_of_scope_message_to_the_rules(run_action):
    messages, events = run_action(
        ActionKnowledgeSearch(), make_tracker("tu connais une bonne recette de crêpes ?", "out_of_scope")
    )
    assert not messages and slots(events) == {"search_answered": False}


def test_every_fact_shown_by_the_search_has_a_french_topic_label(store):
    import dataclasses

    from actions.knowledge import model as m
    from actions.knowledge.catalogue import topic_facts

    field_names = {f.name.replace("_", " ") for f in dataclasses.fields(m.Store)}
    english = sorted({item.label for item in topic_facts(store) if item.label in field_names})
    assert not english, f"topic labels left as field names: {english}"


def test_an_answer_shows_more_than_one_section_of_the_store(index):
    # three rates alike say less than two of them and the rule they come from
    found = find_facts(index, "quel pourcentage de cotisations sur mon chiffre d'affaires ?")
    assert len(found) == 3 and sum(hit.item.path[0] == "rates" for hit in found) <= 2
    assert any("25,6 %" in hit.item.fact.text for hit in found)


def test_a_figure_already_shown_is_not_repeated_by_another_fact(index):
    from actions.knowledge.figures import figures_in

    stated = [figures_in(hit.item.fact.text) for hit in find_facts(index, "le seuil de tva pour les ventes c combien")]
    assert any("85 000 €" in figures for figures in stated)
    repeated = [f for i, f in enumerate(stated) if f and f <= frozenset().union(*stated[:i])]
    assert not repeated


def test_a_fact_kept_in_two_places_in_nearly_the_same_words_is_shown_once(index):
    found = [h.item.fact.text for h in find_facts(index, "avec chatgpt il restera du boulot d'annotation ?")]
    assert found and sum(text.startswith("Remotasks fait de l’étiquetage") for text in found) == 1


def test_a_search_answer_offers_the_topics_its_facts_come_from(store):
    from actions.knowledge.queries import Knowledge
    from actions.search import search_reply

    index = get_index(store)
    themes = search_reply(Knowledge(), find_facts(index, "avec chatgpt il restera du boulot d'annotation ?"))
    assert "Les plateformes de micro-travail" in [b["title"] for b in themes.buttons]
    situation = search_reply(Knowledge(), index.ranked("étudiant boursier, la bourse sur critères sociaux", limit=1))
    assert "Étudiant" in [b["title"] for b in situation.buttons]


@pytest.mark.parametrize(
    "question, first, second",
    [
        (
            "sur upwork et freelancer.com les transactions sont sécurisées ?",
            "Sur les plateformes de freelance comme Freelancer, les transactions",
            "Sur les plateformes de freelance comme Upwork, les transactions",
        ),
        (
            "upwork ou freelancer.com pour des projets plus complexes ?",
            "Sur Freelancer, des professionnels de divers secteurs",
            "Sur Upwork, des professionnels de divers secteurs",
        ),
    ],
)
def test_two_platforms_facts_in_the_same_words_are_both_shown(index, question, first, second):
    found = [h.item.fact.text for h in find_facts(index, question)]
    assert any(t.startswith(first) for t in found) and any(t.startswith(second) for t in found), found


def test_facts_in_the_same_words_with_other_figures_are_both_kept(index):
    alike = "Sur Fiverr, le vendeur garde 80 % de chaque commande terminée : Fiverr prélève 20 %."
    assert index._alike(alike, alike.replace("prélève", "prélève donc"))
    assert not index._alike(alike, alike.replace("20 %", "25 %"))


def fallback_naming(text, situation, words):
    tracker = make_tracker(text, "nlu_fallback")
    tracker.latest_message["entities"] = [{"entity": "situation", "value": situation, "start": text.index(words)}]
    return tracker


@pytest.mark.parametrize(
    "text, words",
    [
        ("je n'ai pas de papiers, je peux travailler sur ces plateformes ?", "pas de papiers"),
        ("moi qui suis étranger hors UE, c'est possible ?", "étranger"),
        ("g pas de papiers en france c possible de faire des micro taches ?", "pas de papiers"),
    ],
)
def test_a_question_no_intent_answered_that_describes_a_situation_gets_it(run_action, store, text, words):
    messages, events = run_action(ActionKnowledgeSearch(), fallback_naming(text, "foreign_resident", words))
    assert text_of(messages).startswith(f"Si vous êtes {store.situations['foreign_resident'].label} :")
    assert slots(events)["situation"] == "foreign_resident" and slots(events)["search_answered"] is True


def test_a_situation_word_about_someone_else_is_not_the_users_situation(run_action, store):
    text = "je peux travailler pour un client étranger ?"
    messages, _ = run_action(ActionKnowledgeSearch(), fallback_naming(text, "foreign_resident", "étranger"))
    assert not text_of(messages).startswith("Si vous êtes")


def test_a_situation_said_by_its_label_in_a_question_no_intent_answered_gets_it(run_action, store):
    tracker = make_tracker("en tant que retraité ça se cumule ?", "nlu_fallback")
    messages, _ = run_action(ActionKnowledgeSearch(), tracker)
    assert text_of(messages).startswith(f"Si vous êtes {store.situations['retiree'].label} :"), text_of(messages)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("je dois prévenir mon patron si je monte une micro entreprise à côté ?", "pas tenu de demander"),
        ("c'est quoi le portage salarial en gros ?", "Le portage salarial est défini aux articles"),
        ("l'acre ça dure combien de temps ?", "l’exonération passe de 50 % à 25 %"),
    ],
)
def test_a_question_worded_unlike_its_fact_is_answered_by_resemblance(index, text, expected):
    # none of these facts' own words pass the threshold: the resemblance to the fact and its questions answers
    found = find_facts(index, text)
    assert any(expected in hit.item.fact.text for hit in found), [h.item.fact.text[:60] for h in found]


@pytest.mark.parametrize(
    "question, antecedent, continuation",
    [
        (
            "l'étude sur le micro-travail en France, elle repose sur un questionnaire ?",
            "L’étude DiPLab de 2019",
            "Elle repose notamment sur un questionnaire",
        ),
        (
            "le chiffre de l'OIT baisse si on compte le temps non payé ?",
            "Selon un rapport de l’OIT de 2018",
            "Ce montant baisse si l’on compte le temps non payé",
        ),
    ],
)
def test_a_fact_that_goes_on_from_another_is_shown_after_it(index, question, antecedent, continuation):
    """« Elle repose… » or « Ce montant baisse… » alone would not say which study or which amount."""
    reply = answer(Knowledge(), index, question)
    line = next(line for line in reply.text.splitlines() if continuation in line)
    assert antecedent in line and line.index(antecedent) < line.index(continuation)
    assert len(reply.text) <= MAX_CHARS and reply.text.count(continuation) == 1


def test_every_fact_that_goes_on_from_another_fits_with_it_in_one_answer(index):
    from actions.knowledge.search import Hit
    from actions.search import antecedent, search_reply

    continuing = [item for item in index.facts if antecedent(index, item)]
    assert len(continuing) >= 5  # the ARE, the OIT figure, the DiPLab study…
    for item in continuing:
        reply = search_reply(Knowledge(), [Hit(item, 1.0)], index)
        assert len(reply.text) <= MAX_CHARS and render_fact(antecedent(index, item).fact) in reply.text
