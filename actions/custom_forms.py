"""Reusable form behaviour: free-text answers, corrections, "je ne sais pas", repeated failures."""
from __future__ import annotations

from abc import ABCMeta, abstractmethod
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import yaml
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import button

FORMS_CONFIG = yaml.safe_load((Path(__file__).parent / "forms.yml").read_text(encoding="utf-8"))
STOP_QUESTION = "utter_ask_stop_confirm"
SMALL_TALK = ("greet", "thank", "affirm", "deny")


def last_bot_action(tracker: Tracker) -> Optional[str]:
    """The response name of the bot's last message (e.g. utter_ask_stop_confirm), if any."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get("utter_action")
    return None


class GuidedFormValidation(FormValidationAction, metaclass=ABCMeta):
    """Validates a form from forms.yml; subclasses only say how to read an answer."""

    form: Text = ""

    def name(self) -> Text:
        return f"validate_{self.form}"

    @property
    def config(self) -> Dict[str, Any]:
        return FORMS_CONFIG[self.form]

    @abstractmethod
    def parse(self, slot: str, text: str) -> Optional[str]:
        """The value of `slot` stated by the text, or None."""

    def parse_all(self, text: str) -> Dict[str, str]:
        return {slot: v for slot in self.config["slots"] if (v := self.parse(slot, text))}

    def is_correction(self, text: str) -> bool:
        return False

    def says_dont_know(self, text: str) -> bool:
        return False

    @abstractmethod
    def default(self, slot: str) -> str:
        """The value taken when the user does not know."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        requested = tracker.get_slot("requested_slot")
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name")
        text = message.get("text") or ""
        failures = int(tracker.get_slot(self.config["failure_slot"]) or 0)
        given = {e["entity"]: e["value"] for e in message.get("entities", [])
                 if e.get("entity") in self.config["slots"] and e.get("value") in self.config["slots"][e["entity"]]["values"]}
        parsed = given or ({} if text.startswith("/") else self.parse_all(text))

        if requested in parsed:
            events = [SlotSet(requested, parsed[requested]), SlotSet(self.config["failure_slot"], 0)]
            return events + self._corrections(dispatcher, tracker, parsed, requested, text, explicit=bool(given))
        corrections = self._corrections(dispatcher, tracker, parsed, requested, text, explicit=bool(given))
        if corrections:
            return corrections
        if requested and (intent == "dont_know" or self.says_dont_know(text)) and not parsed:
            value = self.default(requested)
            note = self.config["slots"][requested]["default_note"]
            title = self.config["slots"][requested]["values"][value]
            dispatcher.utter_message(text=f"Pas de souci : {note} (« {title} »)")
            return [SlotSet(requested, value), SlotSet(self.config["failure_slot"], 0)]
        if intent in SMALL_TALK and last_bot_action(tracker) == STOP_QUESTION:
            return []  # the stop-confirmation rules take it from here
        if intent in self.config["interrupting_intents"] and intent not in SMALL_TALK:
            return []  # rejected: a rule answers the question, then the form asks again
        if intent in SMALL_TALK:
            return [SlotSet(self.config["failure_slot"], failures)]  # just ask the question again
        return [SlotSet(self.config["failure_slot"], failures + 1)]

    def _corrections(self, dispatcher: CollectingDispatcher, tracker: Tracker, parsed: Dict[str, str],
                     requested: Optional[str], text: str, explicit: bool) -> List[EventType]:
        """Earlier answers the user changes: a button of an earlier question, or "en fait …"."""
        if not (explicit or self.is_correction(text)):
            return []
        events: List[EventType] = []
        for slot, value in parsed.items():
            if slot != requested and tracker.get_slot(slot) not in (None, value):
                title = self.config["slots"][slot]["values"][value]
                dispatcher.utter_message(text=f"C'est noté, je corrige votre réponse : « {title} ».")
                events.append(SlotSet(slot, value))
        return events


class AskSlotAction(Action, metaclass=ABCMeta):
    """Asks one question of a form, rephrased after a failure, with an exit after repeated ones."""

    form: Text = ""

    @property
    @abstractmethod
    def slot(self) -> Text:
        """The slot this action asks for (set by ask_actions)."""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        config = FORMS_CONFIG[self.form]
        question = config["slots"][self.slot]
        failures = int(tracker.get_slot(config["failure_slot"]) or 0)
        buttons = [button(title, "inform", **{self.slot: value}) for value, title in question["values"].items()]
        buttons.append(button("Je ne sais pas", "dont_know"))
        if failures == 0:
            text = question["question"]
        elif failures < config["max_failures"]:
            text = f"Je n'ai pas su placer votre réponse. {question['rephrase']}"
        else:
            text = (f"Je n'arrive toujours pas à placer votre réponse. {question['rephrase']}\n"
                    "Vous pouvez choisir un bouton, répondre « je ne sais pas » pour que je retienne "
                    "une valeur par défaut, ou arrêter le questionnaire.")
            buttons.append(button("Arrêter le questionnaire", "stop"))
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


def ask_actions(form: str) -> List[type]:
    """One action_ask_<slot> class per slot of the form, built from forms.yml."""
    return [type(f"AskFor_{slot}", (AskSlotAction,), {"form": form, "slot": slot})
            for slot in FORMS_CONFIG[form]["slots"]]
