"""Starts the action server (runtime.action_server) and the Rasa server (runtime.serve) for the tests and the bench.

Each server gets a port (a free one unless given), a log file, a wait until it answers, and a clean stop.
"""

from __future__ import annotations

import contextlib
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, Optional, Sequence, Set

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
START_TIMEOUT = 240  # seconds: loading the model takes ~1 min on 2 busy cores
ENVIRONMENT = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "SANIC_HOST": "127.0.0.1",
}  # as the Makefile sets them


@dataclass
class Server:
    """A running server process: its base URL (http://127.0.0.1:port) and its log."""

    process: subprocess.Popen
    url: str
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid


# Under pytest-xdist each worker draws ports from its own range, below the kernel's ephemeral ports (32768+), so two
# workers never pick the same port between choosing it and the server binding it.
WORKER_PORTS = 2000
FIRST_WORKER_PORT = 10000
_ports_given: Set[int] = set()


def free_port() -> int:
    """A loopback port nobody listens on (and this process has not handed out yet)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]
    first = FIRST_WORKER_PORT + int(worker[2:]) * WORKER_PORTS
    # a random start: a subprocess of this worker (a script under test) draws elsewhere in the range
    offset = random.randrange(WORKER_PORTS)
    for step in range(WORKER_PORTS):
        port = first + (offset + step) % WORKER_PORTS
        if port in _ports_given:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _ports_given.add(port)
        return port
    raise RuntimeError(f"no free port left in {first}-{first + WORKER_PORTS - 1} for {worker}")


def server_env() -> Dict[str, str]:
    """This process's environment with the project importable and the Makefile's settings as defaults."""
    return {**ENVIRONMENT, **os.environ, "PYTHONPATH": str(ROOT)}


def start_process(args: Sequence[str], log: Path, env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
    """Starts `args` in the repository, its output going to `log`."""
    with log.open("w") as handle:
        return subprocess.Popen(list(args), cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=env or server_env())


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT) -> None:
    """Returns once `url` answers; raises with the end of the log if the process exits or stays silent."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}; log {log}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout}s; log {log}")


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM (servers shut down cleanly), SIGKILL after 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def running(
    args: Sequence[str], log: Path, port: int, ready_path: str = "/", env: Optional[Dict[str, str]] = None
) -> Iterator[Server]:
    """The process of `args`, listening on `port`, from the moment `ready_path` answers until the block ends."""
    process = start_process(args, log, env)
    try:
        wait_for_http(f"http://127.0.0.1:{port}{ready_path}", process, log)
        yield Server(process, f"http://127.0.0.1:{port}", log)
    finally:
        stop_process(process)


def action_server(
    log: Path, port: Optional[int] = None, env: Optional[Dict[str, str]] = None
) -> contextlib.AbstractContextManager[Server]:
    """The action server through its entry point (runtime.action_server), on loopback; Rasa calls `<url>/webhook`."""
    port = port or free_port()
    return running(
        [PYTHON, "-m", "runtime.action_server", "--actions", "actions", "--port", str(port)], log, port, "/health", env
    )


def rasa_server(
    endpoints: Path,
    log: Path,
    model: Optional[Path] = None,
    credentials: Path = ROOT / "credentials.yml",
    extra: Sequence[str] = (),
    port: Optional[int] = None,
    ready_path: str = "/",
    env: Optional[Dict[str, str]] = None,
) -> contextlib.AbstractContextManager[Server]:
    """The Rasa server through its entry point (runtime.serve), on loopback; `extra`: more `rasa run` flags."""
    port = port or free_port()
    args = [
        PYTHON,
        "-m",
        "runtime.serve",
        "--port",
        str(port),
        "--interface",
        "127.0.0.1",
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        *extra,
    ]
    if model is not None:
        args += ["--model", str(model)]
    return running(args, log, port, ready_path, env)
