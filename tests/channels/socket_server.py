"""Starts the real `rasa run` with the website socket.io channel (session persistence) for channel and web tests."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator, List

import yaml

from runtime import launch

CHANNEL = "channels.socketio.WebSocketIOInput"


def socket_credentials(origins: List[str]) -> dict:
    """The credentials.yml block of the website channel, as `make run` uses it (origins aside)."""
    return {
        CHANNEL: {
            "user_message_evt": "user_uttered",
            "bot_message_evt": "bot_uttered",
            "session_persistence": True,
            "cors_allowed_origins": origins,
        }
    }


def project_tracker_store() -> str:
    """The tracker store class `make run` uses (endpoints.yml), with its erasure and checkpoints."""
    endpoints = yaml.safe_load((launch.ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    return endpoints["tracker_store"]["type"]


@contextlib.contextmanager
def socket_rasa(model: Path, action_url: str, folder: Path, origins: List[str]) -> Iterator[str]:
    """Yields the base URL (http://127.0.0.1:port) of a `rasa run` serving socket.io on /socket.io."""
    credentials = folder / "credentials.yml"
    credentials.write_text(yaml.safe_dump(socket_credentials(origins)), encoding="utf-8")
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "{action_url}"\n'
        f"tracker_store:\n  type: {project_tracker_store()}\n  dialect: sqlite\n  db: {folder / 'tracker.db'}\n",
        encoding="utf-8",
    )
    env = launch.server_env()
    env.pop("WEB_ORIGINS", None)  # the origins under test come from the credentials file
    with launch.rasa_server(
        endpoints, folder / "rasa.log", model, credentials, ready_path="/webhooks/socketio/", env=env
    ) as server:
        yield server.url
