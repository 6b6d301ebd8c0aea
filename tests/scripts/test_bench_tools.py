"""The benchmark's tools: the cached stock bot, training from scratch, the ratio table and the step timers."""

from __future__ import annotations

import asyncio
import os
import stat
import tarfile
from pathlib import Path

from scripts import reference_bot, side_by_side, training_time, turn_profile

FAKE_RASA = """#!/bin/bash
# records each call, then does what `rasa init` or `rasa train` leaves behind
echo "$* | cache=$RASA_CACHE_DIRECTORY | $(ls | sort | tr '\\n' ' ')" >> "$CALLS"
if [ "$1" = init ]; then
  mkdir -p "$4/models" && echo '{}' > "$4/metadata.json" && tar -czf "$4/models/stock.tar.gz" -C "$4" metadata.json
  touch "$4/credentials.yml"
fi
"""


def fake_rasa(tmp_path: Path) -> Path:
    script = tmp_path / "rasa"
    script.write_text(FAKE_RASA)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def calls(tmp_path: Path) -> list:
    log = tmp_path / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_the_stock_bot_is_rebuilt_when_its_model_is_broken_then_reused(tmp_path):
    env = {**os.environ, "CALLS": str(tmp_path / "calls.log")}
    folder = tmp_path / "cache" / "rasa-init"
    (folder / "models").mkdir(parents=True)
    (folder / "models" / "interrupted.tar.gz").write_bytes(b"\x1f\x8b not a whole archive")

    model = reference_bot.ensure_built(str(fake_rasa(tmp_path)), env, folder)

    assert model == folder / "models" / "stock.tar.gz"
    assert not (folder / "models" / "interrupted.tar.gz").exists()
    assert not folder.with_name("rasa-init.building").exists()
    with tarfile.open(model) as archive:
        assert "metadata.json" in archive.getnames()
    assert reference_bot.ensure_built(str(fake_rasa(tmp_path)), env, folder) == model
    assert len(calls(tmp_path)) == 1, "a readable model must be reused, not rebuilt"


def test_training_from_scratch_trains_a_copy_of_the_inputs_with_an_empty_cache(tmp_path):
    project = tmp_path / "project"
    for name in ("data", "nlu_components", "models"):
        (project / name).mkdir(parents=True)
    for name in ("config.yml", "domain.yml", "data/nlu.yml", "nlu_components/blend.py", "models/old.tar.gz"):
        (project / name).write_text("x")
    env = {**os.environ, "CALLS": str(tmp_path / "calls.log"), "RASA_CACHE_DIRECTORY": str(project / ".rasa")}

    seconds = training_time.from_scratch(str(fake_rasa(tmp_path)), env, project)

    [call] = calls(tmp_path)
    arguments, cache, listing = call.split(" | ")
    assert arguments.startswith("train ") and seconds >= 0
    assert listing.split() == ["config.yml", "data", "domain.yml", "nlu_components"]
    assert not cache.startswith(f"cache={project}"), "the project's Rasa cache must not be reused"


def bot(label: str, p50: float, messages_per_second: float) -> side_by_side.Bot:
    measured = side_by_side.Bot(label, "", [], 0, cold_start=10.0, rss=1000.0)
    measured.latency["turn 1"] = [p50] * 5
    for users in side_by_side.USERS:
        measured.throughput[users] = [messages_per_second] * side_by_side.ROUNDS
    return measured


def test_the_table_gives_project_over_stock_ratios_against_the_targets():
    lines = side_by_side.table(bot("project", 24.0, 45.0), bot("stock", 30.0, 30.0))

    p50 = next(line for line in lines if "turn 1, p50" in line)
    assert "| 0.80× |" in p50 and "≤ 0.7× : NOT met" in p50
    throughput = next(line for line in lines if "throughput, 8 concurrent users" in line)
    assert "| 45.0 msg/s | 30.0 msg/s | 1.50× |" in throughput and "≥ 1.5× : met" in throughput
    rss = next(line for line in lines if "RSS" in line)
    assert rss.endswith("| 1.00× |  |"), "no target is set for memory"


class Base:
    async def fetch(self, value: int) -> int:
        await asyncio.sleep(0)
        return value


class Child(Base):
    pass


def test_a_timed_method_counts_its_calls_and_the_original_comes_back():
    recorder = turn_profile.Recorder()
    with turn_profile.replaced(Child, "fetch", turn_profile.timed(recorder, lambda *args: "read", is_async=True)):
        assert asyncio.run(Child().fetch(3)) == 3
        assert asyncio.run(Child().fetch(4)) == 4
    assert recorder.current.calls["read"] == 2 and recorder.current.seconds["read"] > 0
    assert "fetch" not in Child.__dict__, "an inherited method must be inherited again afterwards"


def test_the_profile_leaves_rasa_as_it_found_it():
    from rasa.core.processor import MessageProcessor
    from rasa.engine.graph import GraphNode
    from rasa.utils.endpoints import EndpointConfig

    originals = [MessageProcessor.get_tracker, MessageProcessor._run_action, GraphNode.__call__, EndpointConfig.request]
    with turn_profile.timing(turn_profile.Recorder()):
        assert MessageProcessor.get_tracker is not originals[0]
    assert [
        MessageProcessor.get_tracker,
        MessageProcessor._run_action,
        GraphNode.__call__,
        EndpointConfig.request,
    ] == originals


def test_the_profile_rows_put_graph_nodes_under_their_step_and_show_what_is_left():
    recorder = turn_profile.Recorder()
    for step, seconds in [
        (turn_profile.NLU, 0.8),
        (f"{turn_profile.NLU} › run_DIETClassifier5", 0.6),
        (turn_profile.POLICIES, 0.4),
        (f"{turn_profile.CUSTOM} › action_answer", 0.5),
        (turn_profile.HTTP_HOP, 0.3),
        (turn_profile.TRACKER_READ, 0.1),
    ]:
        recorder.add(step, seconds)
    times = recorder.current
    times.handled, times.over_http, times.messages = 2.0, 2.5, 10
    lines = turn_profile.rows(times, "project")

    assert lines[0] == "| project | HTTP round trip to the running server (same messages) | 1.0 | 250.0 | 100% |"
    nlu = lines.index(f"| project | {turn_profile.NLU} | 0.1 | 80.0 | 32% |")
    assert lines[nlu + 1] == "| project |   ↳ run_DIETClassifier5 | 0.1 | 60.0 | 24% |"
    assert f"| project | {turn_profile.CUSTOM} | 0.1 | 50.0 | 20% |" in lines
    assert f"| project |   ↳ {turn_profile.HTTP_HOP} | 0.1 | 30.0 | 12% |" in lines
    assert "| project | rest of the processor (tracker copies, events, lock store) |  | 20.0 | 8% |" in lines
    assert lines[-1] == "| project | HTTP server, REST channel, JSON (round trip − in-process) |  | 50.0 | 20% |"
