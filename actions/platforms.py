"""Answers about platforms: which ones (with filters) and what one named platform offers."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import concepts_in_context, latest_entities, requested_page, slot_before_message
from actions.feedback import send_answer
from actions.knowledge.folding import fold
from actions.knowledge.model import Platform
from actions.knowledge.queries import Knowledge
from actions.offer_check import asks_trust, platform_trust_reply
from actions.paging import more_button
from actions.parsing import platform_aspect, platform_filters
from actions.platform_comparison import compared_platforms, platform_comparison_reply, which_platforms_reply
from actions.rendering import BARRIER_WORDS, MAX_BULLETS, bullets, fact_page, platform_heading, safe_name
from actions.replies import Reply
from actions.situations import MINOR  # its facts say what the store knows of age (and lacks: each platform's)
from actions.two_questions import with_other_questions

KIND_TITLES = {"microwork": "Micro-travail", "freelancing": "Freelance"}
ASPECT_TITLES = {
    "fees": "Frais et commission",
    "payment": "Paiement",
    "availability": "Accès depuis la France et langue",
}
PER_KIND = 5


def _tags(platform: Platform) -> str:
    tags = [platform.origin]
    if platform.french_speaking:
        tags.append("en français")
    if platform.state == "closing":
        tags.append("en cours de fermeture")
    return ", ".join(tags)


def platform_list_reply(knowledge: Knowledge, concept_ids: List[str], filters: List[str]) -> Reply:
    """Known platforms of the kinds asked for, filtered, most useful from France first."""
    kinds = concept_ids or ["microwork", "freelancing"]
    wanted = " et ".join(knowledge.store.filters[f].label for f in filters)
    sections, facts, shown = [], [], []
    for kind in kinds:
        found = knowledge.platforms(kind=kind, filters=filters)[:PER_KIND]
        if found:
            sections.append(f"{KIND_TITLES[kind]} :\n" + "\n".join(f"• {p.name} – {_tags(p)}" for p in found))
            facts += [p.availability[0] for p in found]
            shown += found
    if not shown:
        return Reply(
            f"Je ne connais aucune plateforme {wanted} pour ce type de travail. "
            "Voulez-vous voir toutes les plateformes que je connais ?",
            [button("Toutes les plateformes", "ask_platforms")],
            topic="platforms",
        )
    intro = f"Plateformes {wanted} :" if wanted else "Voici les principales plateformes :"
    buttons = [button(p.name, "ask_platform_info", platform=p.id) for p in shown[:3]]
    buttons.append(button("Aidez-moi à choisir", "help_me_choose"))
    slots = {"concept": kinds[0]} if len(kinds) == 1 else {}
    return Reply(
        intro + "\n\n" + "\n\n".join(sections) + "\n\nLaquelle vous intéresse ?", buttons, facts, "platforms", slots
    )


def unknown_platform_reply(knowledge: Knowledge, name: Optional[str]) -> Reply:
    name = safe_name(name) if name else None
    suggestions = knowledge.platforms()[:3]
    known = ", ".join(knowledge.known_platform_names())
    intro = (
        f"Je ne connais pas la plateforme « {name} », je préfère ne rien inventer à son sujet."
        if name
        else "De quelle plateforme parlez-vous ?"
    )
    return Reply(
        f"{intro} Je connais : {known}.",
        [button(p.name, "ask_platform_info", platform=p.id) for p in suggestions]
        + [button("Toutes les plateformes", "ask_platforms")],
        topic="platform_info",
    )


AGE_QUESTION = (
    r"\bage (minimum|minimal|mini|requis|legal)|\bquel age\b|\bage pour\b|\bmineure?s?\b|moins de 18"
    r"|\b(a|avoir|ai) (1[0-8]) ?ans\b"
)


def asks_age(text: str) -> bool:
    return not text.startswith("/") and bool(re.search(AGE_QUESTION, fold(text)))


def platform_age_reply(knowledge: Knowledge, platform: Platform) -> Reply:
    """The minimum age on a platform: the store does not hold it; it says so, and what it knows of minors."""
    facts = sorted(knowledge.store.situations[MINOR].facts, key=lambda f: "plateforme" not in f.text)
    text = f"{platform.name} – âge minimum :\n{bullets(facts)}"
    buttons = [
        button(platform.name, "ask_platform_info", platform=platform.id),
        button("Si vous êtes mineur", "ask_situation", situation=MINOR),
        button("Autres plateformes", "ask_platforms", concept=platform.kind),
    ]
    return Reply(text, buttons, facts, "platform_info", {"platform": platform.id})


def platform_info_reply(knowledge: Knowledge, platform: Platform, aspect: Optional[str], page: int = 1) -> Reply:
    """One platform: an overview (the facts that fit; fees, payment and access have their buttons), or only the
    fees, payment or availability asked about, a page at a time."""
    more: List[Dict[str, str]] = []
    if aspect:
        header = f"{platform.name} – {ASPECT_TITLES[aspect]} :\n"
        shown = fact_page(getattr(platform, aspect), page, header, size=MAX_BULLETS)
        facts, text = shown.items, header + bullets(shown.items)
        more = more_button(shown, "ask_platform_info", platform=platform.id, aspect=aspect)
    else:
        header = (
            f"{platform_heading(platform)}\nSite : {platform.website}\n"
            f"Barrière d'entrée : {BARRIER_WORDS[platform.entry_barrier]}\n"
        )
        overview = [platform.tasks[0], platform.fees[0], platform.availability[0], platform.entry[0]]
        overview = list(platform.notes[:1]) + overview if platform.state != "active" else overview
        facts = fact_page(overview, 1, header, size=len(overview)).items
        text = header + bullets(facts)
    buttons = more + [
        button(title, "ask_platform_info", platform=platform.id, aspect=key)
        for key, title in (("fees", "Frais"), ("payment", "Paiement"), ("availability", "Accès depuis la France"))
        if key != aspect
    ]
    buttons.append(button("Autres plateformes", "ask_platforms", concept=platform.kind))
    return Reply(text, buttons, facts, "platform_info", {"platform": platform.id})


def _aspect_asked(tracker: Tracker) -> Optional[str]:
    """The aspect named by a button (entity "aspect") or by the user's words."""
    named = [a for a in latest_entities(tracker, "aspect") if a in ASPECT_TITLES]
    text = tracker.latest_message.get("text") or ""
    return named[0] if named else (None if text.startswith("/") else platform_aspect(text))


