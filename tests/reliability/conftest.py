"""The production profile (PostgreSQL, Redis, two Rasa replicas, nginx) started once for these tests, configured as
`make run-prod` runs it: the HTTP API off, nginx's rate limits on; REST open to integrations with their token."""

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import aiohttp
import psycopg2
import pytest

from runtime.launch import ROOT, free_port

REST_TOKEN = "reliability-rest-" + uuid.uuid4().hex  # the production profile's REST channel needs it
REST_AUTH = {"Authorization": f"Bearer {REST_TOKEN}"}
ADMIN_TOKEN = "reliability-admin-" + uuid.uuid4().hex  # the profile serves /admin only with it
# left to scripts/prod.sh's defaults, whatever this shell exports: the profile under test is the production one
PRODUCTION_SETTINGS = (
    "RASA_API_TOKEN",
    "RATE_LIMIT",
    "RATE_BURST",
    "CONNECTION_LIMIT",
    "CONVERSATION_RATE_LIMIT",
    "CONVERSATION_RATE_BURST",
    "RETENTION_DAYS",
    "RETENTION_INTERVAL",
)


class Profile:
    """Handles to the running production profile."""

    def __init__(self, env, run_dir):
        self.env, self.run_dir = env, run_dir
        self.url = f"http://127.0.0.1:{env['NGINX_PORT']}"
        self.replicas = env["RASA_PORTS"].split()

    def script(self, *args, **settings):
        """scripts/prod.sh ARGS… on this profile; `settings` override its environment for this command."""
        return subprocess.run(
            [str(ROOT / "scripts" / "prod.sh"), *args],
            cwd=ROOT,
            env={**self.env, **settings},
            capture_output=True,
            text=True,
            timeout=600,
        )

    def pid(self, name):
        return int((self.run_dir / f"{name}.pid").read_text().strip())

    def secret(self, variable, file_name):
        """A password of the profile: from its environment, else the file scripts/prod.sh generated."""
        return self.env.get(variable) or (self.run_dir / "app" / file_name).read_text().strip()

    def operator_env(self):
        """The environment of an operator's command on this profile (scripts/report.py, rgpd.py with
        --endpoints endpoints.prod.yml), as scripts/prod.sh gives it to the services."""
        return {
            **self.env,
            "POSTGRES_HOST": "127.0.0.1",
            "POSTGRES_PORT": self.env["PG_PORT"],
            "POSTGRES_DB": "conseiller",
            "POSTGRES_USER": "conseiller",
            "POSTGRES_PASSWORD": self.secret("POSTGRES_PASSWORD", "postgres.password"),
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PASSWORD": self.secret("REDIS_PASSWORD", "redis.password"),
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.env['ACTIONS_PORT']}/webhook",
            "CHARTS_DIR": str(self.run_dir / "charts"),
        }

    def sql(self, statement, parameters=()):
        """Runs one statement in the tracker store's PostgreSQL database; returns its rows (none for an update)."""
        connection = psycopg2.connect(
            host="127.0.0.1",
            port=self.env["PG_PORT"],
            dbname="conseiller",
            user="conseiller",
            password=self.secret("POSTGRES_PASSWORD", "postgres.password"),
        )
        with contextlib.closing(connection), connection, connection.cursor() as cursor:
            cursor.execute(statement, parameters)
            return cursor.fetchall() if cursor.description else []

    def stored_events(self, conversation):
        """The events the tracker store holds for `conversation` (a scoped id: rest:…, web:…), in order, read in
        PostgreSQL: the HTTP API is off, as in production."""
        rows = self.sql("select data from events where sender_id = %s order by id", (conversation,))
        return [json.loads(data) for (data,) in rows]


def stranger(number, connections=100):
    """An HTTP client on its own loopback address (127.0.<n>.1): nginx limits and balances it as one visitor.
    `connections` caps its open connections, as aiohttp does by default (0: no cap)."""
    address = (f"127.0.{number % 250 + 1}.1", 0)
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=connections, local_addr=address))


@contextlib.contextmanager
def production_profile(**settings):
    """scripts/prod.sh start on free loopback ports; `settings` override its environment (RATE_LIMIT, …)."""
    # not under pytest's private tmp dir: the postgres user must be able to reach its data directory
    run_dir = Path(tempfile.mkdtemp(prefix="conseiller-prod-"))
    run_dir.chmod(0o755)
    env = {
        **{name: value for name, value in os.environ.items() if name not in PRODUCTION_SETTINGS},
        "RUN_DIR": str(run_dir),
        "PG_PORT": str(free_port()),
        "REDIS_PORT": str(free_port()),
        "NGINX_PORT": str(free_port()),
        "ACTIONS_PORT": str(free_port()),
        "ADMIN_PORT": str(free_port()),
        "RASA_PORTS": f"{free_port()} {free_port()}",
        "REST_TOKEN": REST_TOKEN,
        "ADMIN_TOKEN": ADMIN_TOKEN,
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


@pytest.fixture(scope="session")
def prod(trained_model):
    """The profile with the settings of `make run-prod` (its rate limits; no RASA_API_TOKEN: no HTTP API; /admin with
    its token), started
    once for the modules that use it: each test leaves it running and healthy, as its recovery checks prove."""
    with production_profile() as profile:
        yield profile
