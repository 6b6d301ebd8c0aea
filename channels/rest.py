"""REST channel: a JSON body of {"sender", "message"} in, the bot's replies as a JSON list out; bad bodies get a 400."""

from __future__ import annotations

import json
from typing import Text

from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.base import GuardedChannel, OnNewMessage
from channels.guard import MAX_SENDER_CHARS, SILENCE_REPLY


def bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=400)


class GuardedRestInput(GuardedChannel, RestInput):
    """POST /webhooks/rest/webhook with {"sender": "...", "message": "..."}; same contract as Rasa's REST."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)
        self.add_health_route(webhook)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
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
                return response.json([{"recipient_id": sender, "text": SILENCE_REPLY}], status=503)
            return response.json(collector.messages)

        return webhook
