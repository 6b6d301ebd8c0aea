"""Telegram replies: escaped HTML split at Telegram's limit, buttons as an inline keyboard, charts as photos,
each send retried (telegram_delivery)."""

from __future__ import annotations

import functools
import logging
from typing import Any, Dict, List, Optional, Text

import aiohttp
from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from rasa.core.channels import telegram as rasa_telegram

from channels.base import recipient_of
from channels.telegram_delivery import send_with_retries
from channels.telegram_format import CallbackData, escape, split_message
from runtime.charts import chart_file_of_url

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
CHOOSE = "Choisissez une option :"


class TelegramOutput(rasa_telegram.TelegramOutput):
    """Sends Rasa's replies as escaped HTML, split at 4096 characters, with buttons as an inline keyboard."""

    def __init__(self, access_token: str, api_url: str = DEFAULT_API_URL) -> None:
        # No request here: aiohttp's session is created on first use, inside the server's running loop.
        Bot.__init__(
            self,
            access_token,
            server=TelegramAPIServer.from_base(api_url),
            timeout=aiohttp.ClientTimeout(total=30, connect=10),
        )
        self.callback_data = CallbackData()

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._send(recipient_id, text, None)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        keyboard = InlineKeyboardMarkup()
        for button in buttons:
            if button.get("payload") is not None:
                data = self.callback_data.encode(str(button["payload"]))
                keyboard.row(InlineKeyboardButton(button["title"], callback_data=data))
            elif button.get("url"):
                keyboard.row(InlineKeyboardButton(button["title"], url=button["url"]))
        await self._send(recipient_id, text or CHOOSE, keyboard if keyboard.inline_keyboard else None)

    async def _send(self, recipient_id: Text, text: Text, keyboard: Optional[InlineKeyboardMarkup]) -> None:
        parts = split_message(text or "")
        for index, part in enumerate(parts):
            send = functools.partial(
                self.send_message,
                recipient_of(recipient_id),  # Rasa's own sends (HTTP API) name the conversation, tg:<chat id>
                escape(part),
                parse_mode="HTML",
                disable_web_page_preview=True,
                reply_markup=keyboard if index == len(parts) - 1 else None,
            )
            await send_with_retries(send, "sendMessage")

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        """Our charts are uploaded (Telegram cannot fetch a local address); other web images are sent by URL.
        Rasa has sent the message's text alternative just before: a photo missing from this replica's disk or
        refused by Telegram is given up with a log line, so that the turn is still saved."""
        path = chart_file_of_url(image)
        if path is None and not image.startswith(("https://", "http://")):
            logger.warning("Image absente du disque de cette instance, seul son texte est envoyé : %s", image)
            return

        async def send() -> None:  # a fresh upload per attempt: aiohttp closes the file once it is sent
            await self.send_photo(recipient_of(recipient_id), InputFile(str(path)) if path else image)

        await send_with_retries(send, "sendPhoto")

    async def close_session(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
