"""The Telegram channel: text rules, update handling, and `rasa run` end to end against a fake Bot API on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest
from rasa.shared.exceptions import RasaException

from channels.guard import SILENCE_REPLY, TOO_LONG_REPLY
from channels.telegram import EDITED, EXPIRED, SECRET_HEADER, SECRET_PATTERN, TEXT_ONLY, TelegramInput
from channels.telegram_flow import TOO_FAST_REPLY, ChatRateLimit
from channels.telegram_format import KEY_PREFIX, CallbackData, compact_payload, escape, split_message
from runtime import launch
from tests.channels.fake_bot_api import FakeBotAPI, callback_update, new_chat, sticker_update, text_update
from tests.conftest import free_port, server_env
from tests.support import domain_dict

TOKEN = "123456789:AAHtest-" + "x" * 27
SECRET = "secret_" + "a1b2c3d4e5f6"
WEBHOOK_URL = "https://conseiller.example.org/webhooks/telegram/webhook"
AUTH = "auth-" + "z" * 20
PLATFORM = '/ask_platform_info{"platform": "clickworker"}'
GREETING_TITLES = [
    "C'est quoi le micro-travail ?",
    "C'est quoi le freelance ?",
    "Comparer les deux",
    "Aidez-moi à choisir",
]


# --- text rules -------------------------------------------------------------------------------------------------


def test_a_5000_character_answer_is_split_at_the_paragraph_break():
    text = "A" * 3000 + "\n\n" + "B" * 1500 + "\n\n" + "C" * 498
    assert len(text) == 5002
    assert split_message(text) == ["A" * 3000, "B" * 1500 + "\n\n" + "C" * 498]


def test_without_paragraphs_the_split_is_on_a_line_break():
    lines = [f"• ligne {i:03d} ".ljust(50, ".") for i in range(100)]
    parts = split_message("\n".join(lines))
    assert parts == ["\n".join(lines[:80]), "\n".join(lines[80:])]
    assert all(len(p) <= 4096 for p in parts)


def test_words_are_never_cut_and_unbroken_text_is_cut_at_the_limit():
    words = split_message("mot " * 1500)
    assert [len(p) for p in words] == [4095, 1903] and all(p.split(" ") == ["mot"] * len(p.split(" ")) for p in words)
    assert [len(p) for p in split_message("x" * 5000)] == [4096, 904]
    assert split_message("😀" * 3000) == ["😀" * 2048, "😀" * 952]  # Telegram counts UTF-16 units
    assert split_message("  court  ") == ["court"] and split_message("") == []


def test_escaping_leaves_french_typography_and_neutralises_markup():
    assert escape("«Salut» l’ami • <b>gras</b> & <a href='x'>") == (
        "«Salut» l’ami • &lt;b&gt;gras&lt;/b&gt; &amp; &lt;a href='x'&gt;"
    )


def test_rasa_payloads_are_written_compactly_with_the_same_meaning():
    assert compact_payload(PLATFORM) == '/ask_platform_info{"platform":"clickworker"}'
    assert compact_payload('/greet@0.9{"a": "é"}') == '/greet@0.9{"a":"é"}'
    assert compact_payload("/help") == "/help" and compact_payload("/x{pas du json}") == "/x{pas du json}"


def test_callback_data_is_at_most_64_bytes_and_maps_back():
    data = CallbackData(capacity=2)
    assert data.encode("/help") == "/help" and data.decode("/help") == "/help"
    assert data.encode(PLATFORM) == '/ask_platform_info{"platform":"clickworker"}'
    long_payload = '/ask_definition{"concept": "microwork", "note": "' + "é" * 40 + '"}'
    key = data.encode(long_payload)
    assert key.startswith(KEY_PREFIX) and len(key.encode()) <= 64
    assert data.encode(long_payload) == key and data.decode(key) == long_payload
    assert data.decode(data.encode(KEY_PREFIX + "abc")) == KEY_PREFIX + "abc"  # cannot pass for a key
    data.encode("/x" + "1" * 70)
    assert data.decode(key) is None  # bounded: the oldest long payload is forgotten
    assert data.decode(KEY_PREFIX + "inconnu") is None


def test_every_payload_the_bot_sends_fits_without_the_map(store):
    from actions.buttons import payload
    from actions.knowledge.model import CONCEPT_IDS

    domain = domain_dict()
    payloads = [
        b["payload"] for variants in domain["responses"].values() for v in variants for b in v.get("buttons", [])
    ]
    payloads += [payload("ask_platform_info", platform=p) for p in store.platforms]
    payloads += [payload("ask_legal_status", legal_topic=t, page="9") for t in store.legal]
    payloads += [
        payload(i, concept=c, page="9")
        for c in CONCEPT_IDS
        for i in ("ask_advantages", "ask_disadvantages", "ask_getting_started", "ask_platforms")
    ]
    data = CallbackData()
    assert all(not data.encode(p).startswith(KEY_PREFIX) for p in payloads)


# --- configuration ----------------------------------------------------------------------------------------------


def test_settings_come_from_the_environment(monkeypatch):
    for name, value in {
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_URL": WEBHOOK_URL,
        "TELEGRAM_SECRET_TOKEN": SECRET,
        "TELEGRAM_BOT_NAME": "@mon_bot",
        "TELEGRAM_API_URL": "http://127.0.0.1:9/",
    }.items():
        monkeypatch.setenv(name, value)
    channel = TelegramInput.from_credentials(None)
    assert (channel.access_token, channel.webhook_url, channel.secret_token, channel.bot_name, channel.api_url) == (
        TOKEN,
        WEBHOOK_URL,
        SECRET,
        "mon_bot",
        "http://127.0.0.1:9",
    )
    assert channel.get_output_channel().server.api_url(TOKEN, "getMe") == f"http://127.0.0.1:9/bot{TOKEN}/getMe"


def test_without_token_the_channel_is_off_and_bad_settings_are_named(monkeypatch):
    monkeypatch.delenv("TELEGRAM_TOKEN", raising=False)
    assert not TelegramInput.from_credentials({}).enabled and TelegramInput(None).get_output_channel() is None
    with pytest.raises(RasaException, match="TELEGRAM_TOKEN invalide"):
        TelegramInput("pas-un-jeton")
    with pytest.raises(RasaException, match="TELEGRAM_SECRET_TOKEN invalide"):
        TelegramInput(TOKEN, secret_token="avec espace")
    derived = TelegramInput(TOKEN).secret_token
    assert SECRET_PATTERN.match(derived) and derived == TelegramInput(TOKEN).secret_token
    assert derived != TelegramInput("1:b").secret_token


# --- update handling in this process (fake Bot API, fake Rasa) --------------------------------------------------


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


def test_commands_start_and_other_bots(local):
    local.handle(text_update(7, "/start"))
    local.handle(text_update(7, "/start@conseiller_test_bot parrainage"))
    local.handle(text_update(7, "/start@un_autre_bot"))
    assert local.received == ["/start", "/start"]


def test_edits_media_and_other_updates_get_a_short_answer_or_nothing(local):
    local.handle({"update_id": 1, "edited_message": {**text_update(8, "x")["message"], "edit_date": 1}})
    local.handle(sticker_update(8))
    channel_post = {"message_id": 1, "chat": {"id": -100, "type": "channel"}, "text": "x"}
    local.handle({"update_id": 2, "channel_post": channel_post})
    local.handle({"update_id": 3, "my_chat_member": {"chat": {"id": 8}}})
    local.handle({"update_id": 4, "message": {"message_id": 1, "chat": {"id": 8}, "new_chat_members": []}})
    assert [m["text"] for m in local.fake.of("sendMessage")] == [EDITED, TEXT_ONLY]
    assert local.received == []


def test_rasa_failing_or_silent_and_oversized_input_still_get_an_answer(local):
    for text in ("boum", "silence", "x" * 3000):
        local.handle(text_update(9, text))
    assert [m["text"] for m in local.fake.of("sendMessage")] == [SILENCE_REPLY, SILENCE_REPLY, TOO_LONG_REPLY]


def test_an_expired_button_is_answered_and_not_forwarded(local):
    local.handle(callback_update(10, "cb-expired", KEY_PREFIX + "inconnu"))
    assert local.fake.of("answerCallbackQuery") == [{"callback_query_id": "cb-expired", "text": EXPIRED}]
    assert local.received == [] and local.fake.of("sendMessage") == []


def test_a_redelivered_update_is_answered_once(local):
    update = text_update(11, "bonjour")
    local.handle(update)
    local.handle(update)  # Telegram resends an update when the webhook answered too late
    local.handle(text_update(11, "bonjour"))  # the same text in a new update is a new message
    assert local.received == ["bonjour", "bonjour"]
    assert [m["text"] for m in local.fake.of("sendMessage", 11)] == ["vu : bonjour"] * 2


def test_a_chat_that_writes_too_fast_is_told_once_and_other_chats_are_not_slowed():
    now = [0.0]
    limit = ChatRateLimit(per_minute=6, burst=2, clock=lambda: now[0])
    assert [limit.allow(1) for _ in range(4)] == [(True, False), (True, False), (False, True), (False, False)]
    assert limit.allow(2) == (True, False)
    now[0] = 10.0  # 6 per minute: one message more every 10 s
    assert limit.allow(1) == (True, False) and limit.allow(1) == (False, True)


def test_the_too_fast_reply_reaches_the_chat_and_rasa_is_spared(local):
    for turn in range(12):
        local.handle(text_update(12, f"message {turn}"))
    texts = [m["text"] for m in local.fake.of("sendMessage", 12)]
    assert len(local.received) == 8 and texts.count(TOO_FAST_REPLY) == 1 and len(texts) == 9


def test_a_429_is_retried_after_retry_after_and_a_5xx_after_a_short_delay(local):
    local.fake.fail(13, (429, {"description": "Too Many Requests", "parameters": {"retry_after": 1}}))
    local.fake.fail(13, (502, {"description": "Bad Gateway"}))
    started = time.perf_counter()
    local.handle(text_update(13, "bonjour"))
    assert [m["text"] for m in local.fake.of("sendMessage", 13)] == ["vu : bonjour"]
    assert len(local.fake.of("sendMessage", 13, failed=True)) == 2 and time.perf_counter() - started >= 1.5


def test_a_blocked_bot_or_a_long_retry_after_gives_up_without_failing_the_turn(local):
    local.fake.fail(14, (403, {"description": "Forbidden: bot was blocked by the user"}))
    local.fake.fail(15, (429, {"description": "Too Many Requests", "parameters": {"retry_after": 600}}))
    local.fake.fail(16, *[(500, {"description": "Internal Server Error"})] * 3)
    output = local.channel.get_output_channel()
    loop = asyncio.new_event_loop()
    try:
        for chat in (14, 15, 16):
            loop.run_until_complete(output.send_response(str(chat), {"text": "réponse"}))  # does not raise
    finally:
        loop.close()
    assert [len(local.fake.of("sendMessage", chat, failed=True)) for chat in (14, 15, 16)] == [1, 1, 3]
    assert all(local.fake.of("sendMessage", chat) == [] for chat in (14, 15, 16))


# --- end to end: action server + `rasa run` + fake Bot API -------------------------------------------------------


@pytest.fixture(scope="module")
def telegram(trained_model, action_server, tmp_path_factory):
    """`rasa run` with this channel; the fake Bot API only comes up after the server has started and failed once."""
    folder = tmp_path_factory.mktemp("telegram")
    (folder / "credentials.yml").write_text("channels.telegram.TelegramInput:\n", encoding="utf-8")
    (folder / "endpoints.yml").write_text(f'action_endpoint:\n  url: "{action_server}"\n', encoding="utf-8")
    api_port, port, log = free_port(), free_port(), folder / "rasa.log"
    env = {k: v for k, v in server_env().items() if not k.startswith("TELEGRAM_")}
    env.update(
        TELEGRAM_TOKEN=TOKEN,
        TELEGRAM_WEBHOOK_URL=WEBHOOK_URL,
        TELEGRAM_SECRET_TOKEN=SECRET,
        TELEGRAM_API_URL=f"http://127.0.0.1:{api_port}",
    )
    started = time.time()
    fake = None
    try:
        with launch.rasa_server(
            folder / "endpoints.yml",
            log,
            trained_model,
            folder / "credentials.yml",
            extra=["--enable-api", "--auth-token", AUTH],
            port=port,
            ready_path="/webhooks/telegram/",
            env=env,
        ) as server:
            deadline = time.time() + 60
            while "(tentative 1)" not in log.read_text() and time.time() < deadline:
                time.sleep(0.2)
            before_api = log.read_text()
            fake = FakeBotAPI(TOKEN, port=api_port).start()
            fake.wait_for(lambda: fake.of("setWebhook"), timeout=60)
            print(f"rasa run with the Telegram channel ready in {time.time() - started:.1f}s")
            yield SimpleNamespace(
                url=server.url, fake=fake, log=log, before_api=before_api, process=server.process, api_port=api_port
            )
    finally:
        if fake is not None:
            fake.stop()


def test_start_up_survives_an_unreachable_api_then_registers_webhook_and_secret(telegram):
    assert f"(tentative 1) : API Bot injoignable à http://127.0.0.1:{telegram.api_port}" in telegram.before_api
    assert "Nouvel essai dans 1 s ; le serveur Rasa continue de tourner." in telegram.before_api
    assert telegram.process.poll() is None
    assert telegram.fake.of("getMe")
    assert telegram.fake.of("setWebhook")[-1] == {
        "url": WEBHOOK_URL,
        "secret_token": SECRET,
        "allowed_updates": ["message", "edited_message", "callback_query"],
    }
    assert "Webhook Telegram enregistré pour @conseiller_test_bot" in telegram.log.read_text()


def test_a_question_gets_the_answer_with_an_inline_keyboard(telegram):
    chat = new_chat()
    assert post_update(telegram, text_update(chat, "c'est quoi le micro-travail ?")) == 200
    sent = telegram.fake.of("sendMessage", chat)
    assert len(sent) == 1 and sent[0]["text"].startswith("Micro-travail : ") and sent[0]["parse_mode"] == "HTML"
    keyboard = sent[0]["reply_markup"]["inline_keyboard"]
    titles = [row[0]["text"] for row in keyboard]
    assert titles == ["Avantages", "Inconvénients", "Plateformes", "Comment débuter ?"]
    assert keyboard[0][0]["callback_data"] == '/ask_advantages{"concept":"microwork"}'


def test_a_button_press_is_acknowledged_and_answered(telegram):
    chat = new_chat()
    post_update(telegram, callback_update(chat, f"cb-{chat}", '/ask_advantages{"concept":"microwork"}'))
    assert {"callback_query_id": f"cb-{chat}"} in telegram.fake.of("answerCallbackQuery")
    sent = telegram.fake.of("sendMessage", chat)
    assert len(sent) == 1 and sent[0]["text"].startswith("Les avantages du micro-travail :")
    order = [
        c["method"]
        for c in telegram.fake.calls
        if c["params"].get("callback_query_id") == f"cb-{chat}" or str(c["params"].get("chat_id")) == str(chat)
    ]
    assert order == ["answerCallbackQuery", "sendMessage"]  # the spinner stops before Rasa answers


def test_start_greets(telegram):
    chat = new_chat()
    post_update(telegram, text_update(chat, "/start", command=True))
    sent = telegram.fake.of("sendMessage", chat)
    assert len(sent) == 1 and "Je suis votre conseiller" in sent[0]["text"]
    assert [row[0]["text"] for row in sent[0]["reply_markup"]["inline_keyboard"]] == GREETING_TITLES


def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_sent(telegram):
    chat = new_chat()
    assert post_update(telegram, text_update(chat, "bonjour"), secret="mauvais") == 403
    assert post_update(telegram, text_update(chat, "bonjour"), secret=None) == 403
    assert telegram.fake.of("sendMessage", chat) == []


def test_malformed_json_is_a_400(telegram):
    assert post_update(telegram, b"{pas du json") == 400
    assert post_update(telegram, b"[1, 2]") == 400


def test_a_sticker_gets_a_polite_answer(telegram):
    chat = new_chat()
    assert post_update(telegram, sticker_update(chat)) == 200
    assert [m["text"] for m in telegram.fake.of("sendMessage", chat)] == [TEXT_ONLY]


def test_a_long_message_arrives_split_and_its_long_button_payload_works(telegram):
    chat = new_chat()
    text = "Début <b> & fin.\n\n" + "\n".join(f"• point {i} ".ljust(60, "-") for i in range(90))
    long_payload = '/ask_definition{"concept": "microwork", "detail": "' + "x" * 60 + '"}'
    event = {"event": "bot", "text": text, "data": {"buttons": [{"title": "Détail", "payload": long_payload}]}}
    url = f"{telegram.url}/conversations/{chat}/tracker/events?output_channel=telegram&execute_side_effects=true"
    request(f"{url}&token={AUTH}", json.dumps(event).encode())
    sent = telegram.fake.of("sendMessage", chat)
    assert [m["text"] for m in sent] == [escape(p) for p in split_message(text)] and len(sent) == 2
    assert sent[0]["text"].startswith("Début &lt;b&gt; &amp; fin.") and "reply_markup" not in sent[0]
    key = sent[1]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert key.startswith(KEY_PREFIX) and len(key.encode()) <= 64
    post_update(telegram, callback_update(chat, f"cb-long-{chat}", key))
    assert {"callback_query_id": f"cb-long-{chat}"} in telegram.fake.of("answerCallbackQuery")
    assert telegram.fake.of("sendMessage", chat)[2]["text"].startswith("Micro-travail : ")


def test_a_reply_telegram_refuses_does_not_drop_the_turn_from_the_conversation(telegram):
    chat = new_chat()
    telegram.fake.fail(chat, (403, {"description": "Forbidden: bot was blocked by the user"}))
    assert post_update(telegram, text_update(chat, "c'est quoi le micro-travail ?")) == 200
    assert post_update(telegram, text_update(chat, "et ses inconvénients ?")) == 200
    sent = telegram.fake.of("sendMessage", chat)
    assert len(sent) == 1 and sent[0]["text"].startswith("Les inconvénients du micro-travail :")
    conversation = TelegramInput(TOKEN).conversation_id(chat)
    with urllib.request.urlopen(f"{telegram.url}/conversations/{conversation}/tracker?token={AUTH}") as answer:
        events = json.loads(answer.read())["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == [
        "c'est quoi le micro-travail ?",
        "et ses inconvénients ?",
    ]
    assert sum(e["event"] == "bot" for e in events) >= 2


# --- helpers ----------------------------------------------------------------------------------------------------


def request(url, body, headers=None):
    call = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(call, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def post_update(server, update, secret=SECRET):
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    return request(f"{server.url}/webhooks/telegram/webhook", body, {SECRET_HEADER: secret} if secret else {})


def test_two_replicas_sharing_redis_answer_a_redelivered_update_once(tmp_path):
    from redis import asyncio as redis_asyncio

    from channels.telegram_flow import RecentUpdates

    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )

    async def scenario():
        clients = [redis_asyncio.Redis(port=port) for _ in range(2)]
        for _ in range(50):
            with contextlib.suppress(Exception):
                if await clients[0].ping():
                    break
            await asyncio.sleep(0.1)
        first, second = (RecentUpdates(client) for client in clients)
        seen = [await first.first_time(700001), await second.first_time(700001), await second.first_time(700002)]
        server.terminate()
        server.wait(timeout=10)
        down = [await first.first_time(700003), await first.first_time(700003)]  # Redis gone: this process remembers
        for client in clients:
            await client.close()
        return seen, down

    try:
        assert asyncio.run(scenario()) == ([True, False, True], [True, False])
    finally:
        server.kill()


def test_the_documented_tunnel_points_at_nginx_never_at_rasa():
    import re

    from runtime.launch import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    nginx_port = re.search(r"NGINX_PORT=\$\{NGINX_PORT:-(\d+)\}", (ROOT / "scripts/prod.sh").read_text())[1]
    tunnels = re.findall(r"tunnel --url http://localhost:(\d+)|ngrok http (\d+)", readme)
    assert tunnels and {port for pair in tunnels for port in pair if port} == {nginx_port}
