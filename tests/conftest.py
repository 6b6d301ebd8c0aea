"""Shared fixtures: the knowledge store, trackers for action tests, servers and the trained model."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "conseiller.tar.gz"
RASA = ROOT / ".venv" / "bin" / "rasa"
sys.path.insert(0, str(ROOT))

from runtime import launch  # noqa: E402  (needs ROOT on the path)

# the process helpers, for the tests that start other processes (web/serve.py, scripts)
from runtime.launch import free_port, server_env, start_process, stop_process, wait_for_http  # noqa: E402,F401

for name, value in launch.ENVIRONMENT.items():  # the in-process agent reads them too
    os.environ.setdefault(name, value)


_QUALITY_REPORT: List[str] = []


@pytest.fixture(scope="session")
def quality_report() -> List[str]:
    """Lines of measured quality (NLU, retrieval) that `make test` prints at the end, pass or fail."""
    return _QUALITY_REPORT


# `make test` runs the tests on several pytest-xdist workers (--dist loadgroup). Each module is one group, so its
# module-scoped servers start once; the modules that use the production profile (session-scoped `prod`) are one
# group, so it starts once, and that group comes first: it is the longest.
PRODUCTION_GROUP = "production"
FIRST = ("tests/reliability/", "tests/integration/", "tests/channels/", "tests/web/", "tests/runtime/")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    on_production = {item.path for item in items if "prod" in getattr(item, "fixturenames", ())}

    def group(item) -> str:
        return PRODUCTION_GROUP if item.path in on_production else Path(item.path).relative_to(ROOT).as_posix()

    def rank(item):
        name = group(item)
        first = next((i for i, prefix in enumerate(FIRST) if name.startswith(prefix)), len(FIRST))
        return (name != PRODUCTION_GROUP, first)

    items.sort(key=rank)  # stable: the order inside a module is kept
    for item in items:
        item.add_marker(pytest.mark.xdist_group(group(item)))


def pytest_sessionfinish(session):
    """A pytest-xdist worker hands its quality lines to the controller, which prints them."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["quality_report"] = list(_QUALITY_REPORT)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    _QUALITY_REPORT.extend(getattr(node, "workeroutput", {}).get("quality_report", []))


def pytest_terminal_summary(terminalreporter):
    if _QUALITY_REPORT:
        terminalreporter.section("quality figures")
        for line in _QUALITY_REPORT:
            terminalreporter.write_line(line)


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
    with launch.action_server(tmp_path_factory.mktemp("actions") / "actions.log") as server:
        yield f"{server.url}/webhook"


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
