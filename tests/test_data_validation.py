"""The training data and domain are consistent: `rasa data validate` passes with no warning."""
import subprocess

from tests.conftest import RASA, ROOT, server_env


def test_rasa_data_validate_has_no_warnings():
    result = subprocess.run([str(RASA), "data", "validate", "--fail-on-warnings"], cwd=ROOT, env=server_env(),
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "UserWarning" not in output, output[-3000:]
