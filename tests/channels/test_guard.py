"""Raw user text is cleaned or politely refused before Rasa sees it."""

from pathlib import Path

import pytest

from channels import guard
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


def test_the_raw_length_is_refused_before_any_cleaning(monkeypatch):
    def no_cleaning(raw):
        raise AssertionError(f"{len(raw)} characters cleaned before being measured")

    monkeypatch.setattr(guard, "normalised", no_cleaning)
    assert clean_text("x" * 1_000_000) == (None, TOO_LONG_REPLY)
    assert clean_text("\x00" * (MAX_MESSAGE_CHARS + 1)) == (None, TOO_LONG_REPLY)


def test_a_message_at_the_limit_is_cleaned_and_kept():
    assert clean_text("a" * MAX_MESSAGE_CHARS) == ("a" * MAX_MESSAGE_CHARS, None)


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


def test_the_refusal_buttons_ask_for_intents_and_entities_of_the_domain():
    from rasa.shared.core.domain import Domain

    from channels.guard import REFUSAL_BUTTONS
    from channels.payload import checked_payload

    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    assert all(checked_payload(b["payload"], domain) == b["payload"] for b in REFUSAL_BUTTONS)
