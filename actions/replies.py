"""One bot answer (text, buttons, the facts it relied on) and the events that record it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge.model import Fact
from actions.knowledge.queries import source_ids


@dataclass
class Reply:
    """One bot answer: text, next-step buttons, and the facts it relied on."""

    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)
    facts: List[Fact] = field(default_factory=list)
    topic: Optional[str] = None
    slots: Dict[str, Any] = field(default_factory=dict)

    def send(self, dispatcher: CollectingDispatcher) -> List[EventType]:
        dispatcher.utter_message(text=self.text, buttons=self.buttons or None)
        events: List[EventType] = [SlotSet(k, v) for k, v in self.slots.items()]
        if self.facts:
            events.append(SlotSet("last_sources", source_ids(self.facts)))
            events.append(SlotSet("last_checked", min(f.checked for f in self.facts).isoformat()))
        if self.topic:
            events.append(SlotSet("last_topic", self.topic))
        return events
