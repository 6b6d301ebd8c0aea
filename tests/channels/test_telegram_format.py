"""Telegram text rules: splitting at 4096 characters, HTML escaping, compact payloads, 64-byte callback data."""

from __future__ import annotations

from channels.telegram_format import KEY_PREFIX, CallbackData, compact_payload, escape, split_message
from tests.support import domain_dict

PLATFORM = '/ask_platform_info{"platform": "clickworker"}'


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
