"""Helpers for tests: build rasa_sdk trackers, read what the user would see, spot adjusted Rasa code, run scripts."""

import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "domain.yml"


def run_project_script(script: str, *args: str, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    """Run `scripts/<script>` with the project's Python and server environment, as an operator would."""
    from runtime.launch import server_env

    return subprocess.run(
        [str(ROOT / ".venv/bin/python"), f"scripts/{script}", *args],
        cwd=ROOT,
        env={**server_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def report_lines(db: Path, out: Path) -> List[str]:
    """The terminal summary of `make report` on the SQLite store `db` (its HTML goes to `out`)."""
    done = run_project_script("report.py", "--db-url", f"sqlite:///{db}", "--out", str(out))
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def sqlite_store(db: Path):
    """The project's tracker store on the SQLite file `db`, as the scripts open it."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    return SQLTrackerStore(Domain.load(str(DOMAIN)), dialect="sqlite", db=str(db))


def sqlite_endpoints(folder: Path, db: Path, extra: str = "") -> Path:
    """An endpoints.yml in `folder` whose tracker store is the SQLite file `db` (plus `extra` YAML)."""
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n{extra}", encoding="utf-8")
    return endpoints


def make_tracker(
    text: str = "",
    intent: str = "",
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
):
    """A rasa_sdk Tracker whose latest user message is `text`, classified as `intent`."""
    from rasa_sdk import Tracker

    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": [{"entity": e, "value": v} for e, v in (entities or [])] if entities else [],
    }
    return Tracker(
        "test-user",
        slots or {},
        message,
        events or [],
        False,
        None,
        {"name": (slots or {}).get("active_loop")},
        "action_listen",
    )


def text_of(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def titles(messages):
    return [b["title"] for m in messages for b in (m.get("buttons") or [])]


def slots(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


SPEEDUP_TARGETS = (
    ("rasa.core.actions.action", "RemoteAction", "_validate_action_result"),
    ("rasa.shared.core.events", "Event", "resolve_by_type"),
)


def adjusted_rasa_attributes() -> List[str]:
    """The attributes runtime.speedups replaces that are not Rasa's own code at this moment."""
    import importlib

    adjusted = []
    for module, owner, name in SPEEDUP_TARGETS:
        attribute = vars(getattr(importlib.import_module(module), owner))[name]
        if getattr(attribute, "__func__", attribute).__module__ != module:  # unwraps staticmethod/classmethod
            adjusted.append(f"{owner}.{name}")
    return adjusted


def domain_dict() -> Dict[str, Any]:
    """The whole domain as Rasa reads it: domain.yml."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(DOMAIN)).as_dict()
