"""Telegram delivery: retries after a 429 or a 5xx, giving up on a 403, long answers split, a refused reply
that keeps the turn."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request

from channels.telegram import TelegramInput
from channels.telegram_format import KEY_PREFIX, escape, split_message
from tests.channels.fake_bot_api import AUTH, TOKEN, callback_update, new_chat, post_update, request, text_update


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
