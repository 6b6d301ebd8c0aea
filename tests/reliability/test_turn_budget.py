"""A conversation's Redis lock outlives the slowest turn the production profile allows, so two replicas never
answer the same conversation at once; a hung action server is cut off well before that."""

import re

import yaml
from rasa.utils.endpoints import EndpointConfig

from runtime.fault_policy import DEFAULT_ACTION_TIMEOUT, action_timeout
from runtime.launch import ROOT
from storage.reconnecting import RETRY_DELAYS

STORE_CALLS_PER_TURN = 3  # read, then on a checkpoint a save and a second read; the turn's own save after the lock


def lock_lifetime() -> float:
    match = re.search(r"TICKET_LOCK_LIFETIME=\$\{TICKET_LOCK_LIFETIME:-(\d+)\}", (ROOT / "scripts/prod.sh").read_text())
    assert match, "scripts/prod.sh no longer sets a default TICKET_LOCK_LIFETIME"
    return float(match[1])


def configured_action_timeout(endpoints: str) -> float:
    settings = yaml.safe_load((ROOT / endpoints).read_text(encoding="utf-8"))["action_endpoint"]
    assert "timeout" in settings, f"{endpoints}: the action endpoint timeout must be set explicitly"
    return action_timeout(EndpointConfig.from_dict(settings))


def test_both_profiles_give_the_action_server_about_ten_seconds():
    assert configured_action_timeout("endpoints.yml") == configured_action_timeout("endpoints.prod.yml") == 10
    assert DEFAULT_ACTION_TIMEOUT == 10


def test_the_lock_outlives_the_worst_turn():
    worst_turn = configured_action_timeout("endpoints.prod.yml") + (STORE_CALLS_PER_TURN + 1) * sum(RETRY_DELAYS)
    assert lock_lifetime() > worst_turn, f"lock {lock_lifetime()} s, worst turn {worst_turn:.1f} s"
    nginx = (ROOT / "ops/nginx/nginx.conf.template").read_text()
    read_timeout = float(re.search(r"proxy_read_timeout (\d+)s", nginx)[1])
    assert read_timeout > lock_lifetime(), "nginx would cut a turn that waits for an expired lock"
