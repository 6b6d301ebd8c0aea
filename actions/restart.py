"""/restart (typed on Telegram or in the widget): the conversation starts again, and the user is told so."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button

RESTARTED = (
    "C'est reparti de zéro : je ne tiens plus compte de ce que vous m'avez dit avant. Par quoi commençons-nous ?"
)


class ActionRestart(Action):
    """Rasa's own restart says nothing, which the channels read as a failure: this one says it started again."""

    def name(self) -> Text:
        return "action_restart"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(
            text=RESTARTED,
            buttons=[
                button("C'est quoi le micro-travail ?", "ask_definition", concept="microwork"),
                button("C'est quoi le freelance ?", "ask_definition", concept="freelancing"),
                button("Aidez-moi à choisir", "help_me_choose"),
            ],
        )
        return [Restarted()]
