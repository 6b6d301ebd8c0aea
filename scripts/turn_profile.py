"""Where a reply's time goes: a trained model loaded in-process, each step of Rasa's MessageProcessor timed.

Usage: .venv/bin/python scripts/turn_profile.py [--project] LABEL MODEL ENDPOINTS SERVER_URL MESSAGE...
  Loads MODEL with the tracker store and action server of ENDPOINTS (as `rasa run` does), plays MESSAGE...
  as conversations and prints, per message, the mean milliseconds spent in each step as Markdown rows.
  The same messages also go to the running server at SERVER_URL: the difference is what the HTTP
  server, the REST channel and JSON cost on top of Rasa's own processing.
  --project  start as the project's entry point does (runtime.serve installs runtime.speedups)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import logging
import time
import urllib.request
import uuid
from collections import defaultdict
from typing import Any, Callable, Dict, Iterator, List, Optional

CONVERSATIONS = 10
TRACKER_READ, TRACKER_SAVE = "tracker store: read", "tracker store: save"
NLU, POLICIES = "NLU (parse_message)", "policy prediction (graph)"
CUSTOM, BUILT_IN = "custom actions", "built-in actions (utter_*, action_listen, session start, slots)"
HTTP_HOP = "HTTP round trip to the action server (its work included)"


class StepTimes:
    """Seconds and calls per step over some messages, and their whole reply times in-process and over HTTP."""

    def __init__(self) -> None:
        self.seconds: Dict[str, float] = defaultdict(float)
        self.calls: Dict[str, int] = defaultdict(int)
        self.handled = self.over_http = 0.0
        self.messages = 0


class Recorder:
    """Where the timers write: the StepTimes of the message being played; graph nodes go under the running step."""

    def __init__(self) -> None:
        self.current = StepTimes()
        self.running: List[str] = []

    def add(self, step: str, seconds: float) -> None:
        self.current.seconds[step] += seconds
        self.current.calls[step] += 1


@contextlib.contextmanager
def replaced(owner: type, name: str, make: Callable[[Any], Any]) -> Iterator[None]:
    """Replaces `owner.name` by `make(original)` for the block, then puts the original back."""
    own = name in owner.__dict__
    original = owner.__dict__[name] if own else getattr(owner, name)
    setattr(owner, name, make(original))
    try:
        yield
    finally:
        if own:
            setattr(owner, name, original)
        else:
            delattr(owner, name)


def timed(recorder: Recorder, step_of: Callable[..., str], is_async: bool) -> Callable[[Any], Any]:
    def make(original: Any) -> Any:
        if is_async:

            @functools.wraps(original)
            async def wrapper(*args: Any, **kwargs: Any) -> Any:
                step, start = step_of(*args, **kwargs), time.perf_counter()
                recorder.running.append(step)
                try:
                    return await original(*args, **kwargs)
                finally:
                    recorder.running.pop()
                    recorder.add(step, time.perf_counter() - start)
        else:

            @functools.wraps(original)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                step, start = step_of(*args, **kwargs), time.perf_counter()
                recorder.running.append(step)
                try:
                    return original(*args, **kwargs)
                finally:
                    recorder.running.pop()
                    recorder.add(step, time.perf_counter() - start)

        return wrapper

    return make


@contextlib.contextmanager
def timing(recorder: Recorder) -> Iterator[None]:
    """Times the processor's steps, each action (custom ones by name) and each graph node, then restores Rasa."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.engine.graph import GraphNode
    from rasa.utils.endpoints import EndpointConfig

    def action_step(processor: Any, action: Any, *args: Any, **kwargs: Any) -> str:
        return f"{CUSTOM} › {action.name()}" if isinstance(action, RemoteAction) else BUILT_IN

    def node_step(node: Any, *args: Any) -> str:
        return f"{recorder.running[-1] if recorder.running else 'graph'} › {node._node_name}"

    with contextlib.ExitStack() as stack:
        for owner, name, step_of, is_async in [
            (MessageProcessor, "get_tracker", lambda *a, **k: TRACKER_READ, True),
            (MessageProcessor, "save_tracker", lambda *a, **k: TRACKER_SAVE, True),
            (MessageProcessor, "parse_message", lambda *a, **k: NLU, True),
            (MessageProcessor, "_predict_next_with_tracker", lambda *a, **k: POLICIES, False),
            (MessageProcessor, "_run_action", action_step, True),
            (MessageProcessor, "run_action_extract_slots", lambda *a, **k: BUILT_IN, True),
            (EndpointConfig, "request", lambda *a, **k: HTTP_HOP, True),
            (GraphNode, "__call__", node_step, False),
        ]:
            stack.enter_context(replaced(owner, name, timed(recorder, step_of, is_async)))
        yield


