"""The channel base: checks before Rasa, exactly one apology when Rasa fails or is silent, metadata limits, health;
then the same rules through REST, socket.io and Telegram served in this process around a fake Rasa."""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from types import SimpleNamespace
from typing import Any, Dict, List

import aiohttp
import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Sanic

from channels import web_session
from channels.base import MAX_METADATA_CHARS, GuardedChannel, limited_metadata, recipient_of
from channels.guard import EMPTY_REPLY, MAX_MESSAGE_CHARS, SILENCE_REPLY, TOO_LONG_REPLY
from channels.rest import GuardedRestInput
from channels.socketio import WebSocketIOInput
from channels.telegram import SECRET_HEADER, TelegramInput
from channels.telegram_format import escape
from runtime.fault_policy import TrackerStoreUnavailable
from tests.channels.fake_bot_api import FakeBotAPI, callback_update, new_chat, text_update
from tests.channels.test_socketio import PAGE, Visitor
from tests.conftest import free_port

TOKEN = "123456789:AAHbase-" + "x" * 27
SECRET = "secret_base"
WIDGET_DATA = {"language": "fr"}
UNUSABLE = [
    ("", EMPTY_REPLY),
    ("  \t ", EMPTY_REPLY),
    (None, EMPTY_REPLY),
    (["bonjour"], EMPTY_REPLY),
    ("x" * (MAX_MESSAGE_CHARS + 1), TOO_LONG_REPLY),
]


class FakeRasa:
    """Stands for Rasa's on_new_message: "boum" raises, "silence" answers nothing, "vide" an empty text, "perdu"
    finds the tracker store unavailable."""

    def __init__(self) -> None:
        self.received: List[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if message.text == "boum":
            raise RuntimeError("panne")
        if message.text == "perdu":
            raise TrackerStoreUnavailable("base injoignable")
        if message.text == "vide":
            await message.output_channel.send_response(message.sender_id, {"text": "", "buttons": None})
        elif message.text != "silence":
            await message.output_channel.send_response(message.sender_id, {"text": f"vu : {message.text}"})

    @property
    def texts(self) -> List[str]:
        return [m.text for m in self.received]


class Probe(GuardedChannel):
    @classmethod
    def name(cls) -> str:
        return "probe"


def deliver(raw_text: Any, metadata: Any = None):
    rasa, output = FakeRasa(), CollectingOutputChannel()
    asyncio.run(Probe().deliver(rasa, raw_text, "alice", output, metadata))
    return [m.get("text") for m in output.messages], rasa


# --- the base on its own ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["boum", "silence", "vide"])
def test_a_failing_or_silent_rasa_gets_the_apology_exactly_once(text):
    replies, rasa = deliver(text)
    assert replies == [SILENCE_REPLY] and rasa.texts == [text]


def test_an_answer_goes_out_alone_with_the_cleaned_text_and_the_conversation():
    replies, rasa = deliver("  c'est\x00 quoi ?  ")
    assert replies == ["vu : c'est quoi ?"]
    message = rasa.received[0]
    assert (message.sender_id, message.input_channel, message.output_channel.name()) == ("alice", "probe", "collector")


@pytest.mark.parametrize("raw,refusal", UNUSABLE, ids=["empty", "spaces", "none", "list", "too long"])
def test_unusable_text_is_refused_before_rasa_is_called(raw, refusal):
    replies, rasa = deliver(raw)
    assert replies == [refusal] and rasa.received == []


@pytest.mark.parametrize("raw", ["", "x" * (MAX_MESSAGE_CHARS + 1)], ids=["empty", "too long"])
def test_a_refusal_offers_the_next_steps_as_buttons(raw):
    output = CollectingOutputChannel()
    asyncio.run(Probe().deliver(FakeRasa(), raw, "alice", output))
    titles = [button["title"] for button in output.messages[0].get("buttons") or []]
    assert "Aidez-moi à choisir" in titles and "Vérifier une offre" in titles


def test_metadata_within_the_limit_reaches_rasa_and_the_rest_is_dropped_without_losing_the_message():
    small = {"language": "fr", "page": "é" * 100}
    assert deliver("bonjour", small)[1].received[0].metadata == small
    assert deliver("bonjour", json.dumps(small))[1].received[0].metadata == small
    for unusable in (
        {"note": "x" * MAX_METADATA_CHARS},
        json.dumps({"n": "x" * MAX_METADATA_CHARS}),
        "{pas du json",
        ["a"],
        42,
        None,
    ):
        replies, rasa = deliver("bonjour", unusable)
        assert replies == ["vu : bonjour"] and rasa.received[0].metadata == {}, unusable


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def test_metadata_nested_too_deep_is_dropped_without_losing_the_message():
    for too_deep in (nested(100_000), "[" * 2000 + "]" * 2000):
        replies, rasa = deliver("bonjour", too_deep)
        assert replies == ["vu : bonjour"] and rasa.received[0].metadata == {}


def test_the_metadata_limit_counts_compact_json():
    at_limit = {"n": "x" * (MAX_METADATA_CHARS - len('{"n":""}'))}
    assert limited_metadata(at_limit) == at_limit
    assert limited_metadata({"n": at_limit["n"] + "x"}) == {}


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("alice", "probe:alice"),
        (42, "probe:42"),
        (" a ", "probe:a"),
        ("", None),
        (True, None),
        ("a" * 129, None),
        ("x\ny", None),
        ({"id": 1}, None),
    ],
)
def test_one_function_turns_a_transport_id_into_the_conversation(raw, expected):
    assert Probe().conversation_id(raw) == expected


