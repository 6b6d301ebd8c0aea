"""The first simulation after a start gets its chart in time: the chart worker loads no spaCy and is warm at start."""

import json
import subprocess
import time
import urllib.request

import yaml

from runtime import launch
from runtime.launch import ROOT

SLOTS = {"sim_activity": "bnc", "sim_turnover": "1800/mois", "sim_platform": "malt", "sim_acre": "none"}
ACTION_TIMEOUT = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))["action_endpoint"]["timeout"]


def loaded_in_a_fresh_interpreter(imports: str) -> list:
    """Which of spaCy, the search index and the actions a fresh interpreter holds after `imports`."""
    probe = (
        f"import sys\n{imports}\n"
        "print([m for m in ('spacy', 'actions.knowledge.search', 'actions') if m in sys.modules])"
    )
    result = subprocess.run(
        [launch.PYTHON, "-c", probe], cwd=ROOT, env=launch.server_env(), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"'))


def test_the_chart_worker_draws_without_spacy_nor_the_actions():
    assert loaded_in_a_fresh_interpreter("import charts.bars, charts.pipeline") == []


def test_the_simulation_chart_code_loads_no_spacy():
    assert "spacy" not in loaded_in_a_fresh_interpreter("import actions.simulation.chart, actions.simulation.form")


def simulate_through(webhook: str) -> dict:
    call = {
        "next_action": "action_simulate_income",
        "sender_id": "first-simulation",
        "tracker": {"sender_id": "first-simulation", "slots": SLOTS, "latest_message": {"text": "oui"}, "events": []},
        "domain": {},
    }
    request = urllib.request.Request(webhook, json.dumps(call).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


def test_the_first_simulation_after_a_start_gets_its_chart_well_within_the_action_timeout(tmp_path):
    env = {**launch.server_env(), "CHARTS_DIR": str(tmp_path / "charts")}
    with launch.action_server(tmp_path / "actions.log", env=env) as server:
        started = time.monotonic()
        answer = simulate_through(f"{server.url}/webhook")
        took = time.monotonic() - started
    assert [bool(r.get("image")) for r in answer["responses"]].count(True) == 1
    assert took < ACTION_TIMEOUT / 2, f"first simulation took {took:.1f} s (action timeout {ACTION_TIMEOUT} s)"
    assert "chart worker started and warm" in server.log.read_text()
