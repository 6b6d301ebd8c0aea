"""The production profile (PostgreSQL, Redis, two Rasa replicas, nginx) started once for these tests."""

import contextlib
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from runtime.launch import ROOT, free_port

TOKEN = "reliability-" + uuid.uuid4().hex
REST_TOKEN = "reliability-rest-" + uuid.uuid4().hex  # the production profile's REST channel needs it
REST_AUTH = {"Authorization": f"Bearer {REST_TOKEN}"}


class Profile:
    """Handles to the running production profile."""

    def __init__(self, env, run_dir):
        self.env, self.run_dir = env, run_dir
        self.url = f"http://127.0.0.1:{env['NGINX_PORT']}"
        self.replicas = env["RASA_PORTS"].split()

    def script(self, *args):
        return subprocess.run(
            [str(ROOT / "scripts" / "prod.sh"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def pid(self, name):
        return int((self.run_dir / f"{name}.pid").read_text().strip())


@contextlib.contextmanager
def production_profile(**settings):
    """scripts/prod.sh start on free loopback ports; `settings` override its environment (RATE_LIMIT, …)."""
    # not under pytest's private tmp dir: the postgres user must be able to reach its data directory
    run_dir = Path(tempfile.mkdtemp(prefix="conseiller-prod-"))
    run_dir.chmod(0o755)
    env = {
        **os.environ,
        "RUN_DIR": str(run_dir),
        "PG_PORT": str(free_port()),
        "REDIS_PORT": str(free_port()),
        "NGINX_PORT": str(free_port()),
        "ACTIONS_PORT": str(free_port()),
        "RASA_PORTS": f"{free_port()} {free_port()}",
        "RASA_API_TOKEN": TOKEN,
        "REST_TOKEN": REST_TOKEN,
        **settings,
    }
    profile = Profile(env, run_dir)
    started = profile.script("start")
    if started.returncode != 0:
        profile.script("stop")
        pytest.fail(f"production profile did not start:\n{started.stdout}\n{started.stderr}")
    try:
        yield profile
    finally:
        profile.script("stop")
        shutil.rmtree(run_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def prod(trained_model):
    """The profile with the per-IP rate limit lifted (load tests send far more than one client would)."""
    with production_profile(RATE_LIMIT=os.environ.get("TEST_RATE_LIMIT", "100000"), RATE_BURST="100000") as profile:
        yield profile