def test_each_channel_has_its_own_id_space():
    same_id = "123456789"
    conversations = [
        GuardedRestInput().conversation_id(same_id),
        TelegramInput(TOKEN, None, SECRET).conversation_id(same_id),
        WebSocketIOInput().conversation_id(same_id),
    ]
    assert conversations == ["rest:123456789", "tg:123456789", "web:123456789"]
    assert [recipient_of(c) for c in conversations] == [same_id] * 3  # replies still go to the transport's id


# --- the three channels served here around the fake Rasa ----------------------------------------------------------


@pytest.fixture(scope="module")
def here():
    """The three channels on one Sanic app, mounted as `rasa run` mounts them, around a fake Rasa and a fake Bot
    API. One server for the module, on its own thread: Sanic 21.12 can start only one app per process."""
    bot_api, rasa, loop = FakeBotAPI(TOKEN).start(), FakeRasa(), asyncio.new_event_loop()
    app = Sanic(f"channels-{uuid.uuid4().hex}")
    telegram = TelegramInput(TOKEN, None, SECRET, "conseiller_test_bot", bot_api.url)
    for channel in (GuardedRestInput(), WebSocketIOInput(session_persistence=True), telegram):
        app.blueprint(channel.blueprint(rasa), url_prefix=f"/webhooks/{channel.url_prefix()}")
    port = free_port()

    async def start():
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await server.startup()
        return server

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=30)
    try:
        yield SimpleNamespace(url=f"http://127.0.0.1:{port}", rasa=rasa, bot_api=bot_api)
    finally:

        async def stop():
            server.close()
            await server.wait_closed()
            await telegram.get_output_channel().close_session()

        asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        bot_api.stop()


@pytest.fixture
def rasa(here):
    here.rasa.received.clear()
    return here.rasa


async def rest_turn(http: aiohttp.ClientSession, url: str, text: Any) -> List[str]:
    async with http.post(f"{url}/webhooks/rest/webhook", json={"sender": "rest-user", "message": text}) as answer:
        assert answer.status == 200
        return [m["text"] for m in await answer.json()]


async def socket_turn(visitor: Visitor, session_id: str, text: Any, data: Any = None) -> List[str]:
    await visitor.sio.emit(
        "user_uttered",
        {
            "message": text,
            "session_id": session_id,  # Rasa's default metadata_key
            "metadata": WIDGET_DATA if data is None else data,
        },
    )
    return [m["text"] for m in await visitor.read(first_timeout=10, quiet=0.5)]


async def telegram_turn(http: aiohttp.ClientSession, url: str, bot_api: FakeBotAPI, update: Dict) -> List[str]:
    chat = (update.get("message") or update["callback_query"]["message"])["chat"]["id"]
    async with http.post(f"{url}/webhooks/telegram/webhook", json=update, headers={SECRET_HEADER: SECRET}) as answer:
        assert answer.status == 200
    return [m["text"] for m in bot_api.of("sendMessage", chat)]


def test_an_unstored_rest_turn_is_a_503_addressed_to_the_client_s_own_sender(here, rasa):
    async def post():
        async with aiohttp.ClientSession() as http:
            message = {"sender": "rest-user", "message": "perdu"}
            async with http.post(f"{here.url}/webhooks/rest/webhook", json=message) as answer:
                return answer.status, await answer.json()

    assert asyncio.run(post()) == (503, [{"recipient_id": "rest-user", "text": SILENCE_REPLY}])
    assert [m.sender_id for m in rasa.received] == ["rest:rest-user"]


