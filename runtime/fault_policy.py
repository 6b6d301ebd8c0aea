"""What a turn does when a backend fails: a hung action server times out, a lost tracker store refuses the turn.

Rasa 3.6.21 waits 5 minutes for the action server, and its fail-safe tracker store answers a database
outage with an empty in-memory conversation: the user silently starts over and the turn is never stored.
Installed by the server's entry point (runtime/serve.py) on that exact Rasa version; `uninstall` restores it.
"""

from __future__ import annotations

import asyncio
from typing import Any, Optional

from rasa.shared.exceptions import RasaException

from runtime.rasa_adjustments import RasaAdjustments

RASA_VERSION = "3.6.21"
DEFAULT_ACTION_TIMEOUT = 10.0  # seconds; `timeout:` under action_endpoint in the endpoints file overrides it


class TrackerStoreUnavailable(RasaException):
    """The conversation could not be read or saved, even after the store's own retries."""


def refuse_fallback(error: Exception) -> None:
    """The fail-safe store's error callback: the turn fails instead of running on an empty conversation."""
    raise TrackerStoreUnavailable(f"tracker store unavailable: {type(error).__name__}") from error


def action_timeout(endpoint: Any) -> float:
    """Seconds a custom action may take, from the action endpoint's `timeout` setting."""
    value = getattr(endpoint, "kwargs", {}).get("timeout") if endpoint is not None else None
    try:
        return float(value) if value is not None and float(value) > 0 else DEFAULT_ACTION_TIMEOUT
    except (TypeError, ValueError):
        return DEFAULT_ACTION_TIMEOUT


def time_out_custom_actions() -> None:
    """A custom action that does not answer within its timeout fails like an unreachable action server."""
    from rasa.core.actions.action import RemoteAction

    stock = RemoteAction.__dict__["run"]

    async def run(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
        seconds = action_timeout(self.action_endpoint)
        try:
            return await asyncio.wait_for(stock(self, *args, **kwargs), seconds)
        except asyncio.TimeoutError as error:
            raise RasaException(f"custom action '{self.name()}' did not answer within {seconds:g} s") from error

    FAULT_POLICY.replace(RemoteAction, "run", run)


def refuse_in_memory_fallback() -> None:
    """The agent's fail-safe tracker store raises TrackerStoreUnavailable instead of falling back to memory."""
    from rasa.core.agent import Agent
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore

    def create_tracker_store(store: Optional[Any], domain: Any) -> Any:
        if store is None:
            return FailSafeTrackerStore(InMemoryTrackerStore(domain))
        store.domain = domain
        return FailSafeTrackerStore(store, on_tracker_store_error=refuse_fallback)

    FAULT_POLICY.replace(Agent, "_create_tracker_store", staticmethod(create_tracker_store))


FAULT_POLICY = RasaAdjustments(
    "runtime.fault_policy",
    RASA_VERSION,
    (time_out_custom_actions, refuse_in_memory_fallback),
    "a hung action server then holds a turn for 5 minutes, a database outage restarts conversations",
)
install, uninstall, installed = FAULT_POLICY.install, FAULT_POLICY.uninstall, FAULT_POLICY.installed
