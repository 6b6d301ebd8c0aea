"""The website socket.io channel: configuration, then the real `rasa run` and action server over socket.io."""

from __future__ import annotations

import asyncio
import time
from typing import Any, Dict, List, Optional

import pytest
import socketio

from channels.guard import EMPTY_REPLY
from channels.socketio import DEFAULT_ORIGINS, MAX_FRAME_BYTES, WebSocketIOInput, allowed_origins, parse_origins
from tests.channels.socket_server import CHANNEL, socket_credentials, socket_rasa

PAGE = "http://localhost:8080"


def test_origins_come_from_the_environment_then_the_credentials_then_the_defaults(monkeypatch):
    monkeypatch.delenv("WEB_ORIGINS", raising=False)
    assert allowed_origins({}) == list(DEFAULT_ORIGINS) == ["http://localhost:8080", "http://127.0.0.1:8080"]
    assert allowed_origins({"cors_allowed_origins": ["https://conseiller.example/"]}) == ["https://conseiller.example"]
    monkeypatch.setenv("WEB_ORIGINS", "https://a.example, https://b.example")
    assert allowed_origins({"cors_allowed_origins": ["https://conseiller.example"]}) == [
        "https://a.example",
        "https://b.example",
    ]
    assert parse_origins("") == [] and parse_origins(None) == []


def test_the_credentials_block_builds_the_channel(monkeypatch):
    monkeypatch.delenv("WEB_ORIGINS", raising=False)
    channel = WebSocketIOInput.from_credentials(socket_credentials([PAGE])[CHANNEL])
    assert (channel.name(), channel.session_persistence, channel.cors_allowed_origins) == ("socketio", True, [PAGE])
    assert (channel.user_message_evt, channel.bot_message_evt, channel.socketio_path) == (
        "user_uttered",
        "bot_uttered",
        "/socket.io",
    )


def test_the_defect_fixed_here_still_exists_upstream():
    """Rasa 3.6 calls `sio.enter_room(...)` without await; with python-socketio >= 5.10 it is a coroutine,
    so the room is never joined and every reply (emitted to the session's room) is lost."""
    import inspect

    import rasa.core.channels.socketio as upstream

    assert inspect.iscoroutinefunction(socketio.AsyncServer.enter_room)
    assert "sio.enter_room(sid" in inspect.getsource(upstream) and "await sio.enter_room" not in inspect.getsource(
        upstream
    )


@pytest.fixture(scope="module")
def rasa_socket(trained_model, action_server, tmp_path_factory):
    with socket_rasa(trained_model, action_server, tmp_path_factory.mktemp("socketio"), [PAGE]) as url:
        yield url


