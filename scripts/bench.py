"""Benchmark: REST latency, throughput, memory, cold start and training time; prints a Markdown table.

Usage: .venv/bin/python scripts/bench.py [--prod] [--training]
  --prod      also measure the two-replica production profile (scripts/prod.sh, through nginx)
  --training  also measure a full training (several minutes) and a retrain with nothing changed
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
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
from runtime import launch  # noqa: E402  (needs ROOT on the path)
from runtime.launch import Server  # noqa: E402

RASA = str(ROOT / ".venv" / "bin" / "rasa")
MODEL = ROOT / "models" / "conseiller.tar.gz"
QUESTIONS = ["c'est quoi le micro-travail ?", "et ses inconvénients ?", "quelles plateformes ?",
             "c'est quoi Malt ?", "quelle différence avec le freelance ?", "merci"]
ENV = launch.server_env()


def percentile(values: List[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


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
    async with session.post(url, json={"sender": sender, "message": text},
                            headers={"X-Sender-Id": sender}) as response:
        body = await response.json()
        if response.status != 200 or not body:
            raise RuntimeError(f"bad reply {response.status}: {body}")
    return (time.perf_counter() - start) * 1000


async def latency(url: str, conversations: int = 60, long_turns: int = 100) -> Dict[str, List[float]]:
    async with aiohttp.ClientSession() as session:
        first = [await say(session, url, f"bench-new-{uuid.uuid4()}", QUESTIONS[0]) for _ in range(conversations)]
        sender, deep = f"bench-long-{uuid.uuid4()}", []
        for turn in range(long_turns):
            elapsed = await say(session, url, sender, QUESTIONS[turn % len(QUESTIONS)])
            if turn >= long_turns - 20:
                deep.append(elapsed)
    return {"turn 1": first, f"turn {long_turns - 19}–{long_turns}": deep}


async def throughput(url: str, users: int, seconds: float = 10.0) -> float:
    done = 0
    deadline = time.perf_counter() + seconds

    async def user(session: aiohttp.ClientSession) -> None:
        nonlocal done
        sender, turn = f"bench-load-{uuid.uuid4()}", 0
        while time.perf_counter() < deadline:
            await say(session, url, sender, QUESTIONS[turn % len(QUESTIONS)])
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
        endpoints.write_text(f'action_endpoint:\n  url: "{actions.url}/webhook"\n'
                             "tracker_store:\n  type: storage.tracker_store.ResilientSQLTrackerStore\n"
                             f"  dialect: sqlite\n  db: {folder / 'bench.db'}\n")
        start = time.perf_counter()
        with launch.rasa_server(endpoints, folder / "rasa.log", MODEL, port=5108) as rasa:
            yield actions, rasa, time.perf_counter() - start


def measure(url: str, label: str, rows: List[str]) -> None:
    samples = asyncio.run(latency(url))
    for name, values in samples.items():
        rows.append(f"| {label} | latency {name} (ms) | p50 {percentile(values, 50):.0f} · "
                    f"p95 {percentile(values, 95):.0f} · p99 {percentile(values, 99):.0f} |")
    ratio = statistics.median(samples[list(samples)[1]]) / statistics.median(samples["turn 1"])
    rows.append(f"| {label} | turn-100 / turn-1 median latency | {ratio:.2f}× |")
    for users in (1, 8, 32):
        rows.append(f"| {label} | throughput, {users} concurrent users | {asyncio.run(throughput(url, users)):.1f} msg/s |")


def training(rows: List[str]) -> None:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([RASA, "train", "--fixed-model-name", "bench", "--out", out, "--force"], cwd=ROOT, env=ENV,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rows.append(f"| training | full training | {time.perf_counter() - start:.0f} s |")
    start = time.perf_counter()
    subprocess.run(["make", "-s", "train"], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)
    rows.append(f"| training | `make train` with nothing changed | {time.perf_counter() - start:.1f} s |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prod", action="store_true")
    parser.add_argument("--training", action="store_true")
    args = parser.parse_args()
    rows = ["| setup | measure | value |", "|---|---|---|"]
    with tempfile.TemporaryDirectory() as folder:
        with single_instance(Path(folder)) as (actions, rasa, cold):
            rows.append(f"| single instance (SQLite) | cold start to ready | {cold:.1f} s |")
            measure(f"{rasa.url}/webhooks/rest/webhook", "single instance (SQLite)", rows)
            rows.append(f"| single instance (SQLite) | RSS Rasa server | {children_rss_mb(rasa.pid):.0f} MB |")
            rows.append(f"| single instance (SQLite) | RSS action server | {children_rss_mb(actions.pid):.0f} MB |")
    if args.prod:
        # all load comes from one loopback address: lift the per-IP rate limit for the measure
        subprocess.run([str(ROOT / "scripts" / "prod.sh"), "start"], cwd=ROOT, check=True,
                       env={**ENV, "RATE_LIMIT": "100000", "RATE_BURST": "100000"})
        try:
            measure("http://127.0.0.1:8000/webhooks/rest/webhook", "2 replicas + nginx (PostgreSQL, Redis)", rows)
            # the same servers, one replica reached directly: what one instance does with PostgreSQL
            replica = "http://127.0.0.1:5006/webhooks/rest/webhook"
            for users in (1, 8, 32):
                rows.append(f"| 1 replica direct (PostgreSQL, Redis) | throughput, {users} concurrent users | "
                            f"{asyncio.run(throughput(replica, users)):.1f} msg/s |")
        finally:
            subprocess.run([str(ROOT / "scripts" / "prod.sh"), "stop"], cwd=ROOT)
    if args.training:
        training(rows)
    print("\n".join(rows))


if __name__ == "__main__":
    sys.exit(main())
