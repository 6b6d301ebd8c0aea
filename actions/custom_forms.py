"""Guided forms on rasa-sdk's validation hooks: free-text answers, corrections, "je ne sais pas", failures."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import yaml
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import last_bot_action

FORMS_CONFIG = yaml.safe_load((Path(__file__).parent / "forms.yml").read_text(encoding="utf-8"))
STOP_QUESTION = "utter_ask_stop_confirm"
SMALL_TALK = ("greet", "thank", "affirm", "deny")


class GuidedFormValidation(FormValidationAction, metaclass=ABCMeta):
    """Validates a form described in forms.yml; subclasses say how to read an answer.

    rasa-sdk runs, in order, `extract_<slot>` methods, then `validate_<slot>` methods; this class adds
    the form's own reading of the message to the first step and its conversation rules to the second,
    so a subclass may still define either hook for any slot.
    """

    form: Text = ""

    def name(self) -> Text:
        return f"validate_{self.form}"

    @property
    def config(self) -> Dict[str, Any]:
        return FORMS_CONFIG[self.form]

    @abstractmethod
    def parse(self, slot: str, text: str) -> Optional[str]:
        """The value of `slot` stated by the text, or None."""

    def is_correction(self, text: str) -> bool:
        return False

    def says_dont_know(self, text: str) -> bool:
        return False

    @abstractmethod
    def default(self, slot: str) -> str:
        """The value taken when the user does not know."""

    def title(self, slot: str, value: Any) -> str:
        """How an answer reads back to the user: the title of its button."""
        return self.config["slots"][slot]["values"][value]

    def domain_slots(self, domain: Dict[Text, Any]) -> List[Text]:
        """The form's questions, in the order of forms.yml (tests check the domain lists the same)."""
        return list(self.config["slots"])

    def _buttons_answers(self, message: Dict[str, Any]) -> Dict[str, str]:
        """Answers given by a button of a question: entities named after a slot, with one of its values."""
        slots = self.config["slots"]
        return {
            e["entity"]: e["value"]
            for e in message.get("entities", [])
            if e.get("entity") in slots and e.get("value") in slots[e["entity"]]["values"]
        }

    def _stated(self, tracker: Tracker) -> Dict[str, str]:
        """Every answer the latest message gives: from its buttons, else from its words."""
        message = tracker.latest_message
        text = message.get("text") or ""
        given = self._buttons_answers(message)
        if given or text.startswith("/"):
            return given
        return {slot: value for slot in self.config["slots"] if (value := self.parse(slot, text))}

    def _dont_know(self, tracker: Tracker) -> bool:
        message = tracker.latest_message
        intent = (message.get("intent") or {}).get("name")
        return intent == "dont_know" or self.says_dont_know(message.get("text") or "")

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        """The answer to the requested question (or its default on "je ne sais pas"), and corrections.

        Besides the requested question, a message only changes earlier answers, and only when it says so:
        a button of an earlier question, or words such as « en fait ». `extract_<slot>` methods win.
        """
        hooked = {e["name"]: e["value"] for e in await super().get_extraction_events(dispatcher, tracker, domain)}
        requested = tracker.get_slot("requested_slot")
        stated = self._stated(tracker)
        proposed: Dict[str, Any] = {}
        if requested in stated:
            proposed[requested] = stated[requested]
        elif requested and not stated and self._dont_know(tracker):
            proposed[requested] = self.default(requested)
        text = tracker.latest_message.get("text") or ""
        if self._buttons_answers(tracker.latest_message) or self.is_correction(text):
            proposed.update({slot: value for slot, value in stated.items() if slot != requested})
        proposed.update(hooked)
        changes = {
            slot: value
            for slot, value in proposed.items()
            if slot == requested or tracker.get_slot(slot) not in (None, value)
        }
        return [SlotSet(slot, value) for slot, value in changes.items()]

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        """rasa-sdk's `validate_<slot>` hooks, then what the user is told and how failures are counted."""
        events = await super().get_validation_events(dispatcher, tracker, domain)
        values = {e["name"]: e["value"] for e in events}
        requested = tracker.get_slot("requested_slot")
        failure_slot = self.config["failure_slot"]
        # before the first question (the form's first message) nothing can be corrected yet
        corrected = [slot for slot, value in values.items() if requested and slot != requested and value is not None]
        if values.get(requested) is not None:
            if requested not in self._stated(tracker) and self._dont_know(tracker):  # the default was taken
                note = self.config["slots"][requested]["default_note"]
                dispatcher.utter_message(text=f"Pas de souci : {note} (« {self.title(requested, values[requested])} »)")
            self._say_corrections(dispatcher, corrected, values)
            return events + [SlotSet(failure_slot, 0)]
        if corrected:
            self._say_corrections(dispatcher, corrected, values)
            return events
        return events + self._unanswered(tracker)

    def _say_corrections(self, dispatcher: CollectingDispatcher, corrected: List[str], values: Dict[str, Any]) -> None:
        for slot in corrected:
            dispatcher.utter_message(
                text=f"C'est noté, je corrige votre réponse : « {self.title(slot, values[slot])} »."
            )

    def explained(self, tracker: Tracker) -> bool:
        """Whether the message was understood but cannot be taken, and the form has said why (subclasses say when):
        the question comes back as it was, without counting a failure."""
        return False

    def _unanswered(self, tracker: Tracker) -> List[EventType]:
        """A message that answers nothing: left to the rules, asked again, or counted as a failure."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        failure_slot = self.config["failure_slot"]
        failures = int(tracker.get_slot(failure_slot) or 0)
        if self.explained(tracker):
            return [SlotSet(failure_slot, failures)]
        if intent in SMALL_TALK and last_bot_action(tracker) == STOP_QUESTION:
            return []  # the stop-confirmation rules take it from here
        if intent in self.config["interrupting_intents"] and intent not in SMALL_TALK:
            return []  # rejected: a rule answers the question, then the form asks again
        if intent in SMALL_TALK:
            return [SlotSet(failure_slot, failures)]  # just ask the question again
        return [SlotSet(failure_slot, failures + 1)]


class AskSlotAction(Action, metaclass=ABCMeta):
    """Asks one question of a form, rephrased after a failure, with an exit after repeated ones."""

    form: Text = ""

    @property
    @abstractmethod
    def slot(self) -> Text:
        """The slot this action asks for."""

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
            text = (
                f"Je n'arrive toujours pas à placer votre réponse. {question['rephrase']}\n"
                "Vous pouvez choisir un bouton, répondre « je ne sais pas » pour que je retienne "
                "une valeur par défaut, ou arrêter le questionnaire."
            )
            buttons.append(button("Arrêter le questionnaire", "stop"))
        dispatcher.utter_message(text=text, buttons=buttons)
        return []
