"""The Telegram webhook: settings, the secret, what an update may contain, and start-up against an unreachable API."""

from __future__ import annotations

import time

import pytest
from rasa.shared.exceptions import RasaException

from channels.guard import SILENCE_REPLY, TOO_LONG_REPLY
from channels.telegram import EDITED, EXPIRED, SECRET_PATTERN, TEXT_ONLY, TelegramInput
from channels.telegram_format import KEY_PREFIX
from tests.channels.fake_bot_api import (
    SECRET,
    TOKEN,
    WEBHOOK_URL,
    callback_update,
    new_chat,
    post_update,
    sticker_update,
    text_update,
)


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
    # the server logs the registration after the fake API answered setWebhook: the line may come a moment later
    deadline = time.monotonic() + 10
    while "Webhook Telegram enregistré" not in telegram.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Webhook Telegram enregistré pour @conseiller_test_bot" in telegram.log.read_text()


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


def test_the_documented_tunnel_points_at_nginx_never_at_rasa():
    import re

    from runtime.launch import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    nginx_port = re.search(r"NGINX_PORT=\$\{NGINX_PORT:-(\d+)\}", (ROOT / "scripts/prod.sh").read_text())[1]
    tunnels = re.findall(r"tunnel --url http://localhost:(\d+)|ngrok http (\d+)", readme)
    assert tunnels and {port for pair in tunnels for port in pair if port} == {nginx_port}
