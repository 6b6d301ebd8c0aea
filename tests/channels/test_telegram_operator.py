"""The operator's features on Telegram end to end (`rasa run` + action server + fake Bot API): feedback, a human,
the user's data and in-chat erasure, checked in the tracker store."""

from __future__ import annotations

import asyncio

from tests.channels.fake_bot_api import callback_update, new_chat, post_update, text_update
from tests.support import sqlite_store


def last_answer(telegram, chat):
    return telegram.fake.of("sendMessage", chat)[-1]


def buttons(message):
    return [button["text"] for row in message["reply_markup"]["inline_keyboard"] for button in row]


def test_feedback_a_human_my_data_and_erasure_on_telegram(telegram):
    chat = new_chat()
    for text in (
        "c'est quoi le micro-travail ?",
        "et ses avantages ?",
        "quelle différence entre micro-travail et freelance ?",
    ):
        assert post_update(telegram, text_update(chat, text)) == 200
    rating = last_answer(telegram, chat)
    assert "Cette réponse vous a-t-elle été utile ?" in rating["text"]
    assert {"👍 Utile", "👎 Pas utile"} <= set(buttons(rating))

    post_update(telegram, callback_update(chat, f"cb-{chat}", '/feedback{"rating":"useless"}'))
    sorry = last_answer(telegram, chat)
    assert sorry["text"].startswith("Désolé que cette réponse ne vous ait pas aidé.")
    assert "Parler à un humain" in buttons(sorry)

    post_update(telegram, text_update(chat, "un humain svp"))
    assert "https://www.francetravail.fr" in last_answer(telegram, chat)["text"]

    post_update(telegram, text_update(chat, "/mes_donnees", command=True))
    assert "Je conserve notre conversation" in last_answer(telegram, chat)["text"]

    stored = asyncio.run(sqlite_store(telegram.db).retrieve(f"tg:{chat}"))
    ratings = [e.intent_name for e in stored.events if e.type_name == "user"]
    assert "feedback" in ratings

    post_update(telegram, text_update(chat, "/oublier", command=True))
    assert "Voulez-vous vraiment effacer" in last_answer(telegram, chat)["text"]
    post_update(telegram, callback_update(chat, f"cb-forget-{chat}", "/confirm_forget"))
    assert last_answer(telegram, chat)["text"].startswith("C'est fait")
    assert asyncio.run(sqlite_store(telegram.db).retrieve(f"tg:{chat}")) is None
