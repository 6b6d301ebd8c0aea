"""Raw user text is cleaned or politely refused before Rasa sees it."""

import pytest

from channels.guard import EMPTY_REPLY, MAX_MESSAGE_CHARS, TOO_LONG_REPLY, clean_text, valid_sender


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("  c'est quoi   le freelance ? ", "c'est quoi le freelance ?"),
        ("micro\x00travail\x07 ?", "micro travail ?"),
        ("ligne 1\nligne 2", "ligne 1 ligne 2"),
        ("🙂🙂", "🙂🙂"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ],
)
def test_text_is_cleaned(raw, expected):
    assert clean_text(raw) == (expected, None)


@pytest.mark.parametrize(
    "raw,reply",
    [
        ("", EMPTY_REPLY),
        ("   \t  ", EMPTY_REPLY),
        (None, EMPTY_REPLY),
        (42, EMPTY_REPLY),
        (["a"], EMPTY_REPLY),
        ("x" * (MAX_MESSAGE_CHARS + 1), TOO_LONG_REPLY),
        ("é" * 100_000, TOO_LONG_REPLY),
    ],
)
def test_unusable_text_gets_a_polite_reply(raw, reply):
    assert clean_text(raw) == (None, reply)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("alice", "alice"),
        (12345, "12345"),
        ("", None),
        ("   ", None),
        (None, None),
        (True, None),
        ("a" * 129, None),
        ("x\ny", None),
        ({"id": 1}, None),
    ],
)
def test_sender_ids(raw, expected):
    assert valid_sender(raw) == expected
