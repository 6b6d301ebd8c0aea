"""One client flooding the production profile (1 MB websocket frames, 64 KB REST bodies, for 10 s) does not slow
another client down: its p95 latency stays under twice its idle value."""

import asyncio
import json
import time
import uuid

import aiohttp
import yaml

from channels.socketio import allowed_origins
from runtime.launch import ROOT
from tests.reliability.conftest import REST_AUTH
from tests.reliability.test_load_and_faults import say

FLOOD_SECONDS = 10
SAMPLES = 20
QUESTION = "c'est quoi le micro-travail ?"
FRAME = '42["user_uttered",' + json.dumps({"message": "x" * 1_000_000, "session_id": "x"}) + "]"
REST_BODY = json.dumps({"sender": "flooder", "message": "x" * (64 * 1000 - 40)})


def p95(latencies):
    ordered = sorted(latencies)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


async def timed_turns(session, url, sender, count=None, until=None):
    """Latencies (s) of the other client's questions, one after the other, each answered normally."""
    latencies = []
    while (count is not None and len(latencies) < count) or (until is not None and time.monotonic() < until):
        started = time.perf_counter()
        status, body = await say(session, url, sender, QUESTION)
        latencies.append(time.perf_counter() - started)
        assert status == 200 and body[0]["text"].startswith("Micro-travail : "), (status, body)
    return latencies


async def websocket_flood(session, url, origin, until):
    """1 MB frames on socket.io websockets through nginx; the server closes each such connection: reconnect."""
    frames = 0
    ws_url = url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
    while time.monotonic() < until:
        try:
            async with session.ws_connect(ws_url, headers={"Origin": origin}, max_msg_size=0) as ws:
                await ws.receive(timeout=5)  # engine.io OPEN
                await ws.send_str("40")
                while time.monotonic() < until and not ws.closed:
                    await ws.send_str(FRAME)
                    frames += 1
        except (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError):
            await asyncio.sleep(0.05)
    return frames


async def rest_flood(session, url, until):
    """64 KB bodies (just under nginx's and Sanic's cap) as fast as the answers come back."""
    statuses = {}
    while time.monotonic() < until:
        try:
            async with session.post(
                f"{url}/webhooks/rest/webhook", data=REST_BODY, headers={"X-Sender-Id": "flooder", **REST_AUTH}
            ) as response:
                await response.read()
                statuses[response.status] = statuses.get(response.status, 0) + 1
        except (aiohttp.ClientError, asyncio.TimeoutError):
            statuses["error"] = statuses.get("error", 0) + 1
    return statuses


def test_a_flooding_client_does_not_slow_another_one_down(prod, quality_report):
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    origin = allowed_origins(credentials["channels.socketio.WebSocketIOInput"])[0]

    async def scenario():
        sender = f"calm-{uuid.uuid4().hex[:6]}"
        async with aiohttp.ClientSession() as calm, aiohttp.ClientSession() as flooder:
            await timed_turns(calm, prod.url, sender, count=3)  # warm-up
            idle = await timed_turns(calm, prod.url, sender, count=SAMPLES)
            until = time.monotonic() + FLOOD_SECONDS
            during, frames, rest_a, rest_b = await asyncio.gather(
                timed_turns(calm, prod.url, sender, until=until),
                websocket_flood(flooder, prod.url, origin, until),
                rest_flood(flooder, prod.url, until),
                rest_flood(flooder, prod.url, until),
            )
        return idle, during, frames, [rest_a, rest_b]

    idle, during, frames, rest = asyncio.run(scenario())
    line = (
        f"flood for {FLOOD_SECONDS} s ({frames} frames of 1 MB, REST {rest}): other client's p95 "
        f"{p95(during) * 1000:.0f} ms over {len(during)} turns, idle {p95(idle) * 1000:.0f} ms"
    )
    print("\n" + line)
    quality_report.append(line)
    assert frames > 0 and all(sum(r.values()) > 0 for r in rest)
    assert len(during) >= 3 and p95(during) <= 2 * p95(idle), line