class ActionListPlatforms(Action):
    """Answers ask_platforms, with filters such as "en français" or "sans commission"."""

    def name(self) -> Text:
        return "action_list_platforms"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        filters = platform_filters("" if text.startswith("/") else text, latest_entities(tracker, "platform_filter"))
        knowledge, concept_ids = Knowledge(), concepts_in_context(tracker)
        reply = platform_list_reply(knowledge, concept_ids, filters)
        legal_topics = latest_entities(tracker, "legal_topic")
        return send_answer(with_other_questions(knowledge, reply, text, concept_ids, legal_topics), dispatcher, tracker)


class ActionPlatformInfo(Action):
    """Answers ask_platform_info about the platform named now or earlier in the conversation."""

    def name(self) -> Text:
        return "action_platform_info"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        knowledge = Knowledge()
        named = latest_entities(tracker, "platform")
        if len(named) >= 2:  # « Fiverr et ComeUp, c'est quoi la différence ? »
            return platforms_side_by_side(knowledge, named, None).send(dispatcher)
        name = named[0] if named else tracker.get_slot("platform")
        platform = knowledge.find_platform(name) if name else None
        text = tracker.latest_message.get("text") or ""
        if name and asks_trust(text):  # « Toloka c'est fiable ? »
            return send_answer(platform_trust_reply(knowledge, name), dispatcher, tracker)
        if platform is None:
            return unknown_platform_reply(knowledge, name).send(dispatcher)
        if asks_age(text):  # « quel âge minimum pour Toloka ? »
            return send_answer(platform_age_reply(knowledge, platform), dispatcher, tracker)
        reply = platform_info_reply(knowledge, platform, _aspect_asked(tracker), requested_page(tracker))
        return send_answer(reply, dispatcher, tracker)


def platforms_side_by_side(knowledge: Knowledge, named: List[str], remembered: Optional[str]) -> Reply:
    """The platforms named (or the one of the conversation and the one named) compared; an unknown name said so."""
    known, unknown = compared_platforms(knowledge, named)
    if unknown is not None:
        return unknown_platform_reply(knowledge, unknown)
    if len(known) < 2 and remembered:
        known, _ = compared_platforms(knowledge, [remembered] + named)
    return platform_comparison_reply(knowledge, known) if len(known) >= 2 else which_platforms_reply()


class ActionComparePlatforms(Action):
    """Answers ask_platform_comparison (« Codeur ou Malt ? »)."""

    def name(self) -> Text:
        return "action_compare_platforms"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        named = latest_entities(tracker, "platform")
        reply = platforms_side_by_side(Knowledge(), named, slot_before_message(tracker, "platform"))
        return send_answer(reply, dispatcher, tracker)
