"""Benchmark: REST latency, throughput, memory, cold start and training time; prints Markdown tables.

Usage: .venv/bin/python scripts/bench.py [--prod] [--training]
  The project's bot (default profile, SQLite) and the stock `rasa init` bot (scripts/reference_bot.py, built
  once outside the repo) run side by side, measured in turns, with project / stock ratios against the targets;
  then where a reply's time goes for both (scripts/turn_profile.py), and the knowledge search's latency per query
  with the store as it is and replicated x10 and x100 (scripts/retrieval_bench.py).
  --prod      also measure the two-replica production profile (scripts/prod.sh, through nginx)
  --training  also measure trainings from scratch (several minutes) and a retrain with nothing changed
  --charts    also measure the p95 of ordinary messages alone, then while simulations render their charts
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import reference_bot  # noqa: E402
import retrieval_bench  # noqa: E402
import side_by_side  # noqa: E402
import training_time  # noqa: E402
from side_by_side import percentile  # noqa: E402

from runtime import launch  # noqa: E402  (needs ROOT on the path)
from runtime.launch import Server  # noqa: E402

RASA = str(ROOT / ".venv" / "bin" / "rasa")
MODEL = ROOT / "models" / "conseiller.tar.gz"
QUESTIONS = [
    "c'est quoi le micro-travail ?",
    "et ses inconvénients ?",
    "quelles plateformes ?",
    "c'est quoi Malt ?",
    "quelle différence avec le freelance ?",
    "merci",
]
ENV = launch.server_env()
# the production profile's REST channel needs a token: the bench makes one unless REST_TOKEN is set
ENV.setdefault("REST_TOKEN", secrets.token_urlsafe(32))
REST_HEADERS = {"Authorization": f"Bearer {ENV['REST_TOKEN']}"}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children_rss_mb(pid: int) -> float:
    """RSS of a process and its children (the `rasa` CLI runs the server in the same process)."""
    total = rss_mb(pid)
    for child in Path("/proc").glob("[0-9]*"):
        try:
            if Path(child / "stat").read_text().split()[3] == str(pid):
                total += rss_mb(int(child.name))
        except (OSError, IndexError):
            continue
    return total


async def say(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> float:
    start = time.perf_counter()
    headers = {"X-Sender-Id": sender, **REST_HEADERS}
    async with session.post(url, json={"sender": sender, "message": text}, headers=headers) as response:
        body = await response.json()
        if response.status != 200 or not body:
            raise RuntimeError(f"bad reply {response.status}: {body}")
    return (time.perf_counter() - start) * 1000


async def latency(
    url: str, conversations: int = 60, long_turns: int = 100, messages: List[str] = QUESTIONS
) -> Dict[str, List[float]]:
    async with aiohttp.ClientSession() as session:
        first = [await say(session, url, f"bench-new-{uuid.uuid4()}", messages[0]) for _ in range(conversations)]
        sender, deep = f"bench-long-{uuid.uuid4()}", []
        for turn in range(long_turns):
            elapsed = await say(session, url, sender, messages[turn % len(messages)])
            if turn >= long_turns - 20:
                deep.append(elapsed)
    return {"turn 1": first, f"turn {long_turns - 19}–{long_turns}": deep}


async def throughput(url: str, users: int, seconds: float = 10.0, messages: List[str] = QUESTIONS) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    async def user(session: aiohttp.ClientSession) -> None:
        nonlocal done
        sender, turn = f"bench-load-{uuid.uuid4()}", 0
        while time.perf_counter() < deadline:
            await say(session, url, sender, messages[turn % len(messages)])
            done, turn = done + 1, turn + 1

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=users)) as session:
        start = time.perf_counter()
        await asyncio.gather(*(user(session) for _ in range(users)))
        return done / (time.perf_counter() - start)


@contextlib.contextmanager
def single_instance(folder: Path) -> Iterator[Tuple[Server, Server, float]]:
    """The action server and one Rasa server (SQLite); yields both and the Rasa server's cold start in seconds."""
    with launch.action_server(folder / "actions.log", port=5158) as actions:
        endpoints = folder / "endpoints.yml"
        endpoints.write_text(
            f'action_endpoint:\n  url: "{actions.url}/webhook"\n'
            "tracker_store:\n  type: storage.tracker_store.ResilientSQLTrackerStore\n"
            f"  dialect: sqlite\n  db: {folder / 'bench.db'}\n"
        )
        start = time.perf_counter()
        with launch.rasa_server(endpoints, folder / "rasa.log", MODEL, port=5108) as rasa:
            yield actions, rasa, time.perf_counter() - start


