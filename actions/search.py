"""The answer of last resort: the store's facts closest to the question, or an honest « je ne sais pas »."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List, Optional, Sequence, Text
from urllib.parse import urlparse

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_parsing import parse_all, says_dont_know
from actions.buttons import button
from actions.context import latest_entities
from actions.feedback import send_answer
from actions.french import capitalise
from actions.knowledge.catalogue import TopicFact
from actions.knowledge.model import CONCEPT_IDS, Source
from actions.knowledge.queries import Knowledge
from actions.knowledge.search import DOMAIN_FLOOR, FactIndex, Hit, boosts_for, get_index
from actions.offer_check import is_victim, victim_reply
from actions.relevance import continues
from actions.rendering import render_fact
from actions.replies import Reply
from actions.situations import described_situations, first_situation, label_mentions, situation_reply

MAX_CHARS = 700
SEARCH_TOPIC = "knowledge_search"  # what a rating after a search answer rates
# hosts of the official French services, the only sources the honest answer points to
OFFICIAL_HOSTS = ("service-public.fr", "urssaf.fr", "francetravail.fr", "impots.gouv.fr", "gouv.fr", "cnil.fr")
OFFICIAL_SECTIONS = ("legal", "situations", "rates", "scams")  # the store's sections an official service answers
CONCEPT_SECTIONS = {
    "advantages": ("ask_advantages", "Avantages"),
    "drawbacks": ("ask_disadvantages", "Inconvénients"),
    "income": ("ask_income", "Revenus"),
    "skills": ("ask_skills", "Compétences"),
}
WHAT_I_CAN_ANSWER = (
    "Je peux en revanche vous renseigner sur le micro-travail et le freelance : plateformes, revenus, statuts, "
    "démarches, ou vous aider à choisir. Vous pouvez aussi parler à quelqu'un qui vous conseillera."
)
WHAT_I_KNOW = [  # what the honest answer offers instead: the main topics, and a person
    button("Quelle plateforme ?", "ask_platforms"),
    button("Quel statut ?", "ask_legal_status"),
    button("Aidez-moi à choisir", "help_me_choose"),
    button("Parler à un humain", "ask_human"),
]


def topic_button(knowledge: Knowledge, item: TopicFact) -> Optional[Dict[str, str]]:
    """The button to the full answer the fact comes from, when an intent gives that answer."""
    section, key = item.path[0], item.path[1] if len(item.path) > 1 else ""
    if section == "platforms" and key in knowledge.store.platforms:
        return button(knowledge.store.platforms[key].name, "ask_platform_info", platform=key)
    if section == "legal" and knowledge.legal_topic(key):
        return button(capitalise(knowledge.legal_topic(key).label), "ask_legal_status", legal_topic=key)
    if section == "concepts" and key in CONCEPT_IDS:
        intent, title = CONCEPT_SECTIONS.get(item.path[2] if len(item.path) > 2 else "", ("ask_definition", ""))
        return concept_button(knowledge, key, intent, title.lower())
    if section == "comparison":
        return button("Comparer les deux", "ask_comparison")
    if section == "getting_started":
        return button("Comment débuter ?", "ask_getting_started", **({"concept": key} if key in CONCEPT_IDS else {}))
    if section == "choice":
        return button("Aidez-moi à choisir", "help_me_choose")
    if section == "situations" and key in knowledge.store.situations:
        return button(capitalise(knowledge.store.situations[key].label), "ask_situation", situation=key)
    if section == "themes":  # AI and research figures: the work they are about
        return button("Les plateformes de micro-travail", "ask_platforms", concept="microwork")
    return None


def concept_button(knowledge: Knowledge, concept: str, intent: str, section: str = "") -> Dict[str, str]:
    """« Micro-travail : avantages », or the concept's name alone for its definition."""
    name = capitalise(knowledge.concept(concept).name)
    return button(f"{name} : {section}" if section else name, intent, concept=concept)


def antecedent(index: FactIndex, item: TopicFact) -> Optional[TopicFact]:
    """The fact a found fact goes on from, in the same list (« Elle repose… » after the study it speaks of); in a
    concept's lists, « Il… » is the concept the topic names."""
    position = index.position.get(id(item.fact), 0)
    before = index.facts[position - 1] if position else None
    if before is None or before.path != item.path:
        return None
    return before if continues(item.fact.text, pronouns=item.path[0] != "concepts") else None


