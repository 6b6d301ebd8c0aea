"""Scores the guided-choice answers with knowledge/choice.yml and explains the recommendation."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.custom_forms import FORMS_CONFIG
from actions.feedback import offer_feedback
from actions.knowledge.folding import fold
from actions.knowledge.model import CONCEPT_IDS, ChoiceModel
from actions.knowledge.queries import Knowledge, source_ids
from actions.recommendation_chart import send_recommendation_chart
from actions.rendering import bullets
from actions.replies import Reply

RESULT_TITLES = {
    "microwork": "Ma recommandation : le micro-travail.",
    "freelancing": "Ma recommandation : le freelance.",
    "mixed": "Ma recommandation : un parcours mixte.",
}
PLATFORM_MIX = {
    "microwork": (("microwork", 3),),
    "freelancing": (("freelancing", 3),),
    "mixed": (("microwork", 2), ("freelancing", 1)),
}


def score(model: ChoiceModel, answers: Dict[str, str]) -> Tuple[str, Dict[str, int]]:
    """The recommendation (microwork, freelancing or mixed) and each concept's total."""
    totals = {cid: 0 for cid in CONCEPT_IDS}
    for criterion in model.criteria:
        value = answers.get(criterion.slot) or criterion.default
        for cid in CONCEPT_IDS:
            totals[cid] += criterion.weights[value][cid]
    gap = totals["freelancing"] - totals["microwork"]
    if abs(gap) <= model.mixed_margin:
        return "mixed", totals
    return ("freelancing" if gap > 0 else "microwork"), totals


def recommendation_replies(knowledge: Knowledge, answers: Dict[str, str]) -> Tuple[str, List[Reply]]:
    """Two messages: the result explained criterion by criterion, then platforms and next steps."""
    model = knowledge.choice_model()
    result, _ = score(model, answers)
    reasons = [c.explanations[answers.get(c.slot) or c.default] for c in model.criteria]
    summary = [model.mixed_summary] if result == "mixed" else []
    first = Reply(
        RESULT_TITLES[result] + "\n" + bullets(summary + reasons, limit=len(reasons) + 1), facts=summary + reasons
    )
    platforms = [p for kind, count in PLATFORM_MIX[result] for p in knowledge.platforms(kind=kind)[:count]]
    steps = list(model.next_steps[result])
    text = (
        "Plateformes à regarder en premier :\n"
        + "\n".join(f"• {p.name} ({p.origin})" for p in platforms)
        + "\n\nProchaines étapes :\n"
        + bullets(steps)
    )
    buttons = [button(f"Détails {p.name}", "ask_platform_info", platform=p.id) for p in platforms]
    buttons += [button("Comparer", "ask_comparison"), button("Recommencer", "restart_choice")]
    if result != "microwork":  # a freelance turnover is worth a simulation
        buttons.append(button("Simuler mes revenus", "simulate_income"))
    concept = {"concept": result} if result in CONCEPT_IDS else {}
    second = Reply(text, buttons, steps + [p.availability[0] for p in platforms], "recommendation", concept)
    return result, [first, second]


ABOUT_IT = r"inscri|en premier|commencer|par ou|laquelle|lesquelles|lequel"
WHY = r"pourquoi|pour quelle raison|qu'est-ce qui (te|vous) fait dire|comment (tu|vous) (en )?arrive|explique"


def recommendation_follow_up(knowledge: Knowledge, answers: Dict[str, str], text: str) -> Reply:
    """After a recommendation: « pourquoi ? » gets its reasons, anything else its platforms and first steps."""
    reasons, platforms = recommendation_replies(knowledge, answers)[1]
    reply = reasons if re.search(WHY, fold(text)) else platforms
    return Reply(reply.text, reply.buttons or platforms.buttons, reply.facts, "recommendation", reply.slots)


def follows_recommendation(tracker: Tracker) -> bool:
    """The bot has just recommended and the user, naming no concept, asks why or where to start."""
    message = tracker.latest_message
    named = [e for e in message.get("entities", []) or [] if e.get("entity") == "concept"]
    text = fold(message.get("text") or "")
    asks = (message.get("intent") or {}).get("name") == "ask_getting_started" or re.search(f"{WHY}|{ABOUT_IT}", text)
    just_recommended = tracker.get_slot("last_topic") == "recommendation" and bool(tracker.get_slot("recommendation"))
    return just_recommended and not named and bool(asks) and not text.startswith("/")


def answers_given(knowledge: Knowledge, tracker: Tracker) -> Dict[str, str]:
    return {c.slot: tracker.get_slot(c.slot) for c in knowledge.choice_model().criteria}


class ActionRecommend(Action):
    """Ends choice_form: sets the slot recommendation and explains it."""

    def name(self) -> Text:
        return "action_recommend"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        knowledge = Knowledge()
        answers = answers_given(knowledge, tracker)
        result, replies = recommendation_replies(knowledge, answers)
        events: List[EventType] = [SlotSet("recommendation", result)]
        facts = []
        for reply in replies:
            facts += reply.facts
            events += reply.send(dispatcher)
        await send_recommendation_chart(dispatcher, knowledge, answers, RESULT_TITLES[result].rstrip("."))
        return events + [SlotSet("last_sources", source_ids(facts))] + offer_feedback(dispatcher, tracker, always=True)


class ActionResetChoice(Action):
    """Clears the answers so that choice_form starts again from the first question."""

    def name(self) -> Text:
        return "action_reset_choice"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        form = FORMS_CONFIG["choice_form"]
        cleared = [
            SlotSet(s, None) for s in list(form["slots"]) + ["recommendation", form["failure_slot"], "requested_slot"]
        ]
        return cleared + choice_intro(Knowledge()).send(dispatcher)


# the seed's advice on what to ask oneself before choosing (knowledge/advice.yml, getting_started.general), which
# the five questions follow: found by their first words, so a rewording that loses them fails a test
INTRO_FACTS = ("Demandez-vous d’abord", "Demandez-vous aussi")


def choice_intro(knowledge: Knowledge) -> Reply:
    """The start of the guided choice: what the seed article says to ask oneself, then the five questions."""
    general = knowledge.getting_started("general")
    facts = [next(f for f in general if f.text.startswith(start)) for start in INTRO_FACTS]
    return Reply(
        "C'est parti ! Voici ce que l'article de référence conseille pour choisir :\n"
        + bullets(facts)
        + "\nCinq questions rapides sur ces points, puis je vous dis ce qui vous correspond le mieux.",
        facts=facts,
    )