def measure(url: str, label: str, rows: List[str]) -> None:
    samples = asyncio.run(latency(url))
    for name, values in samples.items():
        rows.append(
            f"| {label} | latency {name} (ms) | p50 {percentile(values, 50):.0f} · "
            f"p95 {percentile(values, 95):.0f} · p99 {percentile(values, 99):.0f} |"
        )
    ratio = statistics.median(samples[list(samples)[1]]) / statistics.median(samples["turn 1"])
    rows.append(f"| {label} | turn-100 / turn-1 median latency | {ratio:.2f}× |")
    for users in (1, 8, 32):
        rows.append(
            f"| {label} | throughput, {users} concurrent users | {asyncio.run(throughput(url, users)):.1f} msg/s |"
        )


def compare(bots: List[side_by_side.Bot]) -> None:
    """Each measure in turns (ABBA), both servers up, so the shared machine's drift hits both bots alike."""
    for order in side_by_side.orders(bots):
        for bot in order:
            for name, values in asyncio.run(latency(bot.url, messages=bot.messages)).items():
                bot.latency[name] += values
    for users in side_by_side.USERS:
        for order in side_by_side.orders(bots):
            for bot in order:
                bot.throughput[users].append(asyncio.run(throughput(bot.url, users, messages=bot.messages)))
    for bot in bots:
        bot.rss = children_rss_mb(bot.pid)


def profile(bot: side_by_side.Bot, model: Path, endpoints: Path, *options: str) -> List[str]:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "turn_profile.py"),
            *options,
            bot.label,
            str(model),
            str(endpoints),
            bot.url,
            *bot.messages,
        ],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"turn_profile.py failed for {bot.label}:\n{done.stderr[-3000:]}")
    return [line for line in done.stdout.splitlines() if line.startswith("| ")]


def side_by_side_tables(folder: Path, rows: List[str]) -> List[str]:
    """The project's bot against the stock one: the comparison table, then the time per step of both."""
    stock_model = reference_bot.ensure_built(RASA)
    with single_instance(folder) as (actions, rasa, cold):
        start = time.perf_counter()
        with reference_bot.server(stock_model, folder) as stock:
            bots = [
                side_by_side.Bot("project", f"{rasa.url}/webhooks/rest/webhook", QUESTIONS, rasa.pid, cold),
                side_by_side.Bot(
                    "stock rasa init",
                    f"{stock.url}/webhooks/rest/webhook",
                    reference_bot.MESSAGES,
                    stock.pid,
                    time.perf_counter() - start,
                ),
            ]
            compare(bots)
            rows.append(f"| single instance (SQLite) | RSS action server | {children_rss_mb(actions.pid):.0f} MB |")
            steps = [
                "| bot | step | calls per message | ms per message | share of the HTTP round trip |",
                "|---|---|---|---|---|",
                *profile(bots[0], MODEL, folder / "endpoints.yml", "--project"),
                *profile(bots[1], stock_model, reference_bot.endpoints_file(folder)),
            ]
    return [*side_by_side.table(*bots), "", *steps]


def training(rows: List[str]) -> None:
    rows.append(
        f"| training | full training from scratch (temporary copy, empty Rasa cache) | "
        f"{training_time.from_scratch(RASA, ENV, ROOT):.0f} s |"
    )
    rows.append(
        f"| training | stock `rasa init` bot, the same way | "
        f"{training_time.from_scratch(RASA, reference_bot.stock_env(), reference_bot.CACHE):.0f} s |"
    )
    rows.append(
        f"| training | `make train` with nothing changed | {training_time.make_train_unchanged(ENV, ROOT):.1f} s |"
    )


BACKGROUND_PERIOD = 1.5  # seconds between two messages of a background user, longer than a chart's turn
SIMULATION = ["combien de cotisations sur 1 800 € en libéral via Malt ?", "pas d'ACRE"]  # ends with a chart


