"""Handoff settings, « stop » however written, and the handoff store in memory and in Redis (shared, restart-safe)."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa.core.channels.channel import OutputChannel
from rasa.shared.exceptions import RasaException

from channels.guard import EMPTY_REPLY, TOO_LONG_REPLY
from channels.telegram import TelegramInput
from channels.telegram_advisers import (
    MAX_TIMEOUT_MINUTES,
    AdviserRelay,
    AdviserSettings,
    HandoffRequests,
    PausedOutput,
    is_stop,
)
from channels.telegram_handoffs import REFERENCE_ALPHABET, Handoff, MemoryHandoffs, RedisHandoffs, new_reference
from runtime.launch import ROOT
from tests.channels.fake_bot_api import SECRET, TOKEN, WEBHOOK_URL, FakeBotAPI, text_update


def test_settings_are_read_from_the_environment_and_bad_values_are_named():
    assert AdviserSettings.from_environment({}) is None
    assert AdviserSettings.from_environment({"TELEGRAM_ADVISERS_CHAT_ID": " "}) is None
    assert AdviserSettings.from_environment({"TELEGRAM_ADVISERS_CHAT_ID": "-1001234"}) == AdviserSettings(-1001234, 30)
    given = {"TELEGRAM_ADVISERS_CHAT_ID": "-42", "ADVISER_TIMEOUT_MINUTES": "1,5"}
    assert AdviserSettings.from_environment(given).timeout_minutes == 1.5
    with pytest.raises(RasaException, match="TELEGRAM_ADVISERS_CHAT_ID invalide"):
        AdviserSettings.from_environment({"TELEGRAM_ADVISERS_CHAT_ID": "@conseillers"})
    for timeout in ("0", "-5", "trente", "5000"):
        with pytest.raises(RasaException, match="ADVISER_TIMEOUT_MINUTES invalide"):
            AdviserSettings.from_environment({"TELEGRAM_ADVISERS_CHAT_ID": "-42", "ADVISER_TIMEOUT_MINUTES": timeout})


def test_a_handoff_cannot_outlast_rasas_session_which_would_restart_unpaused():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert MAX_TIMEOUT_MINUTES == domain["session_config"]["session_expiration_time"] == 60
    given = {"TELEGRAM_ADVISERS_CHAT_ID": "-42", "ADVISER_TIMEOUT_MINUTES": "60"}
    assert AdviserSettings.from_environment(given).timeout_minutes == 60
    with pytest.raises(RasaException, match="de 0 à 60"):
        AdviserSettings.from_environment({**given, "ADVISER_TIMEOUT_MINUTES": "61"})


def test_stop_is_recognised_however_written_and_nothing_else():
    assert all(is_stop(t) for t in ("stop", "Stop !", " STOP. ", "/stop", "Arrêter", "quitter"))
    assert not any(is_stop(t) for t in ("stop ou encore ?", "je ne veux pas arrêter", "", None, 3))


class Recorder(OutputChannel):
    def __init__(self):
        self.sent = []

    @classmethod
    def name(cls):
        return "telegram"

    async def send_response(self, recipient_id, message):
        self.sent.append(message)


def test_a_turn_keeps_the_handoff_request_and_a_paused_turn_shows_nothing():
    async def turn(output):
        await output.send_response("tg:42", {"custom": {"adviser_handoff": {"summary": "Dernière question : …"}}})
        await output.send_response("tg:42", {"text": "Question 3/5 : …"})
        await output.send_response("tg:42", {"custom": {"autre": 1}})

    target = Recorder()
    requests = HandoffRequests(target)
    asyncio.run(turn(requests))
    assert requests.summary == "Dernière question : …" and requests.shown == 2 and requests.name() == "telegram"
    assert target.sent == [{"text": "Question 3/5 : …"}, {"custom": {"autre": 1}}]
    target = Recorder()
    asyncio.run(turn(PausedOutput(target)))
    assert target.sent == []  # even a new session (not paused) cannot answer over the adviser


def test_with_advisers_the_channel_flags_the_metadata_and_still_refuses_bad_input():
    fake, loop, received = FakeBotAPI(TOKEN).start(), asyncio.new_event_loop(), []
    relay = AdviserRelay(AdviserSettings(-42))
    channel = TelegramInput(TOKEN, WEBHOOK_URL, SECRET, "conseiller_test_bot", fake.url, advisers=relay)

    async def rasa(message):
        received.append((message.text, message.metadata["telegram"]["advisers"]))
        await message.output_channel.send_response(message.sender_id, {"text": f"vu : {message.text}"})

    try:
        for text in ("bonjour", "x" * 3000, "   "):
            loop.run_until_complete(channel.handle_update(text_update(17, text), rasa))
        loop.run_until_complete(channel.handle_update(text_update(-42, "discussion entre conseillers"), rasa))
        loop.run_until_complete(channel.get_output_channel().close_session())
    finally:
        loop.close()
        fake.stop()
    assert received == [("bonjour", True)]
    assert [m["text"] for m in fake.of("sendMessage")] == ["vu : bonjour", TOO_LONG_REPLY, EMPTY_REPLY]


def test_references_are_opaque_and_readable():
    references = {new_reference() for _ in range(200)}
    assert len(references) == 200
    assert all(r.startswith("H-") and len(r) == 8 and set(r[2:]) <= set(REFERENCE_ALPHABET) for r in references)


async def scenario(first, second):
    """What two processes sharing one store (or one process, twice) see of a handoff's life."""
    handoff = Handoff("H-AAAAAA", "tg:42", 42, 1001, deadline=100.0)
    await first.start(handoff)
    seen = [await second.of_chat(42), await second.of_message(1001), await second.of_message(1002)]
    await first.link("H-AAAAAA", 1002)
    await second.extend("H-AAAAAA", 200.0)
    later = [await first.of_message(1002), await first.expired(150.0), await second.expired(250.0)]
    ends = [await first.end("H-AAAAAA"), await second.end("H-AAAAAA")]
    after = [await second.of_chat(42), await first.of_message(1001), await first.expired(1e9)]
    return seen, later, ends, after


def expected_life():
    at_200 = Handoff("H-AAAAAA", "tg:42", 42, 1001, deadline=200.0)
    return (
        [Handoff("H-AAAAAA", "tg:42", 42, 1001, deadline=100.0)] * 2 + [None],
        [at_200, [], [at_200]],
        [at_200, None],  # ended once: a second adviser's /fin or the timeout finds nothing to end
        [None, None, []],
    )


def test_a_handoff_in_memory_is_found_by_chat_and_message_extended_and_ended_once():
    store = MemoryHandoffs()
    assert asyncio.run(scenario(store, store)) == expected_life()


def test_a_handoff_in_redis_is_shared_by_replicas_and_survives_a_restart(redis_server):
    from redis import asyncio as redis_asyncio

    async def replicas():
        clients = [redis_asyncio.Redis(port=redis_server.port) for _ in range(2)]
        try:
            return await scenario(*(RedisHandoffs(client, prefix="test:handoff:") for client in clients))
        finally:
            for client in clients:
                await client.close()

    assert asyncio.run(replicas()) == expected_life()
