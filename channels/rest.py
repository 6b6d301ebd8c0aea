"""REST channel: a JSON body of {"sender", "message"} in, the bot's replies as a JSON list out; bad bodies get a 400.

For integrations only: with REST_TOKEN set every request needs `Authorization: Bearer <REST_TOKEN>`; without it
the channel answers loopback clients only, and none at all when REST_REQUIRE_TOKEN is set (production profile).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
from typing import Any, Dict, Mapping, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.channels.rest import RestInput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.base import GuardedChannel, OnNewMessage, recipient_of
from channels.guard import MAX_SENDER_CHARS, SILENCE_REPLY
from runtime.api_token import GENERATE, token_problem

TOKEN_VARIABLE, REQUIRE_VARIABLE = "REST_TOKEN", "REST_REQUIRE_TOKEN"


def bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


def on_loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


class GuardedRestInput(GuardedChannel, RestInput):
    """POST /webhooks/rest/webhook with {"sender": "...", "message": "..."}; same contract as Rasa's REST."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]], environ: Mapping[str, str] = os.environ):
        token = environ.get(TOKEN_VARIABLE) or None
        if token and token_problem(token):
            raise RasaException(f"{TOKEN_VARIABLE} trop faible (24 caractères au minimum, pas d'exemple) : {GENERATE}")
        required = environ.get(REQUIRE_VARIABLE, "").strip().lower() in ("1", "true", "yes")
        return cls(token=token, token_required=required)

    def __init__(self, token: Optional[str] = None, token_required: bool = False) -> None:
        self.token, self.token_required = token, token_required

    def refusal(self, request: Request) -> Optional[HTTPResponse]:
        """The 401/403 for a request this channel must not serve, or None."""
        if self.token:
            given = request.headers.get("Authorization", "")
            if hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
                return None
            return response.json(
                {"error": "missing or wrong 'Authorization: Bearer <token>'"},
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        if self.token_required:
            return response.json({"error": f"REST channel disabled: {TOKEN_VARIABLE} is not set"}, status=403)
        if not on_loopback(request.ip):
            return response.json({"error": f"REST channel open to loopback only: set {TOKEN_VARIABLE}"}, status=403)
        return None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)
        self.add_health_route(webhook)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.refusal(request)
            if refused is not None:
                return refused
            try:
                body = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: JSON nested too deep
                return bad_request('the body must be UTF-8 JSON: {"sender": "id", "message": "text"}')
            if not isinstance(body, dict):
                return bad_request("the body must be a JSON object with 'sender' and 'message'")
            sender = self.conversation_id(body.get("sender"))
            if sender is None:
                return bad_request(
                    f"'sender' must be a non-empty string of at most {MAX_SENDER_CHARS} printable characters"
                )
            if body.get("message") is not None and not isinstance(body["message"], str):
                return bad_request("'message' must be a string")
            collector = CollectingOutputChannel()
            if not await self.deliver(
                on_new_message, body.get("message"), sender, collector, self.get_metadata(request)
            ):
                return response.json([{"recipient_id": recipient_of(sender), "text": SILENCE_REPLY}], status=503)
            return response.json(collector.messages)

        return webhook