async def ordinary_latencies(
    url: str, users: int, seconds: float, others: int, background: List[str]
) -> Tuple[List[float], int]:
    """Latencies of ordinary messages from `users`, while `others` users keep sending `background` messages;
    with how many background messages were answered."""
    deadline, samples, answered = time.perf_counter() + seconds, [], [0]

    async def user(session: aiohttp.ClientSession, messages: List[str], record: bool) -> None:
        turn, sender = 0, ""
        while time.perf_counter() < deadline:
            if turn % len(messages) == 0:
                sender = f"bench-charts-{uuid.uuid4()}"  # each round is a new conversation
            elapsed = await say(session, url, sender, messages[turn % len(messages)])
            if record:
                samples.append(elapsed)
            else:  # at a fixed pace, so that both kinds of background send as many messages
                answered[0] += 1
                await asyncio.sleep(max(0.0, BACKGROUND_PERIOD - elapsed / 1000))
            turn += 1

    async with aiohttp.ClientSession() as session:
        ordinary = [user(session, QUESTIONS, True) for _ in range(users)]
        busy = [user(session, background, False) for _ in range(others)]
        await asyncio.gather(*ordinary, *busy)
    return samples, answered[0]


def charts(folder: Path, rows: List[str]) -> None:
    """The same 4 ordinary users beside 2 others who ask questions (A) or run simulations ending in a chart (B),
    both at one message every BACKGROUND_PERIOD, in A B B A order so that drift on this shared machine weighs on
    both sides alike."""
    pooled: Dict[str, List[float]] = {"A": [], "B": []}
    answered = {"A": 0, "B": 0}
    with single_instance(folder) as (_, rasa, _):
        url = f"{rasa.url}/webhooks/rest/webhook"
        for side in "ABBA":
            background = QUESTIONS if side == "A" else SIMULATION
            samples, count = asyncio.run(ordinary_latencies(url, users=4, seconds=15, others=2, background=background))
            pooled[side] += samples
            answered[side] += count
    a, b = percentile(pooled["A"], 95), percentile(pooled["B"], 95)
    rows.append(
        "| 1 instance (SQLite), A B B A, 2 × 15 s each | p95 of ordinary messages, 4 users + 2 asking questions · "
        f"2 running simulations with charts (ms) | {a:.0f} · {b:.0f} ({b / a:.2f}×) |"
    )
    rows.append(
        "| 1 instance (SQLite), A B B A | messages answered: ordinary · background, with questions · with charts | "
        f"{len(pooled['A'])} · {answered['A']}, {len(pooled['B'])} · {answered['B']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prod", action="store_true")
    parser.add_argument("--training", action="store_true")
    parser.add_argument("--charts", action="store_true")
    args = parser.parse_args()
    rows = ["| setup | measure | value |", "|---|---|---|"]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        comparison = side_by_side_tables(Path(folder), rows)
    # other work on this shared machine skews every figure: say how busy it was
    rows.append(
        f"| machine | load average (1 min) before · after the comparison | "
        f"{load_before:.1f} · {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores) |"
    )
    if args.prod:
        # all load comes from one loopback address: lift the per-IP rate limit for the measure
        subprocess.run(
            [str(ROOT / "scripts" / "prod.sh"), "start"],
            cwd=ROOT,
            check=True,
            env={**ENV, "RATE_LIMIT": "100000", "RATE_BURST": "100000"},
        )
        try:
            measure("http://127.0.0.1:8000/webhooks/rest/webhook", "2 replicas + nginx (PostgreSQL, Redis)", rows)
            # the same servers, one replica reached directly: what one instance does with PostgreSQL
            replica = "http://127.0.0.1:5006/webhooks/rest/webhook"
            for users in (1, 8, 32):
                rows.append(
                    f"| 1 replica direct (PostgreSQL, Redis) | throughput, {users} concurrent users | "
                    f"{asyncio.run(throughput(replica, users)):.1f} msg/s |"
                )
        finally:
            subprocess.run([str(ROOT / "scripts" / "prod.sh"), "stop"], cwd=ROOT)
    if args.training:
        training(rows)
    rows.extend(retrieval_bench.rows())
    if args.charts:
        with tempfile.TemporaryDirectory() as folder:
            charts(Path(folder), rows)
    print("\n".join([*comparison, "", *rows]))


if __name__ == "__main__":
    sys.exit(main())
