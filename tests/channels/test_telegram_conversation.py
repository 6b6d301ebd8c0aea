"""A conversation on Telegram end to end (`rasa run` + action server + fake Bot API): answers with inline
keyboards, button presses, /start."""

from __future__ import annotations

from tests.channels.fake_bot_api import callback_update, new_chat, post_update, text_update

GREETING_TITLES = [
    "C'est quoi le micro-travail ?",
    "C'est quoi le freelance ?",
    "Comparer les deux",
    "Aidez-moi à choisir",
]


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
