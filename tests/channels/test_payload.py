"""Button payloads: the domain's intents with short string entities pass; anything else reaches the NLU as text."""

from types import SimpleNamespace

import pytest

from channels.payload import MAX_ENTITY_VALUE_CHARS, checked_payload

DOMAIN = SimpleNamespace(intents=["ask_definition", "start"], entities=["concept"])


@pytest.mark.parametrize(
    "text",
    ["/start", '/ask_definition{"concept": "microwork"}', '/ask_definition{"concept":"' + "m" * 100 + '"}', "bonjour"],
)
def test_valid_payloads_and_plain_text_pass_unchanged(text):
    assert checked_payload(text, DOMAIN) == text


@pytest.mark.parametrize(
    "text,plain",
    [
        ('/ask_definition{"concept": {"a": 1}}', 'ask_definition{"concept": {"a": 1}}'),
        ('/ask_definition{"concept": ["a", "b"]}', 'ask_definition{"concept": ["a", "b"]}'),
        ('/ask_definition{"concept": 3}', 'ask_definition{"concept": 3}'),
        ("/ask_definition{pas du json}", "ask_definition{pas du json}"),
        ('/ask_definition["concept"]', 'ask_definition["concept"]'),
        ("/ask_definition@0.1", "ask_definition@0.1"),
        ("/nlu_fallback", "nlu_fallback"),
        ("//start", "start"),
        ("/c'est quoi ?", "c'est quoi ?"),
    ],
)
def test_anything_else_is_plain_text_without_its_slash(text, plain):
    assert checked_payload(text, DOMAIN) == plain


def test_a_value_over_the_bound_is_plain_text():
    text = '/ask_definition{"concept": "' + "m" * (MAX_ENTITY_VALUE_CHARS + 1) + '"}'
    assert checked_payload(text, DOMAIN) == text[1:]


def test_an_entity_the_domain_does_not_know_makes_plain_text():
    # issue 13: only the domain's intents and entities are accepted as a payload; anything else is plain text
    text = '/ask_definition{"concept": "microwork", "detail": "x"}'
    assert checked_payload(text, DOMAIN) == text[1:]
    assert checked_payload('/ask_definition{"detail": "x"}', DOMAIN) == 'ask_definition{"detail": "x"}'


def test_without_a_domain_only_the_shape_is_checked():
    assert checked_payload("/anything", None) == "/anything"
    assert checked_payload('/anything{"x": {"y": 1}}', None) == 'anything{"x": {"y": 1}}'
