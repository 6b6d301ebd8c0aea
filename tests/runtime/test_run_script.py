"""scripts/run.sh opens Rasa's HTTP API with RASA_API_TOKEN off every command line, and wires the ports it is given."""

import contextlib
import json
import os
import secrets
import signal
import subprocess
import time
import urllib.request
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


def ask(rasa_port, text):
    request = urllib.request.Request(
        f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
        data=json.dumps({"sender": "run-script", "message": text}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())[0]["text"]


def test_run_sh_wires_the_ports_it_is_given_and_passes_the_api_token_through_the_environment_only(tmp_path):
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
        # Rasa calls the action server on ACTIONS_PORT, not on the default port: a custom action answers
        answer = ask(ports["RASA_PORT"], "c'est quoi le micro-travail ?")
        assert answer.startswith("Micro-travail : "), answer
    finally:
        process.send_signal(signal.SIGINT)  # run.sh's trap stops the servers it started
        try:
            process.wait(timeout=60)
        finally:
            with contextlib.suppress(ProcessLookupError):  # anything left of the group run.sh led
                os.killpg(process.pid, signal.SIGKILL)
