"""Fixtures of the Telegram tests: the channel with a fake Rasa in this process, and `rasa run` end to end."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from channels.telegram import TelegramInput
from tests.channels.fake_bot_api import SECRET, TOKEN, WEBHOOK_URL, FakeBotAPI, rasa_with_telegram


@pytest.fixture
def local():
    fake = FakeBotAPI(TOKEN).start()
    channel = TelegramInput(TOKEN, WEBHOOK_URL, SECRET, "conseiller_test_bot", fake.url)
    received, loop = [], asyncio.new_event_loop()

    async def rasa(message):
        received.append(message.text)
        if message.text == "boum":
            raise RuntimeError("panne")
        if message.text != "silence":
            await message.output_channel.send_response(message.sender_id, {"text": f"vu : {message.text}"})

    def handle(update):
        loop.run_until_complete(channel.handle_update(update, rasa))

    yield SimpleNamespace(fake=fake, received=received, handle=handle, channel=channel)
    loop.run_until_complete(channel.get_output_channel().close_session())
    loop.close()
    fake.stop()


@pytest.fixture(scope="package")
def telegram(trained_model, action_server, tmp_path_factory):
    """One `rasa run` with the Telegram channel for all the Telegram test files of this folder."""
    with rasa_with_telegram(trained_model, action_server, tmp_path_factory.mktemp("telegram")) as server:
        yield server
