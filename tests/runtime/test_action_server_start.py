"""Start-up is explicit: importing the actions, the report or the dashboard loads nothing; the entry point does it."""

import json
import subprocess

from runtime import launch
from runtime.launch import ROOT


def loaded_after(imports: str) -> list:
    """Which of spaCy, scikit-learn and pyplot (a global backend) a fresh interpreter holds after `imports`."""
    probe = f"import sys\n{imports}\nprint([m for m in ('spacy', 'sklearn', 'matplotlib.pyplot') if m in sys.modules])"
    result = subprocess.run(
        [launch.PYTHON, "-c", probe], cwd=ROOT, env=launch.server_env(), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1].replace("'", '"'))


def test_importing_the_actions_loads_no_spacy():
    assert "spacy" not in loaded_after("import actions, actions.knowledge.loader, actions.simulation.form")


def test_importing_the_report_and_the_dashboard_loads_no_spacy_and_sets_no_backend():
    assert loaded_after("import scripts.report, dashboard.render") == ["sklearn"]  # the report's clustering


def test_the_entry_point_logs_each_step_of_the_start_up(tmp_path):
    with launch.action_server(tmp_path / "actions.log") as server:
        log = server.log.read_text()
    for step in ("knowledge store loaded and checked", "knowledge search index built", "chart worker started and warm"):
        assert step in log
    assert log.index("chart worker started and warm") < log.index("Action endpoint is up and running")
