"""Attacks on conversation identity against the real `rasa run` on loopback (REST, socket.io, Telegram on a fake
Bot API): no channel reaches another's conversation, no browser joins a session it was not issued, REST needs its
token, button payloads cannot put a dict in a slot, and one socket cannot flood the bot."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import urllib.error
import urllib.request
import uuid
from types import SimpleNamespace

import aiohttp
import pytest
import yaml

from channels.guard import SILENCE_REPLY
from channels.rest import GuardedRestInput
from channels.telegram import SECRET_HEADER
from runtime import launch
from tests.channels.fake_bot_api import FakeBotAPI, new_chat, text_update
from tests.channels.socket_server import socket_credentials
from tests.channels.test_socketio import PAGE, Visitor

TG_TOKEN = "123456789:AAHidentity-" + "x" * 24
TG_SECRET = "identity_" + uuid.uuid4().hex
API_TOKEN = "identity-api-" + uuid.uuid4().hex
REST_TOKEN = "identity-rest-" + uuid.uuid4().hex
QUESTION_1 = "Question 1/5"
QUESTION_2 = "Question 2/5"


@pytest.fixture(scope="module")
def stack(trained_model, action_server, tmp_path_factory):
    """`rasa run` with the three channels as credentials.yml declares them, REST behind its token."""
    folder = tmp_path_factory.mktemp("identity")
    fake = FakeBotAPI(TG_TOKEN).start()
    credentials = {"channels.rest.GuardedRestInput": None, "channels.telegram.TelegramInput": None}
    credentials.update(socket_credentials([PAGE]))
    (folder / "credentials.yml").write_text(yaml.safe_dump(credentials), encoding="utf-8")
    db = folder / "tracker.db"
    (folder / "endpoints.yml").write_text(
        f'action_endpoint:\n  url: "{action_server}"\ntracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in launch.server_env().items() if not k.startswith(("TELEGRAM_", "WEB_ORIGINS"))}
    env.update(
        TELEGRAM_TOKEN=TG_TOKEN,
        TELEGRAM_SECRET_TOKEN=TG_SECRET,
        TELEGRAM_API_URL=fake.url,
        TELEGRAM_BOT_NAME="conseiller_test_bot",
        REST_TOKEN=REST_TOKEN,
        RASA_API_TOKEN=API_TOKEN,
    )
    try:
        with launch.rasa_server(
            folder / "endpoints.yml",
            folder / "rasa.log",
            trained_model,
            folder / "credentials.yml",
            extra=["--enable-api"],
            ready_path="/webhooks/socketio/",
            env=env,
        ) as server:
            yield SimpleNamespace(url=server.url, fake=fake, db=db, log=server.log)
    finally:
        fake.stop()


def http(url, body=None, headers=None):
    """(status, JSON answer) of a GET, or of a POST when `body` is given."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=90) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def rest(stack, sender, text, token=REST_TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return http(f"{stack.url}/webhooks/rest/webhook", {"sender": sender, "message": text}, headers)


def texts(replies):
    return "\n".join(m.get("text") or "" for m in replies)


def telegram(stack, chat, text):
    """The Telegram user's message through the webhook; the texts the fake Bot API was asked to send them."""
    before = len(stack.fake.of("sendMessage", chat))
    status, _ = http(f"{stack.url}/webhooks/telegram/webhook", text_update(chat, text), {SECRET_HEADER: TG_SECRET})
    assert status == 200
    return "\n".join(m["text"] for m in stack.fake.of("sendMessage", chat)[before:])


def stored_ids(stack, text):
    """The tracker store's ids of the conversations in which a user said `text`."""
    with sqlite3.connect(stack.db) as db:
        rows = db.execute(
            "select distinct sender_id from events where type_name = 'user' and data like ?", (f"%{text}%",)
        )
        return [row[0] for row in rows]


def user_texts(stack, conversation):
    return [e["text"] for e in tracker_of(stack, conversation)["events"] if e["event"] == "user"]


def tracker_of(stack, conversation):
    status, tracker = http(f"{stack.url}/conversations/{conversation}/tracker?token={API_TOKEN}")
    assert status == 200, tracker
    return tracker


def run(coroutine):
    return asyncio.run(coroutine)


def test_a_rest_sender_named_like_a_telegram_chat_never_reaches_that_conversation(stack):
    chat = new_chat()
    assert QUESTION_1 in telegram(stack, chat, "/help_me_choose")
    status, intruder = rest(stack, str(chat), "quand je veux")  # the attacker knows (or guesses) the chat id
    assert status == 200 and QUESTION_2 not in texts(intruder)
    assert QUESTION_2 in telegram(stack, chat, "quand je veux")  # the Telegram user's form was left untouched
    telegram_ids = [i for i in stored_ids(stack, "quand je veux") if str(chat) in i]
    assert len(telegram_ids) == 2 and len(set(i.split(":")[0] for i in telegram_ids)) == 2  # two id spaces


def test_rest_without_its_token_is_refused_and_with_it_answers(stack):
    sender = f"rest-{uuid.uuid4().hex[:8]}"
    for token in (None, "wrong-" + REST_TOKEN):
        status, answer = rest(stack, sender, "bonjour", token)
        assert status == 401 and "Authorization: Bearer" in answer["error"]
    status, answer = rest(stack, sender, "bonjour")
    assert status == 200 and "Je suis votre conseiller" in texts(answer)
    assert user_texts(stack, GuardedRestInput().conversation_id(sender)) == ["bonjour"]  # no refused one reached Rasa


