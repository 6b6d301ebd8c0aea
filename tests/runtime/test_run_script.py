"""scripts/run.sh opens Rasa's HTTP API with RASA_API_TOKEN without putting the token on any command line."""

import contextlib
import os
import secrets
import signal
import subprocess
import time
from pathlib import Path

from runtime import launch
from tests.runtime.probes import status_code

READY = "Le conseiller est prêt."


def command_lines():
    """pid -> command line of every process this user can see (/proc/<pid>/cmdline, arguments NUL-separated)."""
    lines = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                lines[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:  # the process ended meanwhile
                continue
    return lines


def wait_for_output(process, output, text, timeout=launch.START_TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if text in output.read_text():
            return
        assert process.poll() is None, f"scripts/run.sh exited with {process.returncode}:\n{output.read_text()}"
        time.sleep(1)
    raise AssertionError(f"scripts/run.sh not ready after {timeout} s:\n{output.read_text()}")


def test_run_sh_passes_the_api_token_through_the_environment_only(tmp_path):
    token = secrets.token_urlsafe(32)
    ports = {name: str(launch.free_port()) for name in ("RASA_PORT", "ACTIONS_PORT", "WEB_PORT")}
    env = {**launch.server_env(), **ports, "RASA_API_TOKEN": token}
    output = tmp_path / "run.out"
    with output.open("w") as handle:
        process = subprocess.Popen(
            [str(launch.ROOT / "scripts" / "run.sh")],
            cwd=launch.ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole below
        )
    try:
        wait_for_output(process, output, READY)
        rasa_url = f"http://127.0.0.1:{ports['RASA_PORT']}/status"
        assert status_code(rasa_url) == 401
        assert status_code(f"{rasa_url}?token={token}") == 200
        lines = command_lines()
        servers = [line for line in lines.values() if "runtime.serve" in line and ports["RASA_PORT"] in line]
        assert servers and all("--enable-api" in line for line in servers)
        assert [line for line in lines.values() if token in line] == []
    finally:
        process.send_signal(signal.SIGINT)  # run.sh's trap stops the servers it started
        try:
            process.wait(timeout=60)
        finally:
            with contextlib.suppress(ProcessLookupError):  # anything left of the group run.sh led
                os.killpg(process.pid, signal.SIGKILL)