def search_reply(knowledge: Knowledge, hits: Sequence[Hit], index: Optional[FactIndex] = None) -> Reply:
    """The 1-3 facts found, each with its topic (and the fact it goes on from), short enough to read, with buttons
    to their full topics."""
    index = index or get_index()
    lines, facts, buttons = [], [], []
    intro = "Voici ce que ma base d'informations sourcées dit à ce sujet :"
    outro = "Demandez-moi « d'où vient cette info ? » pour voir les sources."
    length = len(intro) + len(outro)
    for hit in hits:
        if hit.item.fact in facts:  # already shown before a fact that goes on from it
            continue
        before = antecedent(index, hit.item)
        told = [before.fact] if before and before.fact not in facts else []
        line = f"• {capitalise(hit.item.label)} : " + " ".join(render_fact(f) for f in [*told, hit.item.fact])
        if lines and length + len(line) + 1 > MAX_CHARS:
            break
        lines.append(line)
        facts += [*told, hit.item.fact]
        length += len(line) + 1
        found = topic_button(knowledge, hit.item)
        if found and found not in buttons:
            buttons.append(found)
    if len(buttons) < 2:
        buttons.append(button("Que savez-vous faire ?", "help"))
    return Reply("\n".join([intro, *lines, outro]), buttons[:4], facts, SEARCH_TOPIC, slots={"knowledge_gap": False})


def official_service(knowledge: Knowledge, near: Sequence[Hit], named: Sequence[str] = ()) -> Optional[Source]:
    """The official service cited by the facts closest to the question, else the first one of the store, when the
    question is about law, tax, rights or scams (a legal topic named, or such a fact the closest): a question
    on a platform's phone number or on where one works has no official service to ask."""

    def official(source: Source) -> bool:
        host = urlparse(source.url or "").hostname or ""
        return any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)

    legal = any(knowledge.legal_topic(topic) for topic in named)
    if not legal and not any(hit.item.path[0] in OFFICIAL_SECTIONS for hit in near[:1]):
        return None
    for hit in near:
        for source in knowledge.sources(hit.item.fact.sources):
            if official(source):
                return source
    return next((s for s in knowledge.store.sources.values() if official(s)), None)


def honest_reply(knowledge: Knowledge, near: Sequence[Hit], named: Sequence[str] = ()) -> Reply:
    """Says plainly the store does not hold the answer, what it can answer, and the official service to ask."""
    text = (
        "Je n'ai pas d'information fiable sur ce point précis dans ma base, et je préfère ne pas vous répondre "
        "au hasard."
    )
    service = official_service(knowledge, near, named)
    slots: Dict[str, Any] = {"knowledge_gap": True}  # the dashboard counts these answers as its « je ne sais pas »
    if service:
        text += f"\nPour une réponse officielle, consultez {service.title} : {service.url}"
        slots.update(last_sources=[service.id], last_checked=None)
    return Reply(f"{text}\n{WHAT_I_CAN_ANSWER}", list(WHAT_I_KNOW), slots=slots)


ANSWER_OUTSIDE_THE_CHOICE = Reply(  # « j'ai 2 h par semaine » with no questionnaire running
    "Merci pour cette précision ! Pour que je vous dise si le micro-travail ou le freelance vous correspond, "
    "répondez à mes cinq questions.",
    [button("Aidez-moi à choisir", "help_me_choose"), button("Comparer les deux", "ask_comparison")],
)
SUGGESTED_INTENTS = {  # intents the NLU ranked, as the sections of a concept they would have answered
    "ask_definition": "définition",
    **{intent: title.lower() for intent, title in CONCEPT_SECTIONS.values()},
    "ask_getting_started": "débuter",
}
WITHOUT_CONCEPT = {"ask_getting_started": "Comment débuter ?"}  # answers that need no concept named
LIKELY_INTENT = 0.1  # below this confidence, an intent the NLU ranked is no lead
MAX_SUGGESTIONS = 2


def suggestions(knowledge: Knowledge, ranking: Sequence[Dict[str, Any]], concepts: Sequence[str]) -> List[Dict]:
    """Buttons to the answers the NLU thought likely (« Micro-travail : avantages », for the concept named, or
    « Comment débuter ? »): the honest answer's way to what the store does hold, when no fact was close enough."""
    concept = next((c for c in concepts if c in CONCEPT_IDS), None)
    likely = [r["name"] for r in ranking if float(r.get("confidence") or 0.0) >= LIKELY_INTENT and r.get("name")]
    if concept is None:
        found = [button(WITHOUT_CONCEPT[intent], intent) for intent in likely if intent in WITHOUT_CONCEPT]
    else:
        found = [
            concept_button(knowledge, concept, intent, SUGGESTED_INTENTS[intent])
            for intent in likely
            if intent in SUGGESTED_INTENTS
        ]
    return found[:MAX_SUGGESTIONS]


