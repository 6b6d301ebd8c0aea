"""The income simulation form (simulate_income_form): its four questions, then the simulation."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_parsing import is_correction, says_dont_know
from actions.charts import send_chart
from actions.custom_forms import AskSlotAction, GuidedFormValidation
from actions.feedback import offer_feedback
from actions.knowledge.model import Fact
from actions.knowledge.queries import Knowledge
from actions.rendering import render_fact
from actions.simulation.amounts import Amount, parse_amount
from actions.simulation.answers import names_acre, names_health_profession, parse_choice, parse_platform
from actions.simulation.chart import chart_alt_text, publish_chart
from actions.simulation.compute import Inputs, simulate
from actions.simulation.reply import amount, simulation_replies

FORM = "simulate_income_form"
SLOTS = ("sim_activity", "sim_turnover", "sim_platform", "sim_acre")
DEFAULTS = {"sim_activity": "bnc", "sim_turnover": "1000/mois", "sim_platform": "none", "sim_acre": "none"}


def health_professions_fact(knowledge: Knowledge) -> Fact:
    """The store's fact saying which health professions have no access to the micro-entreprise."""
    return next(f for f in knowledge.legal_topic("micro_entreprise").facts if "CARPIMKO" in f.text)


def platforms_with_fees(knowledge: Knowledge) -> List[tuple]:
    """(platform id, spellings) of the platforms whose commission the store gives as a rate."""
    ids = [rid[len("commission_") :] for rid in knowledge.store.rates if rid.startswith("commission_")]
    return [(p.id, (p.name,) + p.aliases) for pid in ids if (p := knowledge.find_platform(pid))]


class ValidateSimulateIncomeForm(GuidedFormValidation):
    """validate_simulate_income_form: reads amounts, activities, platforms and ACRE from buttons or words."""

    form = FORM

    def parse(self, slot: str, text: str) -> Optional[str]:
        if slot == "sim_turnover":
            found = parse_amount(text)
            return found.slot_value if found else None
        if slot == "sim_platform":
            return parse_platform(text, platforms_with_fees(Knowledge()))
        return parse_choice(slot, text)

    def is_correction(self, text: str) -> bool:
        return is_correction(text)

    def explained(self, tracker: Tracker) -> bool:
        """A health profession the micro-entreprise does not admit (explained by extract_sim_activity)."""
        text = tracker.latest_message.get("text") or ""
        return tracker.get_slot("requested_slot") in (None, "sim_activity") and names_health_profession(text)

    async def extract_sim_activity(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Dict[Text, Any]:
        """A health profession the micro-entreprise does not admit is explained, not simulated at a wrong rate;
        the question then comes back for another activity."""
        if self.explained(tracker):
            fact = health_professions_fact(Knowledge())
            dispatcher.utter_message(text=f"{render_fact(fact)} Je ne peux donc pas simuler cette activité.")
        return {}

    def says_dont_know(self, text: str) -> bool:
        return says_dont_know(text)

    def default(self, slot: str) -> str:
        return DEFAULTS[slot]

    def title(self, slot: str, value: Any) -> str:
        if slot == "sim_turnover":
            turnover = Amount.from_slot(value)
            return f"{amount(turnover.euros)} par {turnover.period}" if turnover else str(value)
        return super().title(slot, value)

    def _stated(self, tracker: Tracker) -> Dict[str, str]:
        """As the base, but a date alone (« créée en 2025 », « en 2027 ») says nothing of ACRE: the ACRE answer is
        read only from a message that names it, or from the answer to the ACRE question."""
        stated = super()._stated(tracker)
        text = tracker.latest_message.get("text") or ""
        if "sim_acre" in stated and tracker.get_slot("requested_slot") != "sim_acre" and not names_acre(text):
            del stated["sim_acre"]
        return stated

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        """The first message (« combien de cotisations sur 1 200 € ? ») fills every answer it states."""
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        if tracker.get_slot("requested_slot") is None:
            given = {e["name"] for e in events}
            events += [SlotSet(slot, value) for slot, value in self._stated(tracker).items() if slot not in given]
        return events


class ActionResetSimulation(Action):
    """action_reset_simulation: a new simulation starts from empty answers."""

    def name(self) -> Text:
        return "action_reset_simulation"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        return [SlotSet(slot, None) for slot in SLOTS] + [SlotSet("simulation_failures", 0)]


class ActionSimulateIncome(Action):
    """action_simulate_income: the simulation from the form's answers and the rates of the store."""

    today: Callable[[], dt.date] = staticmethod(dt.date.today)

    def name(self) -> Text:
        return "action_simulate_income"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        answers = {slot: tracker.get_slot(slot) or DEFAULTS[slot] for slot in SLOTS}
        turnover = Amount.from_slot(answers["sim_turnover"]) or Amount.from_slot(DEFAULTS["sim_turnover"])
        knowledge = Knowledge()
        inputs = Inputs(answers["sim_activity"], turnover, answers["sim_platform"], answers["sim_acre"])
        simulation = simulate(inputs, knowledge.store.rates)
        computation, checks = simulation_replies(knowledge, simulation, self.today())
        events = computation.send(dispatcher)
        await send_chart(dispatcher, chart_alt_text(simulation), publish_chart(simulation))
        return events + checks.send(dispatcher) + offer_feedback(dispatcher, tracker, always=True)


class ActionAskSimActivity(AskSlotAction):
    """action_ask_sim_activity: the kind of activity (its contribution rate)."""

    form, slot = FORM, "sim_activity"


class ActionAskSimTurnover(AskSlotAction):
    """action_ask_sim_turnover: the turnover, per month or per year."""

    form, slot = FORM, "sim_turnover"


class ActionAskSimPlatform(AskSlotAction):
    """action_ask_sim_platform: the platform that takes a commission, if any."""

    form, slot = FORM, "sim_platform"


class ActionAskSimAcre(AskSlotAction):
    """action_ask_sim_acre: ACRE, and when the business was created."""

    form, slot = FORM, "sim_acre"


ASK_ACTIONS = (ActionAskSimActivity, ActionAskSimTurnover, ActionAskSimPlatform, ActionAskSimAcre)
