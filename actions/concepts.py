"""Answers about one concept: definition, advantages, drawbacks, skills, income."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.context import concepts_in_context, latest_entities, paged_question, previous_user_text, requested_page
from actions.feedback import send_answer
from actions.french import capitalise, of
from actions.knowledge.folding import fold
from actions.knowledge.model import CONCEPT_IDS, Concept, Fact, Level
from actions.knowledge.queries import Knowledge
from actions.menus import concept_buttons, next_steps
from actions.offer_check import follows_offer_check, why_reply
from actions.paging import more_button
from actions.platforms import platform_info_reply, unknown_platform_reply
from actions.recommendation import answers_given, follows_recommendation, recommendation_follow_up
from actions.relevance import answering_elsewhere, only_owner, relevant_first, with_continuations
from actions.rendering import ELSEWHERE_HEADING, elsewhere_first, fact_page, render_fact
from actions.replies import Reply
from actions.simulation.microwork import microwork_earnings_reply, parse_hours
from actions.two_questions import with_other_questions

# topics whose facts name notions proper to one concept (the seeds' critiques, its particular benefits)
OWNED_TOPICS = ("advantages", "drawbacks")
# intent -> (store topic, heading with the concept label, question asked when no concept is known)
TOPICS: Dict[str, tuple] = {
    "ask_definition": ("definition", None, None),
    "ask_advantages": ("advantages", "Les avantages {of_label} :", "Les avantages de quoi ?"),
    "ask_disadvantages": ("drawbacks", "Les inconvénients {of_label} :", "Les inconvénients de quoi ?"),
    "ask_skills": ("skills", "Les compétences pour {label} :", "Les compétences pour quoi ?"),
    "ask_income": ("income", "Ce que rapporte {label} :", "Les revenus de quoi ?"),
}
# the words of a bare topic question (« quels sont les avantages du micro-travail ? »), beside the concept's names
TOPIC_WORDS = {
    "definition": "définition définir signifier vouloir dire",
    "advantages": "avantage avantages atout atouts intérêt intérêts point fort points forts bien positif",
    "drawbacks": "inconvénient inconvénients défaut défauts limite limites risque risques point faible négatif",
    "skills": "compétence compétences savoir qualité qualités profil aptitude",
    "income": "revenu revenus gagner rapporter rapporte combien payer argent salaire",
}
TOPIC_INTENT = {topic: intent for intent, (topic, _, _) in TOPICS.items()}
# after an answer about one platform, a bare concept question is about that platform: « et ça rapporte combien ? »
PLATFORM_ASPECT = {"ask_income": "payment"}


def definition_reply(knowledge: Knowledge, concept_ids: List[str]) -> Reply:
    """Definition of the concepts named, or of both (a short answer each) when none is."""
    both = not concept_ids or len(concept_ids) > 1
    facts, parts = [], []
    for cid in concept_ids or ["microwork", "freelancing"]:
        concept = knowledge.concept(cid)
        shown = concept.definition[:1] if both else concept.definition[:2] + concept.characteristics[:2]
        facts += shown
        parts.append(f"{capitalise(concept.name)} : " + " ".join(render_fact(f) for f in shown))
    concept_id = None if both else concept_ids[0]
    return Reply(
        "\n\n".join(parts), next_steps(concept_id), facts, "definition", {"concept": concept_id} if concept_id else {}
    )


# the topic that answers the opposite question: a drawback does not answer « quel est son gros avantage ? »
OPPOSITE_TOPICS = {"advantages": "drawbacks", "drawbacks": "advantages"}


def other_facts(concept: Concept, topic: str) -> List[Fact]:
    """The concept's facts outside one topic and its opposite (its levels' facts included)."""
    left_out = {topic, OPPOSITE_TOPICS.get(topic)}
    found: List[Fact] = []
    for field in dataclasses.fields(concept):
        value = getattr(concept, field.name)
        facts = value.facts if isinstance(value, Level) else value
        if field.name not in left_out and isinstance(facts, tuple) and all(isinstance(f, Fact) for f in facts):
            found += facts
    return found


def speaking_of(knowledge: Knowledge, concept: Concept) -> List[Fact]:
    """The other concepts' facts that name this one (« …plus enclines à choisir le freelancing »): by its id, its name
    or a spelling of it, not by a word it shares with others (« indépendant »)."""
    spellings = [
        n
        for n in (concept.id, concept.name, *concept.aliases)
        if fold(n)[:5] in (concept.id[:5], fold(concept.name)[:5])
    ]
    names = re.compile(r"\b(" + "|".join(re.escape(fold(n).lower()) for n in spellings) + r")\b")
    return [
        fact
        for cid in CONCEPT_IDS
        if knowledge.concept(cid) is not concept
        for fact in other_facts(knowledge.concept(cid), "")
        if names.search(fold(fact.text).lower())
    ]


def topic_reply(knowledge: Knowledge, intent: str, concept_ids: List[str], page: int = 1, question: str = "") -> Reply:
    """The answer to a concept question, facts closest to the question first; asks which concept if none is known."""
    topic, heading, which = TOPICS[intent]
    if topic == "definition":
        return definition_reply(knowledge, concept_ids)
    if not concept_ids and topic in OWNED_TOPICS:  # « salariat déguisé, c'est quoi ? »: a critique of micro-travail
        owner = only_owner({cid: getattr(knowledge.concept(cid), topic) for cid in CONCEPT_IDS}, question)
        concept_ids = [owner] if owner else []
    if not concept_ids:
        return Reply(f"{which} Du micro-travail ou du freelance ?", concept_buttons(intent, knowledge), topic=topic)
    facts, parts, more = [], [], []
    for cid in concept_ids:
        concept = knowledge.concept(cid)
        title = heading.format(label=concept.label, of_label=of(concept.label)) + "\n"
        words = f"{concept.name} {concept.label} {' '.join(concept.aliases)} {TOPIC_WORDS[topic]}"
        stored = getattr(concept, topic)
        ordered = with_continuations(
            relevant_first(stored, question, searched=True, topic_words=words), stored, pronouns=False
        )
        others = [*other_facts(concept, topic), *speaking_of(knowledge, concept)]
        elsewhere = answering_elsewhere(ordered, others, question, words)
        lead = ELSEWHERE_HEADING if elsewhere else ""
        shown = fact_page([*elsewhere, *ordered], page, lead + title, share=len(concept_ids))
        facts += shown.items
        parts.append(elsewhere_first(shown.items, elsewhere, title))
        more += more_button(shown, intent, concept=cid) if len(concept_ids) == 1 else []
    concept_id = concept_ids[0] if len(concept_ids) == 1 else None
    return Reply(
        "\n\n".join(parts),
        more + next_steps(concept_id, exclude=[intent])[:3],
        facts,
        topic,
        {"concept": concept_id} if concept_id else {},
    )


class ActionAnswerConcept(Action):
    """Answers ask_definition / ask_advantages / ask_disadvantages / ask_skills / ask_income."""

    def name(self) -> Text:
        return "action_answer_concept"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        intent = tracker.latest_message.get("intent", {}).get("name")
        intent = intent if intent in TOPICS else "ask_definition"
        knowledge = Knowledge()
        text = tracker.latest_message.get("text") or ""
        hours = parse_hours(text) if intent == "ask_income" else None
        if hours and concepts_in_context(tracker) in ([], ["microwork"]):
            return microwork_earnings_reply(knowledge, hours).send(dispatcher)
        named_concepts = latest_entities(tracker, "concept")
        named_platforms = [] if named_concepts else latest_entities(tracker, "platform")
        if named_platforms and knowledge.find_platform(named_platforms[0]) is None:  # « sur taskrabbit on gagne… »
            return unknown_platform_reply(knowledge, named_platforms[0]).send(dispatcher)
        meant = named_platforms[0] if named_platforms else tracker.get_slot("platform")
        platform = knowledge.find_platform(meant or "")
        after_platform = tracker.get_slot("last_topic") == "platform_info" and not named_concepts
        on_platform = bool(named_platforms) or after_platform
        if platform and on_platform and intent in PLATFORM_ASPECT:
            return send_answer(platform_info_reply(knowledge, platform, PLATFORM_ASPECT[intent]), dispatcher, tracker)
        if follows_recommendation(tracker):
            return recommendation_follow_up(knowledge, answers_given(knowledge, tracker), text).send(dispatcher)
        if follows_offer_check(tracker) and not named_concepts:  # « pourquoi ? » after a verdict on an offer
            return why_reply(knowledge, previous_user_text(tracker)).send(dispatcher)
        # a platform named with a concept question (« sur Malt, quelles compétences ? ») means its kind of work
        concept_ids = [platform.kind] if platform and named_platforms else concepts_in_context(tracker)
        reply = topic_reply(knowledge, intent, concept_ids, requested_page(tracker), paged_question(tracker))
        legal_topics = latest_entities(tracker, "legal_topic")
        return send_answer(with_other_questions(knowledge, reply, text, concept_ids, legal_topics), dispatcher, tracker)
