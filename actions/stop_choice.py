"""A « stop » during the guided choice: stops at once when the message already confirms it."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge.folding import fold

STOP_ACTION = "action_stop_choice"

# words that leave no doubt: the questionnaire named, a first person that decides, or an insistence
CONFIRMED_STOP = (
    r"(arrete[rz]?|stoppe[rz]?|stop|quitte[rz]?|termine[rz]?|annule[rz]?|sortir d[ue]) (le |ce |du |ton |votre )?"
    r"(questionnaire|quiz|formulaire|test)|j'?arrete|je (veux|voudrais|prefere|souhaite) (vraiment )?(arreter|stopper|"
    r"quitter|en rester la)|vraiment|je confirme|c'?est (sur|decide)|definitivement|oui,? (stop|arrete)"
)


# a message that is only an order to stop (« STOP », « arrêtez svp », « on arrête là ») has said it already; a
# question (« stop ? ») or a mood (« laisse tomber ») is asked again
STOP_ORDER = re.compile(
    r"(on )?(sto+p+|arret(e|ez|er)|stopp(e|ez|er)|quitt(e|ez|er)|annul(e|ez|er)|fini|halte|basta)"
    r"( (sto+p+|la|ici|maintenant|tout|ca|svp|stp|merci|s'?il (te|vous) plait))*"
)


def confirms_stop(text: str) -> bool:
    if text.startswith("/"):
        return False
    folded = fold(text)
    words = " ".join(re.findall(r"[\w']+", folded))
    return bool(re.search(CONFIRMED_STOP, folded)) or ("?" not in text and bool(STOP_ORDER.fullmatch(words)))


class ActionHandleStop(Action):
    """A stop inside choice_form: a confirmed one goes straight to action_stop_choice; else the rules ask first."""

    def name(self) -> Text:
        return "action_handle_stop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if confirms_stop(tracker.latest_message.get("text") or ""):
            # a follow-up, because rules cannot read the words; the rules' next step (the question) is skipped
            return [FollowupAction(STOP_ACTION)]
        return []


class ActionStopChoice(Action):
    """Ends choice_form at once and says so."""

    def name(self) -> Text:
        return STOP_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(response="utter_choice_stopped")
        return [ActiveLoop(None), SlotSet("requested_slot", None)]