def test_every_channel_answers_each_message_exactly_once(here, rasa):
    url, bot_api = here.url, here.bot_api
    turns = ["boum", "silence", "vide", "bonjour", *(raw for raw, _ in UNUSABLE)]
    expected = [SILENCE_REPLY, SILENCE_REPLY, SILENCE_REPLY, "vu : bonjour", *(reply for _, reply in UNUSABLE)]

    async def scenario():
        async with aiohttp.ClientSession() as http:
            over_rest = [(t, r) for t, r in zip(turns, expected) if not isinstance(t, list)]  # a list is a 400 there
            assert [await rest_turn(http, url, text) for text, _ in over_rest] == [[reply] for _, reply in over_rest]
            visitor = await Visitor().connect(url, PAGE)
            try:
                session_id = await visitor.session()
                assert [await socket_turn(visitor, session_id, text) for text in turns] == [[r] for r in expected]
            finally:
                await visitor.close()
            for text, reply in zip(turns, expected):
                chat = new_chat()
                update = text_update(chat, "x")
                update["message"]["text"] = text
                assert await telegram_turn(http, url, bot_api, update) == [escape(reply)]

    asyncio.run(scenario())
    processed = ["boum", "silence", "vide", "bonjour"]
    assert rasa.texts == processed * 3  # the unusable inputs never reached Rasa
    assert [(m.input_channel, m.output_channel.name()) for m in rasa.received[::4]] == [
        ("rest", "collector"),
        ("socketio", "socketio"),
        ("telegram", "telegram"),
    ]


def test_conversation_ids_and_metadata_as_each_channel_gives_them(here, rasa):
    url, bot_api = here.url, here.bot_api

    async def scenario():
        async with aiohttp.ClientSession() as http:
            await rest_turn(http, url, "bonjour")
            visitor = await Visitor().connect(url, PAGE)
            try:
                session_id = await visitor.session("session-base")  # not issued here: a fresh one instead
                await socket_turn(visitor, session_id, "bonjour")
                await socket_turn(visitor, session_id, "bonjour", {"note": "x" * MAX_METADATA_CHARS})
            finally:
                await visitor.close()
            chat = new_chat()
            await telegram_turn(http, url, bot_api, text_update(chat, "bonjour"))
            replies = await telegram_turn(http, url, bot_api, callback_update(chat, "cb-base", "/help"))
            assert replies == ["vu : bonjour", "vu : /help"]
            return chat, session_id

    chat, session_id = asyncio.run(scenario())
    web = f"web:{web_session.verified(session_id, web_session.server_secret())}"
    telegram_metadata = {"telegram": {"chat_id": chat, "user_id": chat, "language_code": "fr"}}
    assert [(m.sender_id, m.metadata) for m in rasa.received] == [
        ("rest:rest-user", {}),
        (web, WIDGET_DATA),
        (web, {}),
        (f"tg:{chat}", telegram_metadata),
        (f"tg:{chat}", telegram_metadata),
    ]


def test_every_channel_has_its_health_route(here):
    async def scenario():
        async with aiohttp.ClientSession() as http:
            found = {}
            for name in ("rest", "socketio", "telegram"):
                async with http.get(f"{here.url}/webhooks/{name}/") as answer:
                    found[name] = (answer.status, await answer.json())
            return found

    assert asyncio.run(scenario()) == {
        "rest": (200, {"status": "ok"}),
        "socketio": (200, {"status": "ok"}),
        "telegram": (200, {"status": "ok", "enabled": True, "webhook_registered": False}),
    }


def test_rasa_own_sends_to_a_scoped_telegram_conversation_reach_the_chat(here):
    from channels.telegram_output import TelegramOutput

    async def send():
        output = TelegramOutput(TOKEN, here.bot_api.url)
        try:
            await output.send_text_message("tg:424242", "rappel")
        finally:
            await output.close_session()

    asyncio.run(send())
    assert [m["text"] for m in here.bot_api.of("sendMessage", 424242)] == ["rappel"]


def test_the_recipient_of_a_number_is_that_number():
    from channels.base import recipient_of

    assert recipient_of("tg:424242") == "424242"
    assert recipient_of(424242) == 424242  # Telegram's own notices pass the chat id as an int
