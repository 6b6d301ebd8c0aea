"""Answers "d'où vient cette info ?" with the sources of the facts in the last answer."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.knowledge.queries import Knowledge
from actions.replies import Reply

MAX_SOURCES = 6


def sources_reply(knowledge: Knowledge, source_ids: Sequence[str], checked: Optional[str] = None) -> Reply:
    """The sources of the previous answer, with the date its facts were checked."""
    sources = knowledge.sources(source_ids or [])
    if not sources:
        return Reply(
            "Je n'ai pas encore donné d'information sourcée dans cette conversation. "
            "Posez-moi une question, puis demandez-moi ma source.",
            [
                button("C'est quoi le micro-travail ?", "ask_definition", concept="microwork"),
                button("Comparer les deux", "ask_comparison"),
            ],
        )
    lines = [f"• {s.title} : {s.reference}" for s in sources[:MAX_SOURCES]]
    more = len(sources) - MAX_SOURCES
    if more > 0:
        lines.append(f"• … et {more} autre{'s' if more > 1 else ''} source{'s' if more > 1 else ''}.")
    when = f", vérifiées le {dt.date.fromisoformat(checked):%d/%m/%Y}" if checked else ""
    text = (
        f"Ma réponse précédente s'appuie sur ces sources{when} :\n"
        + "\n".join(lines)
        + "\nLes frais et les règles changent souvent : vérifiez sur le site officiel avant de vous décider."
    )
    return Reply(text, [button("Que savez-vous faire ?", "help")])


class ActionShowSources(Action):
    """Answers ask_source from the slot last_sources set by the previous answer."""

    def name(self) -> Text:
        return "action_show_sources"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        return sources_reply(
            Knowledge(), tracker.get_slot("last_sources") or [], tracker.get_slot("last_checked")
        ).send(dispatcher)
