"""Website socket.io channel: awaited room joins (session persistence), an origin allow-list, the widget's events."""

from __future__ import annotations

import logging
import os
import uuid
from typing import Any, Dict, Iterable, List, Optional, Text

import rasa.core.channels.channel
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint
from socketio import AsyncServer

from channels.base import GuardedChannel, OnNewMessage

logger = logging.getLogger(__name__)

DEFAULT_ORIGINS = ("http://localhost:8080", "http://127.0.0.1:8080")
MAX_FRAME_BYTES = 16 * 1024  # a message and its metadata fit; engine.io refuses bigger frames before decoding them
SESSION_REPLY = "Je ne retrouve pas votre conversation : rechargez la page pour la reprendre."


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
            logger.debug(f"socket.io client {sid} disconnected.")

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Any = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = self.conversation_id(requested) or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)
            logger.debug(f"socket.io client {sid} joined session {session_id}.")

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Any = None) -> None:
            data = data if isinstance(data, dict) else {}
            output = WidgetSocketIOOutput(sio, self.bot_message_evt)
            sender_id = self.conversation_id(data.get("session_id") if self.session_persistence else sid)
            if sender_id is None:
                logger.warning(f"socket.io message without a valid session_id from {sid}: not processed.")
                await output.send_text_message(sid, SESSION_REPLY)
                return
            if self.session_persistence and sender_id not in sio.rooms(sid, namespace=namespace):
                await sio.enter_room(sid, sender_id, namespace=namespace)
            await self.deliver(on_new_message, data.get("message"), sender_id, output, data.get(self.metadata_key))

        return webhook
