"""Who may use the REST channel: a bearer token when set, loopback only without one, nobody in production."""

import json
from types import SimpleNamespace

import pytest
from rasa.shared.exceptions import RasaException

from channels.rest import GuardedRestInput

TOKEN = "rest-token-" + "k" * 30


def request(ip="127.0.0.1", authorization=None):
    return SimpleNamespace(ip=ip, headers={"Authorization": authorization} if authorization else {})


def outcome(channel, req):
    refused = channel.refusal(req)
    return None if refused is None else (refused.status, json.loads(refused.body)["error"])


def test_with_a_token_every_client_needs_it_even_on_loopback():
    channel = GuardedRestInput.from_credentials(None, {"REST_TOKEN": TOKEN})
    assert outcome(channel, request("203.0.113.9", f"Bearer {TOKEN}")) is None
    for req in (request(), request(authorization=TOKEN), request(authorization=f"Bearer {TOKEN}x")):
        assert outcome(channel, req)[0] == 401


def test_without_a_token_only_loopback_clients_are_served():
    channel = GuardedRestInput.from_credentials(None, {})
    assert outcome(channel, request("127.0.0.1")) is None and outcome(channel, request("::1")) is None
    assert outcome(channel, request("192.0.2.1")) == (403, "REST channel open to loopback only: set REST_TOKEN")


def test_the_production_profile_without_a_token_turns_rest_off():
    channel = GuardedRestInput.from_credentials(None, {"REST_REQUIRE_TOKEN": "true"})
    assert outcome(channel, request()) == (403, "REST channel disabled: REST_TOKEN is not set")


@pytest.mark.parametrize("weak", ["changeme", "short-token"])
def test_a_weak_token_stops_the_start(weak):
    with pytest.raises(RasaException, match="REST_TOKEN trop faible"):
        GuardedRestInput.from_credentials(None, {"REST_TOKEN": weak})
