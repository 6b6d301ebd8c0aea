"""At the default log level the project's logs hold neither what a user wrote nor who they are."""

import asyncio
import logging
from types import SimpleNamespace

from rasa.core.channels.channel import CollectingOutputChannel

from channels.base import GuardedChannel
from channels.payload import checked_payload
from channels.telegram import TelegramInput

SENDER = "conversation-de-camille-4242"
TEXT = "je m'appelle Camille Martin, 06 12 34 56 78"
TOKEN = "123456789:AAHlogs-" + "x" * 27


def test_a_failed_turn_is_logged_without_its_text_or_its_sender(caplog):
    async def failing_rasa(message):
        raise RuntimeError("panne")

    channel = GuardedChannel()
    channel.name = lambda: "rest"
    with caplog.at_level(logging.INFO):
        asyncio.run(channel.deliver(failing_rasa, TEXT, SENDER, CollectingOutputChannel()))
    assert "non traité" in caplog.text
    assert SENDER not in caplog.text and "Camille" not in caplog.text


def test_an_unusable_telegram_chat_is_logged_without_its_id(caplog):
    channel = TelegramInput(TOKEN)
    chat_id = "camille" + "x" * 200  # too long for a conversation id

    async def rasa(message):
        raise AssertionError("not forwarded")

    with caplog.at_level(logging.INFO):
        asyncio.run(channel._forward("bonjour", chat_id, {}, rasa))
    assert "inutilisable" in caplog.text and "camille" not in caplog.text


def test_a_payload_treated_as_text_is_logged_without_any_part_of_it(caplog):
    domain = SimpleNamespace(intents=["greet", "forget_me"], entities=["platform"])
    hostile = [
        "/oublier, je suis Camille Martin 0612345678",
        '/greet{"Camille Martin 0612345678": {"a": 1}}',
        '/greet{"platform": "Camille Martin 0612345678 ' + "x" * 100 + '"}',
        "/greet@0.9 Camille Martin 0612345678",
    ]
    with caplog.at_level(logging.INFO):
        for text in hostile:
            checked_payload(text, domain)
    assert caplog.text.count("Payload traité comme du texte") == len(hostile)
    assert "Camille" not in caplog.text and "0612" not in caplog.text and "oublier" not in caplog.text
