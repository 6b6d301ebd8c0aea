"""Website socket.io channel: server-issued signed sessions bound to their socket, awaited room joins, an origin
allow-list, a per-connection message rate limit, the widget's events."""

from __future__ import annotations

import logging
import os
import time
from typing import Any, Dict, Iterable, List, Optional, Text

import rasa.core.channels.channel
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint
from socketio import AsyncServer

from channels import web_session
from channels.base import GuardedChannel, OnNewMessage

logger = logging.getLogger(__name__)

DEFAULT_ORIGINS = ("http://localhost:8080", "http://127.0.0.1:8080")
MAX_FRAME_BYTES = 16 * 1024  # a message and its metadata fit; engine.io refuses bigger frames before decoding them
SESSION_REPLY = "Je ne retrouve pas votre conversation : rechargez la page pour la reprendre."
RATE_REPLY = "Vous envoyez beaucoup de messages à la suite : patientez quelques secondes avant le suivant."
MESSAGE_BURST, MESSAGES_PER_SECOND = 10, 1.0  # a person types far slower; a script on one socket is held back


class MessageBudget:
    """A token bucket per connection: MESSAGE_BURST messages at once, then MESSAGES_PER_SECOND."""

    def __init__(self, burst: int = MESSAGE_BURST, rate: float = MESSAGES_PER_SECOND) -> None:
        self.burst, self.rate, self.tokens, self.at = burst, rate, float(burst), time.monotonic()
        self.warned = False

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        self.warned = False
        return True


def parse_origins(raw: Any) -> List[str]:
    """Origins from a list or a comma/space separated string, without trailing slashes."""
    if raw is None:
        return []
    items: Iterable[Any] = raw.replace(",", " ").split() if isinstance(raw, str) else raw
    return [str(item).strip().rstrip("/") for item in items if str(item).strip()]


def allowed_origins(credentials: Dict[Text, Any]) -> List[str]:
    """WEB_ORIGINS (environment) wins, then `cors_allowed_origins` from credentials, then the local page."""
    return (
        parse_origins(os.environ.get("WEB_ORIGINS"))
        or parse_origins(credentials.get("cors_allowed_origins"))
        or list(DEFAULT_ORIGINS)
    )


class WidgetSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output, except that custom JSON goes out as the message body, as the widget expects."""

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, json_message)


class WebSocketIOInput(GuardedChannel, SocketIOInput):
    """Drop-in replacement for Rasa's `socketio` channel (same events, same credentials keys, plus
    `cors_allowed_origins`). Fixes Rasa 3.6: `enter_room` is a coroutine in python-socketio >= 5.10
    and Rasa never awaited it, so with `session_persistence: true` every bot reply was lost."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WebSocketIOInput":
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        channel.cors_allowed_origins = allowed_origins(credentials)
        return channel

    def __init__(self, *args: Any, cors_allowed_origins: Optional[List[str]] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cors_allowed_origins = cors_allowed_origins or list(DEFAULT_ORIGINS)
        self.secret = web_session.server_secret()
        self.sessions: Dict[Text, Text] = {}  # socket id -> the signed session issued to (or verified on) it
        self.budgets: Dict[Text, MessageBudget] = {}

    def get_output_channel(self) -> Optional[rasa.core.channels.channel.OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return WidgetSocketIOOutput(self.sio, self.bot_message_evt)

    def _authorised(self, auth: Optional[Dict]) -> bool:
        if not self.jwt_key:
            return True
        token = auth.get("token") if isinstance(auth, dict) else None
        if not token:
            return False
        try:
            return bool(rasa.core.channels.channel.decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))
        except Exception:  # noqa: BLE001 - any undecodable token is a refusal
            return False

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The socket.io server (on `socketio_path`) and a health route at /webhooks/socketio/."""
        logger.info(f"socket.io accepts the origins {self.cors_allowed_origins}")
        sio = AsyncServer(
            async_mode="sanic", cors_allowed_origins=self.cors_allowed_origins, max_http_buffer_size=MAX_FRAME_BYTES
        )
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        namespace = self.namespace
        self.add_health_route(webhook)

        @sio.on("connect", namespace=namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            allowed = self._authorised(auth)
            logger.debug(f"socket.io client {sid} {'connected' if allowed else 'refused (token)'}.")
            return allowed

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: Text, *_: Any) -> None:
            self.sessions.pop(sid, None)
            self.budgets.pop(sid, None)
            logger.debug(f"socket.io client {sid} disconnected.")

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            """The session this browser was issued (it kept the signed id), else a fresh one: never another's."""
            requested = data.get("session_id") if isinstance(data, dict) else None
            signed = requested if web_session.verified(requested, self.secret) else web_session.issue(self.secret)
            await self.bind(sio, sid, signed)
            await sio.emit("session_confirm", signed, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            data = data if isinstance(data, dict) else {}
            output = WidgetSocketIOOutput(sio, self.bot_message_evt)
            if not self.budgets.setdefault(sid, MessageBudget()).take():
                await self.hold_back(output, sid)
                return
            signed, given = self.sessions.get(sid), data.get("session_id")
            if signed is None and web_session.verified(given, self.secret):  # reconnected without a new request
                signed = await self.bind(sio, sid, given)
            # the socket speaks only in the session bound to it, and only when it names that one
            session = web_session.verified(signed, self.secret) if signed == given else None
            sender_id = self.conversation_id(session if self.session_persistence else sid)
            if sender_id is None:
                logger.warning(f"socket.io message without an issued session from {sid}: not processed.")
                await output.send_text_message(sid, SESSION_REPLY)
                return
            await self.deliver(on_new_message, data.get("message"), sender_id, output, data.get(self.metadata_key))

        return webhook

    async def bind(self, sio: AsyncServer, sid: Text, signed: Text) -> Text:
        """Binds the socket to the signed session (leaving the one it had): its messages go to that conversation,
        its room gets the replies."""
        previous = self.sessions.get(sid)
        self.sessions[sid] = signed
        if self.session_persistence:
            if previous and previous != signed:
                await sio.leave_room(sid, web_session.verified(previous, self.secret), namespace=self.namespace)
            await sio.enter_room(sid, web_session.verified(signed, self.secret), namespace=self.namespace)
        logger.debug(f"socket.io client {sid} bound to its session.")
        return signed

    async def hold_back(self, output: "WidgetSocketIOOutput", sid: Text) -> None:
        """Over the rate limit: one polite word to the connection, then silence until it slows down."""
        budget = self.budgets[sid]
        if not budget.warned:
            budget.warned = True
            await output.send_text_message(sid, RATE_REPLY)
