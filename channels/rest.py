"""REST channel that refuses malformed requests with a 400 and never leaves the user without an answer."""
from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import SILENCE_REPLY, clean_text, valid_sender

logger = logging.getLogger(__name__)


def bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


class GuardedRestInput(RestInput):
    """POST /webhooks/rest/webhook with {"sender": "...", "message": "..."}; same contract as Rasa's REST."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                return bad_request("the body must be UTF-8 JSON: {\"sender\": \"id\", \"message\": \"text\"}")
            if not isinstance(body, dict):
                return bad_request("the body must be a JSON object with 'sender' and 'message'")
            sender = valid_sender(body.get("sender"))
            if sender is None:
                return bad_request("'sender' must be a non-empty string of at most 128 printable characters")
            if "message" in body and body["message"] is not None and not isinstance(body["message"], str):
                return bad_request("'message' must be a string")
            text, refusal = clean_text(body.get("message"))
            if refusal:
                return response.json([{"recipient_id": sender, "text": refusal}])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                                 metadata=self.get_metadata(request)))
            except Exception:  # noqa: BLE001 - the user still gets an answer below
                logger.exception("Message from %s could not be processed; answering with an apology.", sender)
            if not collector.messages:
                await collector.send_text_message(sender, SILENCE_REPLY)
            return response.json(collector.messages)

        return webhook
