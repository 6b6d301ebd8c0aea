"""Asking whether an answer helped (without nagging) and answering the user's rating."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import latest_entities
from actions.feedback_text import is_negative
from actions.menus import other_steps
from actions.replies import Reply

FEEDBACK_EVERY = 3  # substantive answers between two offers
RATINGS = ("useful", "useless")
COUNTER_SLOT = "answers_since_feedback"
FEEDBACK_QUESTION = "Cette réponse vous a-t-elle été utile ?"
FEEDBACK_BUTTONS = [
    button("👍 Utile", "feedback", rating="useful"),
    button("👎 Pas utile", "feedback", rating="useless"),
]


def feedback_due(answers_since_offer: int, in_form: bool, always: bool = False) -> bool:
    """Offer a rating after every FEEDBACK_EVERY-th substantive answer (or always), never inside a form."""
    if in_form:
        return False
    return always or answers_since_offer + 1 >= FEEDBACK_EVERY


def offer_feedback(dispatcher: CollectingDispatcher, tracker: Tracker, always: bool = False) -> List[EventType]:
    """Called by answer actions after their reply: asks for a rating when due, and counts answers."""
    count = int(tracker.get_slot(COUNTER_SLOT) or 0)
    if not feedback_due(count, bool((tracker.active_loop or {}).get("name")), always):
        return [SlotSet(COUNTER_SLOT, float(count + 1))]
    dispatcher.utter_message(text=FEEDBACK_QUESTION, buttons=FEEDBACK_BUTTONS)
    return [SlotSet(COUNTER_SLOT, 0.0)]


def send_answer(reply: Reply, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Sends an answer; one stating facts counts as substantive and may be followed by the rating question."""
    events = reply.send(dispatcher)
    return events + offer_feedback(dispatcher, tracker) if reply.facts else events


def rating_of(text: str, rating_entity: Optional[str]) -> str:
    """The rating a button gave, else the one a free-text message expresses."""
    if rating_entity in RATINGS:
        return rating_entity
    return "useless" if is_negative(text or "") else "useful"


def feedback_reply(rating: str, concept_id: Optional[str], rated_topic: Optional[str] = None) -> Reply:
    """Thanks for a good rating; an apology and other ways forward for a bad one (not the same answer again)."""
    if rating == "useful":
        return Reply(
            "Merci pour votre retour ! Puis-je vous aider sur autre chose ?",
            [button("Que savez-vous faire ?", "help"), button("Aidez-moi à choisir", "help_me_choose")],
        )
    return Reply(
        "Désolé que cette réponse ne vous ait pas aidé. Vous pouvez reformuler votre question avec d'autres mots, "
        "voir un sujet proche, ou parler à une personne qui peut vous conseiller.",
        other_steps(concept_id, rated_topic)[:2]
        + [button("Parler à un humain", "ask_human"), button("Que savez-vous faire ?", "help")],
    )


class ActionFeedback(Action):
    """Answers feedback and records the rating with the topic of the answer it rates."""

    def name(self) -> Text:
        return "action_feedback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        ratings = latest_entities(tracker, "rating")
        rating = rating_of(tracker.latest_message.get("text") or "", ratings[0] if ratings else None)
        rated = {"rating": rating, "answer": tracker.get_slot("last_topic")}
        reply = feedback_reply(rating, tracker.get_slot("concept"), rated["answer"])
        return reply.send(dispatcher) + [SlotSet("last_feedback", rated)]