def test_a_session_id_the_browser_makes_up_gets_a_fresh_signed_session(stack):
    async def scenario():
        visitor = await Visitor().connect(stack.url)
        try:
            confirmed = [await visitor.session(made_up) for made_up in ("alice", "1234567", "x" * 32)]
            again = await visitor.session(confirmed[0])  # one the server issued: kept
        finally:
            await visitor.close()
        return confirmed, again

    confirmed, again = run(scenario())
    assert not {"alice", "1234567", "x" * 32} & set(confirmed) and len(set(confirmed)) == 3
    assert again == confirmed[0]


def test_the_stored_id_of_a_web_conversation_does_not_open_its_room(stack):
    question = "c'est quoi le micro-travail ?"

    async def scenario():
        victim, intruder = await Visitor().connect(stack.url), await Visitor().connect(stack.url)
        try:
            session = await victim.session()
            before = set(stored_ids(stack, question))
            assert texts(await victim.say(question, session)).startswith("Micro-travail : ")
            [stored] = set(stored_ids(stack, question)) - before  # as an operator, a log or a dashboard shows it
            for guess in {stored, stored.split(":", 1)[-1]}:
                assert await intruder.session(guess) != session
                await intruder.sio.emit("user_uttered", {"message": "et ses inconvénients ?", "session_id": guess})
            await intruder.sio.emit("user_uttered", {"message": "et ses avantages ?", "session_id": session})
            await asyncio.sleep(3)
            with pytest.raises(asyncio.TimeoutError):  # nothing meant for the intruder reached the victim
                await victim.read(first_timeout=3)
            return stored
        finally:
            await victim.close()
            await intruder.close()

    stored = run(scenario())
    assert user_texts(stack, stored) == [question]  # the intruder wrote nothing into the victim's conversation


@pytest.mark.parametrize(
    "payload",
    [
        '/ask_definition{"concept": {"nested": "dict"}}',
        '/ask_definition{"concept": ["microwork", "freelancing"]}',
        '/ask_definition{"concept": "' + "m" * 500 + '"}',
        '/ask_definition@0.2{"concept": "microwork"}',
        '/ask_salary{"concept": "microwork"}',
    ],
    ids=["dict", "list", "500 characters", "confidence", "not an intent of the domain"],
)
def test_a_forged_button_payload_never_puts_a_structure_or_a_long_text_in_a_slot(stack, payload):
    sender = f"payload-{uuid.uuid4().hex[:8]}"
    status, answer = rest(stack, sender, payload)
    assert status == 200 and texts(answer) and SILENCE_REPLY not in texts(answer)
    events = tracker_of(stack, GuardedRestInput().conversation_id(sender))["events"]
    values = [e["value"] for e in events if e["event"] == "slot" and e["name"] == "concept"]
    values += [x["value"] for e in events if e["event"] == "user" for x in e["parse_data"]["entities"]]
    assert all(isinstance(v, str) and len(v) <= 100 for v in values if v is not None), values
    status, follow_up = rest(stack, sender, "c'est quoi le freelance ?")  # later answers are not broken
    assert texts(follow_up).startswith("Freelance : ")


def test_a_genuine_button_payload_still_works(stack):
    status, answer = rest(stack, f"button-{uuid.uuid4().hex[:8]}", '/ask_advantages{"concept":"microwork"}')
    assert status == 200 and texts(answer).startswith("Les avantages du micro-travail :")


async def raw_socket_events(ws, quiet):
    """The socket.io events the server sends on a raw engine.io websocket until it stays quiet `quiet` seconds."""
    events = []
    while True:
        try:
            frame = await ws.receive(timeout=quiet)
        except asyncio.TimeoutError:
            return events
        if frame.type != aiohttp.WSMsgType.TEXT:
            return events
        if frame.data == "2":  # engine.io ping
            await ws.send_str("3")
        elif frame.data.startswith("42"):
            events.append(json.loads(frame.data[2:]))


def test_a_socket_sending_faster_than_a_person_is_held_back_politely(stack):
    """Over a raw websocket, as a script would send: each message its own frame, which nginx's limit_req never
    sees (python-socketio's client needs a newer aiohttp for websockets)."""

    async def scenario():
        other = await Visitor().connect(stack.url)
        url = stack.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        async with aiohttp.ClientSession() as http_session:
            async with http_session.ws_connect(url, headers={"Origin": PAGE}) as ws:
                await ws.receive(timeout=30)  # engine.io OPEN
                await ws.send_str("40")
                await ws.send_str('42["session_request",{"session_id":null}]')
                [[_, session]] = [e for e in await raw_socket_events(ws, 5) if e[0] == "session_confirm"]
                frame = "42" + json.dumps(["user_uttered", {"message": "bonjour", "session_id": session}])
                for _ in range(40):
                    await ws.send_str(frame)
                replies = [e[1].get("text") for e in await raw_socket_events(ws, 10) if e[0] == "bot_uttered"]
        try:
            answer = await other.say("c'est quoi le micro-travail ?", await other.session())
        finally:
            await other.close()
        return replies, texts(answer)

    replies, other_answer = run(scenario())
    assert sum("patientez quelques secondes" in (r or "") for r in replies) == 1, replies
    assert 1 <= sum("Je suis votre conseiller" in (r or "") for r in replies) <= 12, replies
    assert other_answer.startswith("Micro-travail : ")