class Visitor:
    """A socket.io client speaking like the website widget (polling transport, the page's Origin)."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue = asyncio.Queue()
        self.confirmed: asyncio.Queue = asyncio.Queue()
        self.sio.on("bot_uttered", self.replies.put_nowait)
        self.sio.on("session_confirm", self.confirmed.put_nowait)

    async def connect(self, url: str, origin: str = PAGE) -> "Visitor":
        await self.sio.connect(
            url, headers={"Origin": origin}, transports=["polling"], socketio_path="/socket.io", wait_timeout=30
        )
        return self

    async def session(self, session_id: Optional[str] = None) -> str:
        await self.sio.emit("session_request", {"session_id": session_id})
        return await asyncio.wait_for(self.confirmed.get(), 30)

    async def say(self, text: str, session_id: str) -> List[Dict[str, Any]]:
        await self.sio.emit("user_uttered", {"message": text, "session_id": session_id, "customData": {}})
        return await self.read()

    async def read(self, first_timeout: float = 90, quiet: float = 1.5) -> List[Dict[str, Any]]:
        """Every bot message of one turn: waits for the first, then until the bot stays quiet."""
        messages = [await asyncio.wait_for(self.replies.get(), first_timeout)]
        while True:
            try:
                messages.append(await asyncio.wait_for(self.replies.get(), quiet))
            except asyncio.TimeoutError:
                return messages

    async def close(self) -> None:
        """Leaves like a closed browser tab: engine.io CLOSE without waiting for the pending long poll
        (a clean socket.io disconnect over polling waits ~30 s for the server's poll to time out)."""
        await self.sio.eio.disconnect(abort=True)


def run(coroutine):
    return asyncio.run(coroutine)


def quick_reply_titles(messages):
    return [reply["title"] for m in messages for reply in m.get("quick_replies") or []]


def test_session_then_a_question_gets_the_answer_with_buttons(rasa_socket):
    async def scenario():
        visitor = await Visitor().connect(rasa_socket)
        try:
            session_id = await visitor.session()
            assert len(session_id) == 32
            greeting = await visitor.say("/start", session_id)
            assert "Je suis votre conseiller" in greeting[0]["text"]
            assert "Aidez-moi à choisir" in quick_reply_titles(greeting)
            answer = await visitor.say("c'est quoi le micro-travail ?", session_id)
            assert answer[0]["text"].startswith("Micro-travail : ")
            assert "Inconvénients" in quick_reply_titles(answer)
            assert all(r["payload"].startswith("/") for m in answer for r in m.get("quick_replies") or [])
        finally:
            await visitor.close()

    run(scenario())


def test_a_reconnected_visitor_keeps_the_session_and_gets_the_replies(rasa_socket):
    async def scenario():
        first = await Visitor().connect(rasa_socket)
        session_id = await first.session()  # issued by the server; the widget keeps it across reloads
        assert await first.session(session_id) == session_id
        assert (await first.say("c'est quoi le micro-travail ?", session_id))[0]["text"].startswith("Micro-travail : ")
        await first.close()

        again = await Visitor().connect(rasa_socket)
        other_tab = await Visitor().connect(rasa_socket)
        try:
            assert await again.session(session_id) == session_id
            assert await other_tab.session(session_id) == session_id
            follow_up = await again.say("et ses inconvénients ?", session_id)  # same conversation: context kept
            assert follow_up[0]["text"].startswith("Les inconvénients du micro-travail :")
            mirrored = await other_tab.read(first_timeout=10)  # every tab of the session is in the room
            assert mirrored[0]["text"] == follow_up[0]["text"]
        finally:
            await again.close()
            await other_tab.close()

    run(scenario())


def test_an_empty_message_gets_a_polite_french_reply(rasa_socket):
    async def scenario():
        visitor = await Visitor().connect(rasa_socket)
        try:
            session_id = await visitor.session()
            assert (await visitor.say("   ", session_id))[0]["text"] == EMPTY_REPLY
        finally:
            await visitor.close()

    run(scenario())


def test_a_page_from_another_origin_is_refused(rasa_socket):
    async def scenario():
        intruder = Visitor()
        started = time.time()
        with pytest.raises(socketio.exceptions.ConnectionError):
            await intruder.connect(rasa_socket, origin="http://evil.example")
        assert time.time() - started < 10
        assert not intruder.sio.connected
        allowed = await Visitor().connect(rasa_socket, origin=PAGE)  # same client code, the page's origin
        await allowed.close()

    run(scenario())


@pytest.mark.parametrize("size", [40_000, 1_000_000])  # under, then over, the server's request body cap
def test_a_frame_over_the_cap_never_reaches_rasa_and_others_still_get_answers(rasa_socket, size):
    async def scenario():
        flooder = await Visitor().connect(rasa_socket)
        other = await Visitor().connect(rasa_socket)
        try:
            session_id = await flooder.session()
            await flooder.sio.emit("user_uttered", {"message": "x" * size, "session_id": session_id})
            answer = await other.say("c'est quoi le micro-travail ?", await other.session())
            assert answer[0]["text"].startswith("Micro-travail : ")
            with pytest.raises(asyncio.TimeoutError):  # no reply, not even the polite "too long"
                await flooder.read(first_timeout=3)
        finally:
            await flooder.close()
            await other.close()

    assert size > MAX_FRAME_BYTES
    run(scenario())
