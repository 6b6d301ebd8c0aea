"""Inputs, expected outcomes and raw clients of the public entries for test_bad_input.py."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import quote

import aiohttp

from tests.channels.fake_bot_api import text_update
from tests.channels.test_socketio import Visitor
from tests.conftest import ROOT
from tests.reliability.conftest import REST_AUTH

# --- raw inputs (a plain `str` is a message text) -----------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """Bytes where the message text goes (no JSON library would write them): in the body, attachment or path."""

    data: bytes


@dataclass(frozen=True)
class Body:
    """A whole request body (or socket.io frame payload), sent as is."""

    data: bytes


@dataclass(frozen=True)
class Fields:
    """JSON fields of the wrong type replacing the usual ones: "message" (the text) and "sender" (who speaks)."""

    values: Dict[str, Any]


@dataclass(frozen=True)
class Path:
    """A request line for the page server."""

    path: bytes
    methods: Tuple[str, ...] = ("GET",)


@dataclass(frozen=True)
class Burst:
    count: int
    text: str


# --- expected outcomes --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """Exactly this polite reply (200 over HTTP)."""

    text: str


@dataclass(frozen=True)
class Answer:
    """An answer of the bot starting with `prefix`: not the technical apology, no markup echoed."""

    prefix: str = ""


@dataclass(frozen=True)
class Refused:
    """A clean 4xx: this status, and for the webhooks a JSON error containing `fragment`."""

    status: int
    fragment: str = ""


@dataclass(frozen=True)
class Ignored:
    """Nobody to answer (not a user message): 200 or dropped, nothing sent, the entry keeps answering."""

    why: str


@dataclass(frozen=True)
class Limited:
    """The burst: mostly nginx's French 429, a few normal answers, never a 5xx, done within `seconds`."""

    in_flight: int = 200
    seconds: float = 120  # ~20 s alone; `make test` shares the 2 cores with its other workers


@dataclass(frozen=True)
class NA:
    """The case does not apply to this entry, and why."""

    why: str


NGINX_429 = json.loads(
    re.search(r"return 429 '(.*)';", (ROOT / "ops/nginx/nginx.conf.template").read_text(encoding="utf-8")).group(1)
)


# --- HTTP entries (REST, Telegram webhook, page server) -------------------------------------------------------------


def post(url: str, body: bytes, headers: Optional[Dict[str, str]] = None) -> Tuple[int, bytes]:
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def rest_body(raw: Any, sender: str) -> bytes:
    if isinstance(raw, Raw):
        return b'{"sender": "%s", "message": "%s"}' % (sender.encode(), raw.data)
    if isinstance(raw, Body):
        return raw.data
    fields = raw.values if isinstance(raw, Fields) else {"message": raw}
    return json.dumps({"sender": sender, "message": "bonjour", **fields}).encode()


def telegram_body(raw: Any, chat: int) -> bytes:
    update = text_update(chat, raw if isinstance(raw, str) else "bonjour")
    if isinstance(raw, Raw):
        return json.dumps(update).encode().replace(b'"bonjour"', b'"' + raw.data + b'"')
    if isinstance(raw, Body):
        return raw.data
    message = update["message"]
    for key, value in (raw.values if isinstance(raw, Fields) else {}).items():
        if key == "message":
            message["text"] = value
        else:  # the sender of a Telegram update is its chat (and user)
            message["chat"]["id"] = message["from"]["id"] = value
    return json.dumps(update).encode()


def raw_http(port: int, method: str, path: bytes) -> Tuple[int, bytes]:
    """One request written byte for byte (any path, even invalid UTF-8); (status, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            b"%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
            % (method.encode(), path)
        )
        data = b""
        for _ in range(10_000):  # bounded: the server closes the connection after its answer
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def web_request(raw: Any) -> Tuple[List[str], bytes]:
    """(methods, path) of a case on the page server: texts percent-encoded as a browser does, bytes as they are."""
    if isinstance(raw, Path):
        return list(raw.methods), raw.path
    if isinstance(raw, Raw):
        return ["GET"], b"/" + raw.data
    return ["GET"], b"/" + quote(raw).encode()


# --- socket.io (the website widget's protocol) ------------------------------------------------------------------


async def socketio_case(url: str, origin: str, raw: Any, wait: float) -> Tuple[List[Dict], List[Dict]]:
    """(replies to the bad input, replies to a normal question asked next on the same connection)."""
    visitor = await Visitor().connect(url, origin)
    try:
        session = await visitor.session()
        if isinstance(raw, Body):  # a broken socket.io EVENT frame, written by hand
            await visitor.sio.eio.send('2["user_uttered", ' + raw.data.decode())
        else:
            data = {"message": raw.data if isinstance(raw, Raw) else raw, "session_id": session, "customData": {}}
            if isinstance(raw, Fields):
                data["message"] = "bonjour"
                data.update({"session_id" if key == "sender" else key: v for key, v in raw.values.items()})
            await visitor.sio.emit("user_uttered", data)
        try:
            replies = await visitor.read(first_timeout=wait)
        except asyncio.TimeoutError:
            replies = []
        return replies, await visitor.say("c'est quoi le micro-travail ?", session)
    finally:
        await visitor.close()


# --- the burst ----------------------------------------------------------------------------------------------------


async def burst(url: str, sender: str, case: Burst, in_flight: int, seconds: float):
    """`case.count` REST messages from one sender, `in_flight` at a time; (statuses, bodies by status, elapsed)."""
    statuses: Counter = Counter()
    bodies: Dict[Any, List[bytes]] = {}
    remaining = iter(range(case.count))
    payload = {"sender": sender, "message": case.text}
    timeout = aiohttp.ClientTimeout(total=seconds * 2)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=in_flight), timeout=timeout) as session:

        async def worker():
            for _ in remaining:  # shared iterator: case.count requests in all
                try:
                    async with session.post(
                        f"{url}/webhooks/rest/webhook", json=payload, headers={"X-Sender-Id": sender, **REST_AUTH}
                    ) as response:
                        status, body = response.status, await response.read()
                except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                    status, body = type(error).__name__, b""
                statuses[status] += 1
                bodies.setdefault(status, []).append(body)

        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(in_flight))), seconds * 2)
        return statuses, bodies, time.perf_counter() - started
