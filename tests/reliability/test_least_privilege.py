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


def test_redis_runs_unprivileged(prod):
    assert uid_of(profile_pids(prod)["redis"]) != 0


def test_rasa_and_the_action_server_run_as_the_same_unprivileged_user_as_redis(prod):
    uids = {name: uid_of(pid) for name, pid in profile_pids(prod).items()}
    assert set(uids.values()) == {uids["redis"]} and uids["redis"] != 0, uids


def test_the_service_user_cannot_change_the_code_the_interpreter_or_the_model_it_runs(prod):
    pid = prod.pid(f"rasa-{prod.replicas[0]}")
    command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    environment = dict(
        entry.decode().split("=", 1) for entry in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0") if entry
    )
    model = command[command.index(b"--model") + 1].decode()
    probe = (
        "import os, sys, rasa; print([p for p in (os.getcwd(), os.path.dirname(rasa.__file__), sys.prefix,"
        " sys.base_prefix, sys.argv[1]) if os.access(p, os.W_OK) or not os.access(p, os.R_OK)])"
    )
    user = prod.env.get("SERVICE_USER", "conseiller")
    answer = subprocess.run(
        ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", command[0].decode(), "-c", probe, model],
        cwd=os.readlink(f"/proc/{pid}/cwd"),
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert answer.returncode == 0 and answer.stdout.strip() == "[]", answer  # all readable, none writable
    assert not Path(os.readlink(f"/proc/{pid}/cwd")).is_relative_to(ROOT), "the replica runs the clone itself"


def release(*args, **env):
    return subprocess.run(
        [str(ROOT / "scripts/release.sh"), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_python_release_is_built_once_then_reused_and_a_foreign_directory_is_refused(tmp_path):
    root = tmp_path / "release"
    first, again = release("runtime", RELEASE_ROOT=str(root)), release("runtime", RELEASE_ROOT=str(root))
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    assert first.stdout == again.stdout and "réutilisé" in again.stderr, again.stderr
    runtime = Path(first.stdout.strip())
    assert stat.S_IMODE(runtime.stat().st_mode) == 0o750 and runtime.stat().st_uid == 0
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "left-over").write_text("x")
    (tmp_path / "link").symlink_to(root)
    for release_root, reason in ((foreign, "not created by scripts/release.sh"), (tmp_path / "link", "symbolic link")):
        refused = release("runtime", RELEASE_ROOT=str(release_root))
        assert refused.returncode != 0 and reason in refused.stderr, refused.stderr
    assert sorted(p.name for p in foreign.iterdir()) == ["left-over"]


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
