"""The Rasa server's entry point installs the speed-ups itself and logs it; nothing else installs them."""

from runtime import launch
from runtime.serve import rasa_command
from tests.runtime.probes import endpoints_without_model
from tests.support import adjusted_rasa_attributes

INSTALLED_LINE = (
    "INFO     runtime.serve  - runtime.speedups installed: cache_action_response_validator, cache_event_types"
)


def test_a_server_started_through_the_entry_point_runs_with_the_speedups(tmp_path):
    with launch.rasa_server(endpoints_without_model(tmp_path), tmp_path / "rasa.log") as server:
        log = server.log.read_text()
    assert INSTALLED_LINE in log
    assert log.index(INSTALLED_LINE) < log.index("Rasa server is up and running")


def test_the_entry_point_takes_the_arguments_of_rasa_run_or_of_rasa_shell():
    assert rasa_command(["--port", "5005", "--enable-api"]) == ["rasa", "run", "--port", "5005", "--enable-api"]
    assert rasa_command(["shell", "--model", "m.tar.gz"]) == ["rasa", "shell", "--model", "m.tar.gz"]


def test_importing_the_entry_point_changes_nothing_in_rasa():
    assert adjusted_rasa_attributes() == []


def test_the_websocket_frame_cap_of_the_server_is_the_channel_s():
    from channels.socketio import MAX_FRAME_BYTES
    from runtime.serve import WEBSOCKET_MAX_BYTES

    assert WEBSOCKET_MAX_BYTES == MAX_FRAME_BYTES
