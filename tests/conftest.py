"""Shared fixtures: the knowledge store, trackers for action tests, servers and the trained model."""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "conseiller.tar.gz"
RASA = ROOT / ".venv" / "bin" / "rasa"
sys.path.insert(0, str(ROOT))

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
os.environ.setdefault("SANIC_HOST", "127.0.0.1")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 240) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; log {log}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout}s; log {log}")


def server_env() -> Dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def start_process(args: List[str], log: Path, env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(args, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=env or server_env())


def stop_process(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def store():
    from actions.knowledge.loader import load_store

    return load_store()


@pytest.fixture(scope="session")
def knowledge(store):
    from actions.knowledge.queries import Knowledge

    return Knowledge(store)


@pytest.fixture
def run_action():
    """Runs an action on a tracker; returns (messages the user would read, events)."""
    from rasa_sdk.executor import CollectingDispatcher

    def run(action, tracker):
        dispatcher = CollectingDispatcher()
        result = action.run(dispatcher, tracker, {})
        if asyncio.iscoroutine(result):
            result = asyncio.new_event_loop().run_until_complete(result)
        return dispatcher.messages, result

    return run


@pytest.fixture(scope="session")
def trained_model() -> Path:
    if not MODEL.is_file():
        pytest.fail(f"No trained model at {MODEL}: run `make train` (make test does it for you).")
    return MODEL


@pytest.fixture(scope="session")
def action_server(tmp_path_factory) -> str:
    """A real action server (rasa run actions) on a free loopback port; yields its webhook URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("actions") / "actions.log"
    process = start_process([str(RASA), "run", "actions", "--actions", "actions", "--port", str(port)], log)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", process, log)
        yield f"http://127.0.0.1:{port}/webhook"
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def event_loop_session():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def agent(trained_model, action_server, event_loop_session):
    """The trained assistant in this process, calling the real action server."""
    return event_loop_session.run_until_complete(_load_agent(trained_model, action_server))


async def _load_agent(model: Path, action_url: str):
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    endpoints = AvailableEndpoints(action=EndpointConfig(url=action_url))
    return await load_agent(model_path=str(model), endpoints=endpoints)
