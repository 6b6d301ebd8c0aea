"""Bad input through every public entry: a polite answer or a clean 4xx, never a 5xx, a crash, or silence."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
import time
import uuid
from types import SimpleNamespace

import pytest
import yaml

from channels.guard import EMPTY_REPLY, SILENCE_REPLY, TOO_LONG_REPLY
from channels.socketio import SESSION_REPLY, allowed_origins
from channels.telegram import SECRET_HEADER
from channels.telegram_format import escape
from tests.channels.fake_bot_api import FakeBotAPI, new_chat, text_update
from tests.conftest import ROOT, free_port, server_env, start_process, stop_process, wait_for_http
from tests.reliability.bad_input_entries import (
    NA,
    NGINX_429,
    Answer,
    Body,
    Burst,
    Fields,
    Ignored,
    Limited,
    Path,
    Raw,
    Refused,
    Reply,
    burst,
    post,
    raw_http,
    rest_body,
    socketio_case,
    telegram_body,
    web_request,
)
from tests.reliability.conftest import REST_AUTH, production_profile

RATE_LIMIT, RATE_BURST = 20, 40  # the real per-IP limit of nginx (requests/s, burst), not the lifted one of `prod`
TG_TOKEN = "123456789:AAHbadinput-" + "x" * 24
TG_SECRET = "bad_input_" + uuid.uuid4().hex
ENTRIES = ("rest", "socketio", "telegram", "web")
PAGE_ONLY = NA("a path of the page server, not a message")
NO_BODY = NA("the page server reads no request body: it only serves files")
FLOOD = NA("the same nginx per-IP limit guards /socket.io/ and /webhooks/: the burst is sent once, over REST")
TEXT = "c'est quoi\x00 le\x1b micro-travail ?"

CASES = [  # case, raw input, expected outcome through REST | socket.io | Telegram (all via nginx) | the page server
    (
        "empty text",
        "",
        Reply(EMPTY_REPLY),
        Reply(EMPTY_REPLY),
        Reply(EMPTY_REPLY),
        NA("the empty path is the page itself, fetched after every page-server case"),
    ),
    ("only spaces", "   \t ", Reply(EMPTY_REPLY), Reply(EMPTY_REPLY), Reply(EMPTY_REPLY), Refused(404)),
    (
        "10 KB text",
        "micro " * 1_700,
        Reply(TOO_LONG_REPLY),
        Reply(TOO_LONG_REPLY),
        Reply(TOO_LONG_REPLY),
        Refused(400),
    ),  # as a URL: 14 KB, over aiohttp's 8 KB request line
    (
        "body over 64 KB",
        "micro " * 12_000,
        Refused(413, "Message trop volumineux"),  # nginx's French JSON, the body unread
        NA("a frame over 16 KB closes the connection: tests/channels/test_socketio.py checks the others"),
        Refused(413, "Message trop volumineux"),
        Refused(400),
    ),
    (
        "control characters",
        TEXT,
        Answer("Micro-travail : "),
        Answer("Micro-travail : "),
        Answer("Micro-travail : "),
        Refused(404),
    ),
    (
        "invalid UTF-8",
        Raw(b"\xff\xfe"),
        Refused(400, "UTF-8 JSON"),
        Reply(EMPTY_REPLY),  # socket.io frames are JSON text: raw bytes can only travel as a binary attachment
        Refused(400, "JSON Telegram update"),
        Refused(400),
    ),
    (
        "malformed JSON",
        Body(b'{"sender": "x", "message": '),
        Refused(400, "UTF-8 JSON"),
        Ignored("a broken frame is no user message: python-socketio drops it, the connection keeps answering"),
        Refused(400, "JSON Telegram update"),
        NO_BODY,
    ),
    (
        "message is a list",
        Fields({"message": ["bonjour"]}),
        Refused(400, "'message' must be a string"),
        Reply(EMPTY_REPLY),
        Reply(EMPTY_REPLY),
        NO_BODY,
    ),
    (
        "text is a number",
        Fields({"message": 42}),
        Refused(400, "'message' must be a string"),
        Reply(EMPTY_REPLY),
        Reply(EMPTY_REPLY),
        NO_BODY,
    ),
    (
        "sender is an object",
        Fields({"sender": {"id": 1}}),
        Refused(400, "'sender'"),
        Reply(SESSION_REPLY),  # the reply goes to the connection: it has no conversation
        Ignored("no chat to answer: 200 (else Telegram resends the update), nothing sent"),
        NO_BODY,
    ),
    ("HTML and script", "<script>alert(1)</script>", Answer(), Answer(), Answer(), Refused(404)),
    ("emoji only", "🤔🤔🤔", Answer(), Answer(), Answer(), Refused(404)),
    ("path traversal", Path(b"/../../etc/passwd"), PAGE_ONLY, PAGE_ONLY, PAGE_ONLY, Refused(404)),
    ("encoded traversal", Path(b"/%2e%2e/%2e%2e%2fetc%2fpasswd"), PAGE_ONLY, PAGE_ONLY, PAGE_ONLY, Refused(404)),
    ("unknown file", Path(b"/serve.py"), PAGE_ONLY, PAGE_ONLY, PAGE_ONLY, Refused(404)),
    ("other methods", Path(b"/index.html", ("POST", "PUT", "DELETE")), PAGE_ONLY, PAGE_ONLY, PAGE_ONLY, Refused(404)),
    (
        "10,000-message burst",
        Burst(10_000, "bonjour"),
        Limited(),
        FLOOD,
        FLOOD,
        NA("the page server is a local demo, not behind nginx: no rate limit to check"),
    ),
]
CELLS = [
    pytest.param(row, entry, expected, id=f"{entry}-{row[0]}")
    for row in CASES
    for entry, expected in zip(ENTRIES, row[2:])
    if not isinstance(expected, NA)
]


@pytest.fixture(scope="module")
def stack(trained_model, tmp_path_factory):
    """This module's own production profile (real rate limit, Telegram on a fake Bot API) and the page server."""
    fake, web = FakeBotAPI(TG_TOKEN).start(), None
    try:
        with production_profile(
            RATE_LIMIT=str(RATE_LIMIT),
            RATE_BURST=str(RATE_BURST),
            TELEGRAM_TOKEN=TG_TOKEN,
            TELEGRAM_SECRET_TOKEN=TG_SECRET,
            TELEGRAM_API_URL=fake.url,
            TELEGRAM_BOT_NAME="",
            TELEGRAM_WEBHOOK_URL="https://conseiller.example.org/webhooks/telegram/webhook",
        ) as profile:
            fake.wait_for(lambda: len(fake.of("setWebhook")) >= len(profile.replicas), timeout=60)
            port, log = free_port(), tmp_path_factory.mktemp("page") / "serve.log"
            web = start_process(
                [sys.executable, str(ROOT / "web" / "serve.py")],
                log,
                {**server_env(), "WEB_PORT": str(port), "RASA_SOCKET_URL": profile.url},
            )
            wait_for_http(f"http://127.0.0.1:{port}/", web, log, timeout=30)
            credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
            origin = allowed_origins(credentials["channels.socketio.WebSocketIOInput"])[0]
            yield SimpleNamespace(profile=profile, url=profile.url, fake=fake, web=web, web_port=port, origin=origin)
    finally:
        if web is not None:
            stop_process(web)
        fake.stop()


