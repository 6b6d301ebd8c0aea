"""The offer to talk to an adviser here on Telegram: when it applies, its sentence and its consent button."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

from actions.buttons import button
from actions.replies import Reply

HANDOFF_INTENT, STEP_ENTITY = "adviser_handoff", "handoff_step"
CONSENT_BUTTON = button("Parler à un conseiller ici", HANDOFF_INTENT, **{STEP_ENTITY: "consent"})
OFFER = (  # opens the answer in place of the usual introduction, which would make it too long
    "Je suis un assistant automatique, mais un conseiller peut vous répondre ici : il ne verra que votre "
    "dernière question et vos réponses au questionnaire."
)


def advisers_here(latest_message: Mapping[str, Any]) -> bool:
    """True on Telegram when the operator has set up an advisers' chat: the channel says so in the metadata."""
    telegram = (latest_message.get("metadata") or {}).get("telegram")
    return isinstance(telegram, dict) and telegram.get("advisers") is True


def with_adviser_offer(reply: Reply) -> Reply:
    """The answer (opened by OFFER) with the consent button first."""
    return replace(reply, buttons=[CONSENT_BUTTON, *reply.buttons])