def with_suggestions(reply: Reply, suggested: Sequence[Dict[str, str]]) -> Reply:
    """The honest answer pointing to the likely answers first, then to a person."""
    if not suggested:
        return reply
    topic = "l'un de ces sujets" if len(suggested) > 1 else "ce sujet"
    leads = f"Votre question porte peut-être sur {topic} ; vous pouvez aussi parler à quelqu'un qui vous conseillera."
    text = reply.text.replace(WHAT_I_CAN_ANSWER, leads)
    human = [b for b in reply.buttons if b["payload"] == "/ask_human"]
    return replace(reply, text=text, buttons=[*suggested, *human, button("Aidez-moi à choisir", "help_me_choose")])


def find_facts(index: FactIndex, text: str, named: Sequence[str] = (), remembered: Sequence[str] = ()) -> List[Hit]:
    """The 1-3 facts that answer the message, boosted by the topics it names (and the store spells) or remembers."""
    named = list(dict.fromkeys([*named, *index.named_topics(text)]))
    return index.search(text, boosts_for(named, remembered))


def answer(
    knowledge: Knowledge,
    index: FactIndex,
    text: str,
    named: Sequence[str] = (),
    remembered: Sequence[str] = (),
    names_required: bool = False,
) -> Optional[Reply]:
    """The search answer, the honest answer, or None when the message is not about the domain at all.

    A message with no fact good enough gets the honest answer when it names a topic of the store, or (unless
    `names_required`, for messages classified out of scope) merely uses the store's words.
    """
    if not text or text.startswith("/"):  # a payload such as /nlu_fallback carries no question
        return None
    named = list(dict.fromkeys([*named, *index.named_topics(text)]))
    hits = find_facts(index, text, named, remembered)
    if hits:
        return search_reply(knowledge, hits, index)
    if named or (not names_required and index.is_about_the_domain(text)):
        near = [hit for hit in index.ranked(text, limit=5) if hit.score >= DOMAIN_FLOOR]
        return honest_reply(knowledge, near, named)
    return None


class ActionKnowledgeSearch(Action):
    """Answers a domain question no intent answered (nlu_fallback, out_of_scope, or inform outside the guided choice
    when it answers none of its questions) from the whole store.

    It sets search_answered: false when the message is not about the domain, for the rules to answer.
    """

    def name(self) -> Text:
        return "action_knowledge_search"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        message = tracker.latest_message or {}
        text, knowledge = message.get("text") or "", Knowledge()
        mentioned = [*(message.get("entities") or []), *label_mentions(knowledge, text)]
        platforms = latest_entities(tracker, "platform")
        after_a_check = tracker.get_slot("last_topic") == "offer_check"
        if is_victim(text, platforms, paying_tells=after_a_check):  # « et j'ai déjà payé… » after a check
            return victim_reply(knowledge).send(dispatcher) + [SlotSet("search_answered", True)]
        described = described_situations(text, mentioned)
        if described:  # « je n'ai pas de papiers, je peux… ? »: what changes in the situation the user describes
            reply = situation_reply(knowledge, first_situation(described), question=text, named=described)
            return send_answer(reply, dispatcher, tracker) + [SlotSet("search_answered", True)]
        intent = (message.get("intent") or {}).get("name")
        if intent == "inform" and (parse_all(text) or says_dont_know(text)):  # an answer to the guided choice
            return ANSWER_OUTSIDE_THE_CHOICE.send(dispatcher) + [SlotSet("search_answered", True)]
        named = [v for e in ("platform", "concept", "legal_topic") for v in latest_entities(tracker, e)]
        remembered = [tracker.get_slot("platform"), tracker.get_slot("concept")]
        out_of_scope = intent == "out_of_scope"
        reply = answer(knowledge, get_index(), text, named, [r for r in remembered if r], out_of_scope)
        if reply is None:  # data/rules/search.yml then answers out_of_scope or please_rephrase
            return [SlotSet("search_answered", False)]
        if reply.slots.get("knowledge_gap"):
            concepts = latest_entities(tracker, "concept") or [tracker.get_slot("concept")]
            reply = with_suggestions(reply, suggestions(knowledge, message.get("intent_ranking") or [], concepts))
        return send_answer(reply, dispatcher, tracker) + [SlotSet("search_answered", True)]
