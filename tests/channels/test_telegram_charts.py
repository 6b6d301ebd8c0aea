"""`rasa run` with the Telegram channel: a full guided choice by buttons ends with the chart uploaded by sendPhoto."""

from __future__ import annotations

import json
import struct
import urllib.request

import pytest

from channels.telegram import SECRET_HEADER
from runtime import launch
from tests.channels.fake_bot_api import FakeBotAPI, callback_update, new_chat, text_update
from tests.conftest import server_env

TOKEN = "123456789:AAHcharts-" + "x" * 26
SECRET = "secret_" + "c4a7r1t5"
READY = "/webhooks/telegram/"
ANSWERS = [("schedule", "structured"), ("skills", "specialized"), ("income", "main"), ("career", "long_term")]


@pytest.fixture(scope="module")
def telegram(trained_model, action_server, tmp_path_factory):
    """(Rasa URL, fake Bot API): the Telegram channel of `rasa run`, the fake API up before it starts."""
    folder = tmp_path_factory.mktemp("telegram-charts")
    credentials, endpoints = folder / "credentials.yml", folder / "endpoints.yml"
    credentials.write_text("channels.telegram.TelegramInput:\n", encoding="utf-8")
    endpoints.write_text(f'action_endpoint:\n  url: "{action_server}"\n', encoding="utf-8")
    fake = FakeBotAPI(TOKEN).start()
    env = {k: v for k, v in server_env().items() if not k.startswith("TELEGRAM_")}
    env.update(TELEGRAM_TOKEN=TOKEN, TELEGRAM_SECRET_TOKEN=SECRET, TELEGRAM_API_URL=fake.url)
    env.update(TELEGRAM_WEBHOOK_URL="https://conseiller.example.org/webhooks/telegram/webhook")
    served = launch.rasa_server(endpoints, folder / "rasa.log", trained_model, credentials, ready_path=READY, env=env)
    try:
        with served as server:
            fake.wait_for(lambda: fake.of("setWebhook"), timeout=60)
            yield server.url, fake
    finally:
        fake.stop()


def post_update(url: str, update: dict) -> int:
    call = urllib.request.Request(
        f"{url}/webhooks/telegram/webhook",
        data=json.dumps(update).encode(),
        method="POST",
        headers={"Content-Type": "application/json", SECRET_HEADER: SECRET},
    )
    with urllib.request.urlopen(call, timeout=120) as answer:
        return answer.status


def test_the_recommendation_reaches_telegram_with_its_chart_as_a_photo(telegram):
    url, fake = telegram
    chat = new_chat()
    assert post_update(url, text_update(chat, "aide-moi à choisir")) == 200
    for number, (slot, value) in enumerate(ANSWERS + [("autonomy", "low")], start=1):
        assert post_update(url, callback_update(chat, f"cb-{chat}-{number}", f'/inform{{"{slot}":"{value}"}}')) == 200
    texts = [m["text"] for m in fake.of("sendMessage", chat)]
    recommendation = next(i for i, t in enumerate(texts) if t.startswith("Ma recommandation : le freelance."))
    assert texts[recommendation + 1].startswith("Plateformes à regarder en premier :")
    assert texts[recommendation + 2].startswith(
        "Graphique de vos réponses : 4 critères sur 5 penchent vers le freelance"
    )
    photos = fake.of("sendPhoto", chat)
    assert len(photos) == 1
    png = photos[0]["photo"]
    assert png.startswith(b"\x89PNG") and struct.unpack(">II", png[16:24])[0] == 800
    order = [c["method"] for c in fake.calls if str(c["params"].get("chat_id")) == str(chat)]
    last_text = len(order) - 1 - order[::-1].index("sendMessage")
    assert order.index("sendPhoto") < last_text  # the rating question, with its buttons, comes last
