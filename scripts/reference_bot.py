"""The stock `rasa init` bot, built once with the project's venv, as the benchmark's reference in the same run."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tarfile
from importlib.metadata import version
from pathlib import Path
from typing import Dict, Optional

from runtime import launch
from runtime.launch import Server

# Messages from the stock bot's own domain (greet, mood_great, bot_challenge, mood_unhappy, affirm, goodbye):
# each one gets a reply, so the harness checks them as it checks the project's.
MESSAGES = ["hello", "I am great", "are you a bot?", "I am sad", "yes", "bye"]
CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "conseiller-bench" / f"rasa-init-{version('rasa')}"
)


def stock_env() -> Dict[str, str]:
    """The servers' environment without the project on the path: nothing of the project may reach this bot."""
    env = launch.server_env()
    env.pop("PYTHONPATH", None)
    return env


def trained_model(folder: Path = CACHE) -> Optional[Path]:
    """The newest model of the stock bot whose archive reads to the end, or None."""
    for model in sorted((folder / "models").glob("*.tar.gz"), key=lambda path: path.stat().st_mtime, reverse=True):
        try:
            with tarfile.open(model) as archive:
                if any(member.name.endswith("metadata.json") for member in archive.getmembers()):
                    return model
        except (OSError, tarfile.TarError):
            continue
    return None


def ensure_built(rasa: str, env: Optional[Dict[str, str]] = None, folder: Path = CACHE) -> Path:
    """Returns the stock bot's model, running `rasa init` (which trains it, a few minutes) when none is usable."""
    model = trained_model(folder)
    if model is not None:
        return model
    # built beside the cache and moved in only once trained, so an interrupted build is never reused
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    log = folder.with_name(folder.name + ".log")
    print(f"Building the stock `rasa init` bot in {folder} (once, a few minutes; log: {log})…", flush=True)
    with log.open("w") as output:
        subprocess.run(
            [rasa, "init", "--no-prompt", "--init-dir", str(building)],
            cwd=building,
            env=env or stock_env(),
            check=True,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)
    model = trained_model(folder)
    if model is None:
        raise RuntimeError(f"`rasa init` in {folder} produced no readable model; see {log}")
    return model


def endpoints_file(work: Path) -> Path:
    return work / "stock-endpoints.yml"


def server(model: Path, work: Path) -> contextlib.AbstractContextManager[Server]:
    """Plain `rasa run` of the stock bot: REST from its credentials.yml, a SQLite tracker store in `work`."""
    endpoints = endpoints_file(work)
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {work / 'stock.db'}\n")
    port = launch.free_port()
    return launch.running(
        [
            launch.PYTHON,
            "-m",
            "rasa",
            "run",
            "--model",
            str(model),
            "--port",
            str(port),
            "--interface",
            "127.0.0.1",
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(model.parents[1] / "credentials.yml"),
        ],
        work / "stock.log",
        port,
        env=stock_env(),
    )