class OtherUser:
    """A normal REST conversation going on while the bad input arrives."""

    def __init__(self, stack):
        self.stack, self.sender, self.sent = stack, f"other-{uuid.uuid4().hex[:8]}", []

    def say(self, text, prefix, tries=1):
        for _ in range(tries):  # a 429 never reaches Rasa: retrying it cannot duplicate a message
            status, body = post(
                f"{self.stack.url}/webhooks/rest/webhook",
                json.dumps({"sender": self.sender, "message": text}).encode(),
                {"X-Sender-Id": self.sender, **REST_AUTH},
            )
            if status != 429:
                break
            time.sleep(1)
        assert status == 200, body
        assert json.loads(body)[0]["text"].startswith(prefix), body
        self.sent.append(text)


@pytest.fixture(scope="module")
def other(stack):
    user = OtherUser(stack)
    user.say("c'est quoi le micro-travail ?", "Micro-travail : ")  # before the first bad input
    return user


def user_texts(stack, sender):
    """What the tracker store holds from the user (read in PostgreSQL: the HTTP API is off)."""
    return [e["text"] for e in stack.profile.stored_events(f"rest:{sender}") if e["event"] == "user"]


def test_every_cell_of_the_table_is_an_outcome_or_says_why_it_does_not_apply():
    for case, _raw, *cells in CASES:
        assert len(cells) == len(ENTRIES), case
        assert all(c.why for c in cells if isinstance(c, (NA, Ignored))), case
    for entry in ENTRIES:
        assert sum(cell.values[1] == entry for cell in CELLS) >= 5, entry


def check_answer(texts, expected):
    assert texts and all(texts), f"silence: {texts}"
    assert not any(re.search(r"<\s*script|&lt;\s*script|alert\(", t, re.I) for t in texts), texts
    if isinstance(expected, Reply):
        assert texts == [expected.text], texts
    else:
        assert SILENCE_REPLY not in texts and texts[0].startswith(expected.prefix), texts


