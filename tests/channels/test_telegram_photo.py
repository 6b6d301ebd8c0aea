"""A simulation chart reaches Telegram as a photo (sendPhoto, uploaded), after its text alternative; a photo that
cannot be sent leaves the text alternative as the answer and never fails the turn."""

import asyncio

import pytest

from channels.telegram_output import TelegramOutput
from runtime.charts import charts_dir
from tests.channels.fake_bot_api import FakeBotAPI, new_chat

TOKEN = "123456789:AAHphoto-" + "x" * 26
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
CHART_ID = "ab" * 12
ALT_TEXT = "Graphique par mois : chiffre d'affaires 1 000 €."


@pytest.fixture
def fake(tmp_path, monkeypatch):
    monkeypatch.setenv("CHARTS_DIR", str(tmp_path))
    api = FakeBotAPI(TOKEN).start()
    yield api
    api.stop()


def chart_on_disk() -> str:
    (charts_dir() / f"{CHART_ID}.png").write_bytes(PNG)
    return f"/charts/{CHART_ID}.png"


def send_chart(fake: FakeBotAPI, recipient, image: str) -> None:
    """The simulation's message as Rasa hands it to the channel; raises if the channel raises."""
    output = TelegramOutput(TOKEN, fake.url)

    async def send():
        try:
            await output.send_response(recipient, {"text": ALT_TEXT, "image": image})
        finally:
            await output.close_session()

    asyncio.run(send())


def test_a_chart_image_is_uploaded_with_send_photo(fake):
    chat = new_chat()
    send_chart(fake, chat, chart_on_disk())
    assert [c["method"] for c in fake.calls] == ["sendMessage", "sendPhoto"]
    assert str(fake.of("sendPhoto")[0]["chat_id"]) == str(chat)
    assert fake.of("sendMessage")[0]["text"] == ALT_TEXT


def test_a_scoped_conversation_id_reaches_the_telegram_chat(fake):
    chat = new_chat()
    send_chart(fake, f"tg:{chat}", chart_on_disk())
    assert [str(p["chat_id"]) for p in fake.of("sendPhoto")] == [str(chat)]


def test_a_refused_photo_leaves_the_text_alternative_and_does_not_fail_the_turn(fake):
    chat = new_chat()
    fake.failing_methods = {"sendPhoto"}
    fake.fail(chat, (403, {"description": "Forbidden: bot was blocked by the user"}))
    send_chart(fake, chat, chart_on_disk())
    assert [p["text"] for p in fake.of("sendMessage", chat)] == [ALT_TEXT]
    assert len(fake.of("sendPhoto", chat, failed=True)) == 1


def test_a_photo_refused_with_429_is_retried(fake):
    chat = new_chat()
    fake.failing_methods = {"sendPhoto"}
    fake.fail(chat, (429, {"description": "Too Many Requests", "parameters": {"retry_after": 1}}))
    send_chart(fake, chat, chart_on_disk())
    assert len(fake.of("sendPhoto", chat, failed=True)) == 1 and len(fake.of("sendPhoto", chat)) == 1


def test_a_chart_missing_from_this_replica_sends_no_relative_url(fake):
    chat = new_chat()
    send_chart(fake, chat, f"/charts/{CHART_ID}.png")  # rendered on another replica's disk
    assert [c["method"] for c in fake.calls] == ["sendMessage"]
    assert fake.of("sendMessage", chat)[0]["text"] == ALT_TEXT
