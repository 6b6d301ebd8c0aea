"""Fixtures of the Telegram tests: the channel with a fake Rasa in this process, `rasa run` end to end, Redis."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import time
from types import SimpleNamespace

import pytest

from channels.telegram import TelegramInput
from tests.channels.fake_bot_api import SECRET, TOKEN, WEBHOOK_URL, FakeBotAPI, rasa_with_telegram
from tests.conftest import free_port


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


@pytest.fixture
def redis_server(tmp_path):
    """A throwaway redis-server on loopback, answering; the test may stop it (`process`)."""
    import redis

    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(50):
        with contextlib.suppress(redis.ConnectionError):
            if client.ping():
                break
        time.sleep(0.1)
    client.close()
    try:
        yield SimpleNamespace(port=port, process=process)
    finally:
        process.kill()