def through_rest(stack, other, raw, expected):
    if isinstance(expected, Limited):
        return the_burst(stack, other, raw, expected)
    sender = f"bad-{uuid.uuid4().hex[:8]}"
    status, body = post(
        f"{stack.url}/webhooks/rest/webhook", rest_body(raw, sender), {"X-Sender-Id": sender, **REST_AUTH}
    )
    if isinstance(expected, Refused):
        assert status == expected.status and expected.fragment in json.loads(body)["error"], (status, body)
    else:
        assert status == 200, body
        check_answer([m.get("text") for m in json.loads(body)], expected)


def through_socketio(stack, other, raw, expected):
    replies, after = asyncio.run(
        socketio_case(stack.url, stack.origin, raw, 5 if isinstance(expected, Ignored) else 60)
    )
    if isinstance(expected, Ignored):
        assert replies == [], replies
    else:
        check_answer([m.get("text") for m in replies], expected)
    assert after[0]["text"].startswith("Micro-travail : "), after  # the same connection still works


def through_telegram(stack, other, raw, expected):
    chat, before = new_chat(), len(stack.fake.of("sendMessage"))

    def send(body):
        return post(f"{stack.url}/webhooks/telegram/webhook", body, {SECRET_HEADER: TG_SECRET})

    status, body = send(telegram_body(raw, chat))
    sent = stack.fake.of("sendMessage")[before:]
    if isinstance(expected, Refused):
        assert status == expected.status and expected.fragment in json.loads(body)["error"], (status, body)
    else:
        assert status == 200, body
    if isinstance(expected, (Refused, Ignored)):
        assert sent == [], sent
        assert send(json.dumps(text_update(chat, "c'est quoi le micro-travail ?")).encode())[0] == 200
        sent = stack.fake.of("sendMessage")[before:]
        assert {m["chat_id"] for m in sent} == {str(chat)} and sent[0]["text"].startswith("Micro-travail : "), sent
    else:
        assert {str(m["chat_id"]) for m in sent} == {str(chat)}, sent
        check_answer(
            [m["text"] for m in sent], Reply(escape(expected.text)) if isinstance(expected, Reply) else expected
        )


def through_web(stack, other, raw, expected):
    methods, path = web_request(raw)
    for method in methods:
        status, body = raw_http(stack.web_port, method, path)
        assert status == expected.status, (method, path[:80], status, body[:300])
        assert b"<script" not in body and b"root:" not in body, body[:300]
    status, page = raw_http(stack.web_port, "GET", b"/")  # the page is still served
    assert status == 200 and b'<html lang="fr">' in page


@pytest.mark.parametrize("row,entry,expected", CELLS)
def test_bad_input_gets_a_polite_answer_or_a_clean_4xx(stack, other, row, entry, expected):
    globals()[f"through_{entry}"](stack, other, row[1], expected)
    for name in ["actions", *(f"rasa-{port}" for port in stack.profile.replicas)]:  # nothing crashed
        os.kill(stack.profile.pid(name), 0)
    assert stack.web.poll() is None


def the_burst(stack, other, raw, expected):
    other.say("et ses inconvénients ?", "Les inconvénients du micro-travail :")  # just before the burst
    flooder = f"flood-{uuid.uuid4().hex[:8]}"
    statuses, bodies, elapsed = asyncio.run(burst(stack.url, flooder, raw, expected.in_flight, expected.seconds))
    print(f"\n{raw.count} messages from one sender through nginx in {elapsed:.1f} s: {dict(statuses)}")
    assert set(statuses) <= {200, 429}, statuses  # no 5xx, no connection error
    assert statuses[429] >= 0.9 * raw.count, statuses
    assert all(json.loads(b) == NGINX_429 for b in bodies[429]), bodies[429][:3]
    for body in bodies.get(200, []):
        check_answer([m.get("text") for m in json.loads(body)], Answer())
    assert elapsed < expected.seconds, f"{elapsed:.1f} s"
    assert user_texts(stack, flooder) == [raw.text] * statuses[200]  # each answered message kept, no other
    # Everything here comes from 127.0.0.1: during the burst the other user is limited too (same IP), so it
    # speaks before and after. The leaky bucket empties at RATE_LIMIT/s: wait until its burst allowance is back.
    time.sleep(RATE_BURST / RATE_LIMIT + 1)


def test_nothing_lost_for_other_users(stack, other):
    other.say("et ses avantages ?", "Les avantages du micro-travail :", tries=10)  # the context survived
    other.say("d'où vient cette info ?", "Ma réponse précédente s'appuie sur ces sources")
    assert user_texts(stack, other.sender) == other.sent  # exactly its messages, in order
    log = (stack.profile.run_dir / "nginx-access.log").read_text()
    assert not re.findall(r'" 5\d\d ', log), "nginx answered with a 5xx during the run"
