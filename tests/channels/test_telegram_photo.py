"""A simulation chart reaches Telegram as a photo (sendPhoto, uploaded), after its text alternative."""

import asyncio

from channels.telegram import TelegramOutput
from runtime.charts import charts_dir
from tests.channels.fake_bot_api import FakeBotAPI, new_chat

TOKEN = "123456789:AAHphoto-" + "x" * 26
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_chart_image_is_uploaded_with_send_photo(tmp_path, monkeypatch):
    monkeypatch.setenv("CHARTS_DIR", str(tmp_path))
    chart_id = "ab" * 12
    (charts_dir() / f"{chart_id}.png").write_bytes(PNG)
    fake, chat = FakeBotAPI(TOKEN).start(), new_chat()
    output = TelegramOutput(TOKEN, fake.url)

    async def send():
        await output.send_response(chat, {"text": "Graphique par mois : …", "image": f"/charts/{chart_id}.png"})
        await output.close_session()

    try:
        asyncio.run(send())
        assert [c["method"] for c in fake.calls] == ["sendMessage", "sendPhoto"]
        assert str(fake.of("sendPhoto")[0]["chat_id"]) == str(chat)
        assert fake.of("sendMessage")[0]["text"] == "Graphique par mois : …"
    finally:
        fake.stop()