def post(url: str, sender: str, text: str) -> float:
    request = urllib.request.Request(
        url,
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json", "X-Sender-Id": sender},
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        if not json.loads(response.read()):
            raise RuntimeError(f"no reply to {text!r} from {url}")
    return time.perf_counter() - start


async def profile(
    model: str, endpoints_file: str, server: str, messages: List[str], project: bool
) -> Dict[str, StepTimes]:
    """Times per step at turn 1 and at the later turns, after a warm-up conversation that is not counted."""
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    # debug logging (Rasa's default outside `rasa run`) would be timed as part of every step
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    if project:
        from runtime.serve import install_speedups

        install_speedups()
    agent = await load_agent(model_path=model, endpoints=AvailableEndpoints.read_endpoints(endpoints_file))
    first, later = "turn 1", f"turns 2–{len(messages)}"
    phases, recorder = {first: StepTimes(), later: StepTimes()}, Recorder()
    with timing(recorder):
        for conversation in range(CONVERSATIONS + 1):
            sender = f"profile-{uuid.uuid4()}"
            for turn, text in enumerate(messages):
                recorder.current = phases[first if turn == 0 else later] if conversation else StepTimes()
                start = time.perf_counter()
                if not await agent.handle_message(UserMessage(text, CollectingOutputChannel(), sender)):
                    raise RuntimeError(f"no reply to {text!r} in-process")
                recorder.current.handled += time.perf_counter() - start
                recorder.current.over_http += post(server, f"http-{sender}", text)
                recorder.current.messages += 1
    return {phase: times for phase, times in phases.items() if times.messages}


def rows(times: StepTimes, label: str) -> List[str]:
    """Markdown rows: mean ms per message of each step, the largest first, graph nodes under their step."""
    count = times.messages

    def row(step: str, seconds: float, calls: Optional[float] = None) -> str:
        per_call = "" if calls is None else f"{calls / count:.1f}"
        return f"| {label} | {step} | {per_call} | {seconds * 1000 / count:.1f} | {seconds / times.over_http:.0%} |"

    customs = {step: value for step, value in times.seconds.items() if step.startswith(f"{CUSTOM} › ")}
    top = {TRACKER_READ, TRACKER_SAVE, NLU, POLICIES, BUILT_IN}
    lines = [
        f"| {label} | HTTP round trip to the running server (same messages) | 1.0 | "
        f"{times.over_http * 1000 / count:.1f} | 100% |",
        row("in-process `agent.handle_message` (lock, processor)", times.handled, count),
    ]
    steps = sorted(top & set(times.seconds), key=lambda step: -times.seconds[step])
    if customs:
        steps.append(CUSTOM)
    for step in steps:
        if step == CUSTOM:
            lines.append(row(CUSTOM, sum(customs.values()), sum(times.calls[name] for name in customs)))
            if HTTP_HOP in times.seconds:
                lines.append(row(f"  ↳ {HTTP_HOP}", times.seconds[HTTP_HOP], times.calls[HTTP_HOP]))
            for name in sorted(customs, key=lambda name: -customs[name])[:5]:
                lines.append(row(f"  ↳ {name.split(' › ')[1]}", customs[name], times.calls[name]))
            continue
        lines.append(row(step, times.seconds[step], times.calls[step]))
        nodes = [name for name in times.seconds if name.startswith(f"{step} › ")]
        for node in sorted(nodes, key=lambda name: -times.seconds[name]):
            if times.seconds[node] * 1000 / count >= 0.1:
                lines.append(row(f"  ↳ {node.split(' › ')[1]}", times.seconds[node], times.calls[node]))
    measured = sum(times.seconds[step] for step in top & set(times.seconds)) + sum(customs.values())
    lines.append(row("rest of the processor (tracker copies, events, lock store)", times.handled - measured))
    lines.append(row("HTTP server, REST channel, JSON (round trip − in-process)", times.over_http - times.handled))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="store_true")
    for name in ("label", "model", "endpoints", "server"):
        parser.add_argument(name)
    parser.add_argument("messages", nargs="+")
    args = parser.parse_args()
    phases = asyncio.run(profile(args.model, args.endpoints, args.server, args.messages, args.project))
    print("\n".join(line for phase, times in phases.items() for line in rows(times, f"{args.label}, {phase}")))


if __name__ == "__main__":
    main()
