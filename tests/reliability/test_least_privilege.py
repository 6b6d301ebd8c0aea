"""The production profile runs least-privileged, and a PostgreSQL outage of 20 s loses and duplicates nothing."""

import asyncio
import json
import os
import stat
import subprocess
import time
import uuid
from pathlib import Path

import aiohttp
import pytest

from channels.guard import SILENCE_REPLY
from runtime.launch import ROOT
from tests.reliability.conftest import TOKEN
from tests.reliability.test_load_and_faults import TURNS, say, tracker, user_texts

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the profile switches users only when started as root")


def uid_of(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])


def profile_pids(prod):
    redis_pid = int((prod.run_dir / "app" / "redis" / "redis.pid").read_text())
    return {"actions": prod.pid("actions"), "redis": redis_pid, **{p: prod.pid(f"rasa-{p}") for p in prod.replicas}}


def service_user_can_run_python():
    python = Path(os.path.realpath(ROOT / ".venv/bin/python"))
    return all(os.stat(folder).st_mode & stat.S_IXOTH for folder in python.parents) and os.access(python, os.X_OK)


def test_redis_runs_unprivileged(prod):
    assert uid_of(profile_pids(prod)["redis"]) != 0


@pytest.mark.skipif(not service_user_can_run_python(), reason="the project's Python is out of the service user's reach")
def test_rasa_and_the_action_server_run_as_the_same_unprivileged_user_as_redis(prod):
    uids = {name: uid_of(pid) for name, pid in profile_pids(prod).items()}
    assert set(uids.values()) == {uids["redis"]} and uids["redis"] != 0, uids


def test_no_secret_on_a_command_line_and_secret_files_are_private(prod):
    secrets = [
        TOKEN,
        (prod.run_dir / "app/postgres.password").read_text(),
        (prod.run_dir / "app/redis.password").read_text(),
    ]
    for pid in Path("/proc").iterdir():
        if pid.name.isdigit():
            try:
                command_line = (pid / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            assert not any(secret in command_line for secret in secrets), command_line
    for name in ("postgres.password", "redis.password", "redis/redis.conf"):
        mode = (prod.run_dir / "app" / name).stat().st_mode
        assert stat.S_IMODE(mode) == 0o600, name
    for path in [prod.run_dir, *prod.run_dir.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            assert not path.stat().st_mode & stat.S_IWOTH, f"{path} is writable by anyone"


def test_redis_refuses_clients_without_the_password(prod):
    port = prod.env["REDIS_PORT"]
    answer = subprocess.run(["redis-cli", "-p", port, "ping"], capture_output=True, text=True, timeout=10)
    assert "NOAUTH" in answer.stdout + answer.stderr


def test_a_run_directory_that_is_a_symlink_or_someone_elses_is_refused(tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    (tmp_path / "link").symlink_to(target)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "left-over").write_text("x")
    for run_dir, reason in ((tmp_path / "link", "symbolic link"), (foreign, "not created by scripts/prod.sh")):
        env = {**os.environ, "RUN_DIR": str(run_dir), "PG_PORT": "1", "REDIS_PORT": "1", "NGINX_PORT": "1"}
        try:
            started = subprocess.run(
                [str(ROOT / "scripts/prod.sh"), "start"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
            )
        finally:
            subprocess.run([str(ROOT / "scripts/prod.sh"), "stop"], cwd=ROOT, env=env, capture_output=True, timeout=300)
        assert started.returncode != 0 and reason in started.stderr, started.stderr
    assert list(target.iterdir()) == []


def test_postgres_stopped_for_20_s_then_back_every_conversation_continues(prod):
    async def scenario():
        senders = [f"pg-outage-{i}-{uuid.uuid4().hex[:6]}" for i in range(5)]
        acknowledged = {sender: [] for sender in senders}
        async with aiohttp.ClientSession() as session:

            async def turn(sender, text):
                status, body = await say(session, prod.url, sender, text)
                if status == 200:
                    acknowledged[sender].append(text)
                return status, body

            for text in TURNS[1:3]:
                await asyncio.gather(*(turn(s, text) for s in senders))
            stop = prod.script("stop-postgres")
            assert stop.returncode == 0, stop.stderr
            stopped = time.monotonic()
            during = []
            try:
                while time.monotonic() - stopped < 20:
                    during += await asyncio.gather(*(turn(s, "quelles plateformes ?") for s in senders))
            finally:
                start = prod.script("start-postgres")
                assert start.returncode == 0, start.stderr
            # an answer during the outage: the apology with a 503 (say() returns non-200 bodies as text)
            assert during and all(
                status == 503 and json.loads(body)[0]["text"] == SILENCE_REPLY for status, body in during
            ), during
            for sender in senders:
                status, body = await turn(sender, "et ses inconvénients ?")
                assert status == 200 and body[0]["text"].startswith("Les inconvénients du micro-travail :"), body
                events = (await tracker(session, f"http://127.0.0.1:{prod.replicas[0]}", sender))["events"]
                assert user_texts(events) == acknowledged[sender], sender  # nothing lost, nothing twice
                assert len({(e["event"], e["timestamp"]) for e in events}) == len(events)
        print(f"\nPostgreSQL stopped 20 s: {len(during)} messages answered 503 with the apology, none stored")

    asyncio.run(scenario())
