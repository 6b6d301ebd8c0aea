"""What every channel shares: the conversation id, checked text and metadata, a reply to every message, health."""

from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import REFUSAL_BUTTONS, SILENCE_REPLY, clean_text, valid_sender
from channels.payload import checked_payload
from runtime.fault_policy import TrackerStoreUnavailable

logger = logging.getLogger(__name__)

MAX_METADATA_CHARS = 4096  # as compact JSON; Rasa stores the metadata with every user turn
# Each channel's conversations live in their own id space of the tracker store: no channel reaches another's.
CONVERSATION_SCOPES = {"rest": "rest", "telegram": "tg", "socketio": "web"}
SHOWN_KEYS = ("text", "quick_replies", "buttons", "custom", "image", "attachment", "elements")
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def limited_metadata(raw: object) -> Dict[Text, Any]:
    """Metadata for Rasa: a JSON object (or its JSON text) of at most MAX_METADATA_CHARS, anything else {}."""
    try:
        text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):  # RecursionError: nested too deep to serialise
        return {}
    if len(text) > MAX_METADATA_CHARS:
        logger.warning("Métadonnées de %d caractères ignorées (maximum %d).", len(text), MAX_METADATA_CHARS)
        return {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            return {}
    return raw if isinstance(raw, dict) else {}


def recipient_of(conversation: Any) -> Any:
    """The transport's own id (chat id, socket room, REST sender) inside a scoped conversation id; any other id
    (a Telegram chat id as an integer) as it is."""
    return conversation.split(":", 1)[1] if isinstance(conversation, str) and ":" in conversation else conversation


class ReplyCounter(OutputChannel):
    """One message's view of a channel's output: passes Rasa's replies on, addressed to the transport's own
    recipient, and counts those that show something."""

    def __init__(self, target: OutputChannel, recipient: Text) -> None:
        self.target, self.recipient, self.sent = target, recipient, 0

    def name(self) -> Text:  # Rasa picks channel-specific responses by this name: keep the target's
        return self.target.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if any(message.get(key) for key in SHOWN_KEYS):
            self.sent += 1
        await self.target.send_response(self.recipient, message)


class GuardedChannel(InputChannel):
    """Base of the channels: each finds the text, the conversation id and its output in its own transport, then
    calls `deliver`; the user always hears back (the answer, a polite refusal, or the apology)."""

    app: Optional[Any] = None  # the running Sanic app, whose agent holds the domain

    def conversation_id(self, raw: object) -> Optional[str]:
        """The conversation (Rasa sender id) a transport's sender, session or chat id stands for, scoped to this
        channel (`rest:…`, `tg:…`, `web:…`), or None if it is unusable; every channel turns its ids into
        conversations here and nowhere else."""
        sender = valid_sender(raw)
        if sender is None:
            return None
        return f"{CONVERSATION_SCOPES.get(self.name(), self.name())}:{sender}"

    def health_status(self) -> Dict[Text, Any]:
        """The JSON of GET /webhooks/<channel>/."""
        return {"status": "ok"}

    def add_health_route(self, webhook: Blueprint) -> None:
        """GET /webhooks/<channel>/, and a hold on the running app: its agent's domain checks button payloads."""

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json(self.health_status())

        @webhook.listener("after_server_start")
        async def remember_app(app: Any, _loop: Any) -> None:
            self.app = app

    def agent(self) -> Optional[Any]:
        """The agent serving the model (None outside `rasa run`)."""
        return getattr(getattr(self.app, "ctx", None), "agent", None)

    def domain(self) -> Optional[Any]:
        """The domain of the model being served (None outside `rasa run`, or before the model is loaded)."""
        return getattr(self.agent(), "domain", None)

    async def deliver(
        self,
        on_new_message: OnNewMessage,
        raw_text: object,
        sender_id: str,
        output: OutputChannel,
        metadata: object = None,
        silent: bool = False,
    ) -> bool:
        """Gives the cleaned text to Rasa as a message of sender_id (from `conversation_id`); unusable text gets a
        refusal instead, and if Rasa fails or shows nothing the user gets the apology, once (when `silent`, showing
        nothing is expected: a paused conversation). Replies go to the transport's own recipient inside sender_id.
        False when the conversation could not be read or saved (the turn is not stored: a 503 for HTTP)."""
        recipient = recipient_of(sender_id)
        text, refusal = clean_text(raw_text)
        if refusal:
            await output.send_response(recipient, {"text": refusal, "buttons": REFUSAL_BUTTONS})
            return True
        text = checked_payload(text, self.domain())
        replies, stored = ReplyCounter(output, recipient), True
        try:
            await on_new_message(
                UserMessage(text, replies, sender_id, input_channel=self.name(), metadata=limited_metadata(metadata))
            )
        except TrackerStoreUnavailable:
            logger.error(
                "Conversation illisible ou non enregistrée (canal %s) ; réponse d'excuse envoyée.", self.name()
            )
            stored = False
        except Exception:  # noqa: BLE001 - the user still gets an answer below
            logger.exception("Message non traité (canal %s) ; réponse d'excuse envoyée.", self.name())
        if (not replies.sent and not silent) or not stored:
            await output.send_text_message(recipient, SILENCE_REPLY)
        return stored
