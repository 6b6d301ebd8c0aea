"""Telegram channel, input side: webhook secret, background webhook registration, updates to Rasa."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import re
from typing import Any, Dict, Optional, Text

from aiogram.bot.api import check_token
from aiogram.utils.exceptions import NetworkError, TelegramAPIError, Unauthorized, ValidationError
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.base import GuardedChannel, OnNewMessage
from channels.guard import SILENCE_REPLY
from channels.telegram_advisers import (
    AdviserRelay,
    AdviserSettings,
    HandoffRequests,
    PausedOutput,
    is_privacy_command,
    resume_lost_handoff,
)
from channels.telegram_flow import TOO_FAST_REPLY, ChatRateLimit, RecentUpdates, redis_from_environment
from channels.telegram_handoffs import handoff_store
from channels.telegram_output import DEFAULT_API_URL, TelegramOutput

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
RETRY_DELAYS = (1, 2, 5, 10, 30)  # seconds between registration attempts; the last one repeats
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
COMMAND = re.compile(r"^/(?P<name>\w+)(?:@(?P<bot>\w+))?(?P<rest>.*)$", re.DOTALL)
MEDIA = (
    "sticker",
    "photo",
    "voice",
    "video",
    "video_note",
    "audio",
    "document",
    "animation",
    "location",
    "venue",
    "contact",
    "poll",
    "dice",
    "game",
)

TEXT_ONLY = "Je ne lis que les messages texte : posez-moi votre question par écrit."
EDITED = "Je ne tiens pas compte des messages modifiés : envoyez-moi plutôt un nouveau message."
EXPIRED = "Ce bouton n'est plus valable : posez-moi votre question par écrit."


class TelegramInput(GuardedChannel):
    """POST /webhooks/telegram/webhook: Telegram updates, accepted only with the webhook secret header."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        """Settings from credentials.yml if given there, else from TELEGRAM_* environment variables."""
        credentials = credentials or {}

        def setting(key: str, variable: str) -> Optional[str]:
            value = credentials.get(key) or os.environ.get(variable)
            return str(value).strip() or None if value is not None else None

        redis, advisers = redis_from_environment(dict(os.environ)), AdviserSettings.from_environment(os.environ)
        return cls(
            setting("access_token", "TELEGRAM_TOKEN"),
            setting("webhook_url", "TELEGRAM_WEBHOOK_URL"),
            setting("secret_token", "TELEGRAM_SECRET_TOKEN"),
            setting("verify", "TELEGRAM_BOT_NAME"),
            setting("api_url", "TELEGRAM_API_URL") or DEFAULT_API_URL,
            RecentUpdates(redis),
            advisers=AdviserRelay(advisers, handoff_store(redis)) if advisers else None,
        )

    def __init__(
        self,
        access_token: Optional[str],
        webhook_url: Optional[str] = None,
        secret_token: Optional[str] = None,
        bot_name: Optional[str] = None,
        api_url: str = DEFAULT_API_URL,
        recent_updates: Optional[RecentUpdates] = None,
        chat_rate_limit: Optional[ChatRateLimit] = None,
        advisers: Optional[AdviserRelay] = None,
    ) -> None:
        self.access_token, self.webhook_url, self.api_url = access_token, webhook_url, api_url.rstrip("/")
        self.advisers = advisers  # the adviser handoff, when TELEGRAM_ADVISERS_CHAT_ID is set
        self.recent_updates = recent_updates or RecentUpdates()
        self.chat_rate_limit = chat_rate_limit or ChatRateLimit()
        self.bot_name = (bot_name or "").lstrip("@") or None
        self.registered = False
        self._output: Optional[TelegramOutput] = None
        self._registration: Optional[asyncio.Task] = None
        self._handoff_timeouts: Optional[asyncio.Task] = None
        if not access_token:
            logger.warning(
                "Canal Telegram désactivé : la variable d'environnement TELEGRAM_TOKEN n'est pas "
                "définie (jeton donné par @BotFather). Les autres canaux fonctionnent normalement."
            )
            self.secret_token = None
            return
        try:
            check_token(access_token)
        except ValidationError as error:
            raise RasaException(
                "TELEGRAM_TOKEN invalide : attendu de la forme 123456789:AAE…, tel que donné "
                "par @BotFather, sans espace."
            ) from error
        if secret_token and not SECRET_PATTERN.match(secret_token):
            raise RasaException("TELEGRAM_SECRET_TOKEN invalide : de 1 à 256 caractères parmi A-Z, a-z, 0-9, _ et -.")
        if not secret_token:
            logger.info("TELEGRAM_SECRET_TOKEN non défini : secret du webhook dérivé du jeton du bot.")
        self.secret_token = secret_token or hmac.new(access_token.encode(), b"webhook-secret", "sha256").hexdigest()
        if not webhook_url:
            logger.warning(
                "TELEGRAM_WEBHOOK_URL non défini : le webhook Telegram ne sera pas enregistré "
                "(donnez l'URL publique en HTTPS de /webhooks/telegram/webhook)."
            )

    @property
    def enabled(self) -> bool:
        return bool(self.access_token)

    def get_output_channel(self) -> Optional[TelegramOutput]:
        if self._output is None and self.enabled:
            self._output = TelegramOutput(self.access_token, self.api_url)
        return self._output

    def health_status(self) -> Dict[Text, Any]:
        return {**super().health_status(), "enabled": self.enabled, "webhook_registered": self.registered}

    async def register_webhook(self) -> None:
        """getMe then setWebhook (with the secret), retried in the background until Telegram accepts."""
        attempt = 0
        while True:
            attempt += 1
            output = self.get_output_channel()
            try:
                me = await output.get_me()
                self.bot_name = self.bot_name or me.username
                if await output.request(
                    "setWebhook",
                    {
                        "url": self.webhook_url,
                        "secret_token": self.secret_token,
                        "allowed_updates": json.dumps(ALLOWED_UPDATES),
                    },
                ):
                    self.registered = True
                    logger.info("Webhook Telegram enregistré pour @%s : %s", me.username, self.webhook_url)
                    return
                cause = "l'API Bot n'a pas confirmé l'enregistrement"
            except Unauthorized as error:
                cause = f"jeton refusé par Telegram ({error}) : vérifiez TELEGRAM_TOKEN auprès de @BotFather"
            except NetworkError as error:
                cause = (
                    f"API Bot injoignable à {self.api_url} ({error}) : pas d'accès à Internet, "
                    "pare-feu ou TELEGRAM_API_URL erroné"
                )
            except TelegramAPIError as error:
                cause = f"refus de l'API Bot ({error}) : vérifiez TELEGRAM_WEBHOOK_URL (URL publique en HTTPS)"
            except asyncio.TimeoutError:
                cause = f"pas de réponse de l'API Bot à {self.api_url} dans le délai imparti"
            except Exception as error:  # noqa: BLE001 - keep retrying whatever happens; the server stays up
                cause = f"{type(error).__name__} : {error}"
            delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
            logger.warning(
                "Webhook Telegram non enregistré (tentative %d) : %s. Nouvel essai dans %d s ; "
                "le serveur Rasa continue de tourner.",
                attempt,
                cause,
                delay,
            )
            await asyncio.sleep(delay)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("custom_telegram_webhook", __name__)
        self.add_health_route(webhook)

        @webhook.listener("after_server_start")
        async def start(_app: Any, loop: asyncio.AbstractEventLoop) -> None:
            if self.enabled and self.webhook_url:
                self._registration = loop.create_task(self.register_webhook())
            if self.enabled and self.advisers is not None:
                self._handoff_timeouts = loop.create_task(self.advisers.watch(self.get_output_channel, self.agent))

        @webhook.listener("before_server_stop")
        async def stop(_app: Any, _loop: asyncio.AbstractEventLoop) -> None:
            for task in (self._registration, self._handoff_timeouts):
                if task is not None:
                    task.cancel()
            if self._output is not None:
                await self._output.close_session()

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.json({"error": "Telegram channel disabled: TELEGRAM_TOKEN is not set"}, status=503)
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
                logger.warning("Requête Telegram refusée : en-tête %s absent ou incorrect.", SECRET_HEADER)
                return response.json({"error": "wrong or missing secret token"}, status=403)
            try:
                update = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                return response.json({"error": "the body must be a JSON Telegram update"}, status=400)
            if not isinstance(update, dict):
                return response.json({"error": "the body must be a JSON Telegram update"}, status=400)
            try:
                await self.handle_update(update, on_new_message)
            except Exception:  # noqa: BLE001 - a 500 would make Telegram resend the same update again and again
                logger.exception("Mise à jour Telegram %s non traitée.", update.get("update_id"))
            return response.json({"ok": True})

        return webhook

    async def handle_update(self, update: Dict[str, Any], on_new_message: OnNewMessage) -> None:
        if not await self.recent_updates.first_time(update.get("update_id")):
            logger.info("Mise à jour Telegram %s déjà reçue : ignorée.", update.get("update_id"))
            return
        output = self.get_output_channel()
        query, message, edited = update.get("callback_query"), update.get("message"), update.get("edited_message")
        chat = next((_chat_id(m) for m in (message, edited) if isinstance(m, dict)), None)
        if self.advisers is not None and self.advisers.is_advisers_chat(chat):
            if isinstance(message, dict):  # the advisers' chat never talks to Rasa
                await self.advisers.adviser_message(message, output, self.agent())
        elif isinstance(query, dict):
            await self._on_button(query, output, on_new_message)
        elif isinstance(message, dict) and _chat_id(message) is not None:
            text = message.get("text")
            command = self._command(text) if isinstance(text, str) else None
            if command is not None:
                await self._forward(command, _chat_id(message), message, on_new_message)
            elif any(kind in message for kind in MEDIA):
                await output.send_text_message(_chat_id(message), TEXT_ONLY)
            elif "text" in message and not isinstance(text, str):  # not text: answered like an empty message
                await self._forward(text, _chat_id(message), message, on_new_message)
        elif isinstance(edited, dict) and _chat_id(edited) is not None:
            await output.send_text_message(_chat_id(edited), EDITED)
        else:
            logger.debug("Mise à jour Telegram ignorée : %s", sorted(update))

    def _command(self, text: str) -> Optional[str]:
        """`/start` (with a deep-link argument or @bot suffix) becomes "/start"; commands for other bots, None."""
        match = COMMAND.match(text.strip())
        if not match or not match["bot"]:
            return "/start" if match and match["name"] == "start" else text
        if self.bot_name and match["bot"].lower() != self.bot_name.lower():
            return None
        return "/start" if match["name"] == "start" else f"/{match['name']}{match['rest']}"

    async def _on_button(self, query: Dict[str, Any], output: TelegramOutput, on_new_message: OnNewMessage) -> None:
        payload = output.callback_data.decode(str(query.get("data") or "")) or None
        try:
            await output.answer_callback_query(query.get("id"), text=None if payload else EXPIRED)
        except TelegramAPIError as error:
            logger.warning("answerCallbackQuery a échoué : %s", error)
        origin = query.get("message") if isinstance(query.get("message"), dict) else {}
        chat_id = _chat_id(origin) or (query.get("from") or {}).get("id")
        if payload and chat_id is not None:
            await self._forward(payload, chat_id, query, on_new_message)

    async def _forward(self, text: object, chat_id: Any, source: Dict[str, Any], on_new_message: OnNewMessage) -> None:
        sender_id = self.conversation_id(chat_id)
        if sender_id is None:
            logger.warning("Mise à jour Telegram ignorée : identifiant de conversation inutilisable.")
            return
        allowed, tell = self.chat_rate_limit.allow(chat_id)
        if not allowed:
            if tell:
                await self.get_output_channel().send_text_message(chat_id, TOO_FAST_REPLY)
            return
        sender = source.get("from") if isinstance(source.get("from"), dict) else {}
        metadata = {
            "telegram": {"chat_id": chat_id, "user_id": sender.get("id"), "language_code": sender.get("language_code")}
        }
        if self.advisers is None:
            await self.deliver(on_new_message, text, sender_id, self.get_output_channel(), metadata)
        else:
            await self._forward_with_advisers(text, chat_id, sender_id, metadata, on_new_message)

    async def _forward_with_advisers(
        self, text: object, chat_id: Any, sender_id: str, metadata: Dict[str, Any], on_new_message: OnNewMessage
    ) -> None:
        """During a handoff the user writes to the advisers (Rasa stores the message, paused); otherwise Rasa
        answers, and posts the handoff it asked for once the turn is saved."""
        output, agent = self.get_output_channel(), self.agent()
        handoff = await self.advisers.handoff_of(chat_id)
        if handoff is not None and is_privacy_command(text):
            await self.advisers.end(handoff, "user", output, agent)  # then the assistant answers it
        elif handoff is not None:
            if await self.advisers.user_message(handoff, text, output, agent):
                await self.deliver(on_new_message, text, sender_id, PausedOutput(output), metadata, silent=True)
            return
        metadata["telegram"]["advisers"] = True
        turn = HandoffRequests(output)
        stored = await self.deliver(on_new_message, text, sender_id, turn, metadata, silent=True)
        if turn.summary is not None:
            await self.advisers.start(sender_id, chat_id, turn.summary, output, agent)
        elif stored and not turn.shown and not await resume_lost_handoff(agent, sender_id, output):
            await output.send_text_message(chat_id, SILENCE_REPLY)


def _chat_id(message: Dict[str, Any]) -> Optional[Any]:
    """The chat to answer (an integer id, or a @channel name), else None."""
    chat = message.get("chat")
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    return chat_id if isinstance(chat_id, (int, str)) and not isinstance(chat_id, bool) else None
