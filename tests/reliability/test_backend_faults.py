"""An action server that hangs, fails or answers garbage, and a tracker store that is gone: apology, history kept."""

import asyncio
import json
import shutil
import time
import urllib.error
import urllib.request
import uuid
from types import SimpleNamespace

import aiohttp
import pytest
from aiohttp import web

from channels.guard import SILENCE_REPLY
from runtime import launch
from tests.channels.fake_bot_api import FakeBotAPI

ACTION_TIMEOUT = 3


class FaultyActionProxy(FakeBotAPI):
    """Forwards action calls to the real action server, or fails them the way `mode` says (own thread, loopback)."""

    def __init__(self, action_url: str) -> None:
        super().__init__(token="unused")
        self.action_url, self.mode = action_url, "forward"

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_post("/webhook", self._forward)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.json()
        if self.mode == "hang":
            await asyncio.sleep(ACTION_TIMEOUT * 10)
        if self.mode == "500":
            return web.Response(status=500, text="Internal Server Error")
        if self.mode == "garbage":
            return web.Response(status=200, text="{pas du json", content_type="application/json")
        async with aiohttp.ClientSession() as session:
            async with session.post(self.action_url, json=body) as answer:
                return web.json_response(await answer.json(), status=answer.status)


@pytest.fixture(scope="module")
def faulty(trained_model, action_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    proxy = FaultyActionProxy(action_server).start()
    database = folder / "tracker.db"
    (folder / "endpoints.yml").write_text(
        f'action_endpoint:\n  url: "{proxy.url}/webhook"\n  timeout: {ACTION_TIMEOUT}\n'
        "tracker_store:\n  type: storage.tracker_store.ResilientSQLTrackerStore\n  dialect: sqlite\n"
        f"  db: {database}\n  retry_delays: [0.1, 0.2]\n",
        encoding="utf-8",
    )
    try:
        with launch.rasa_server(folder / "endpoints.yml", folder / "rasa.log", trained_model) as server:
            yield SimpleNamespace(url=f"{server.url}/webhooks/rest/webhook", proxy=proxy, database=database)
    finally:
        proxy.mode = "forward"
        proxy.stop()


def say(url, sender, text):
    call = urllib.request.Request(
        url, json.dumps({"sender": sender, "message": text}).encode(), {"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(call, timeout=120) as answer:
            return answer.status, json.loads(answer.read()), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), time.perf_counter() - started


@pytest.mark.parametrize("mode", ["hang", "500", "garbage"])
def test_an_action_server_fault_gets_the_apology_and_the_conversation_goes_on(faulty, mode):
    sender = f"action-{mode}-{uuid.uuid4().hex[:6]}"
    status, body, _ = say(faulty.url, sender, "c'est quoi le freelance ?")
    assert status == 200 and body[0]["text"].startswith("Freelance : ")
    faulty.proxy.mode = mode
    try:
        status, body, elapsed = say(faulty.url, sender, "quelles plateformes ?")
    finally:
        faulty.proxy.mode = "forward"
    assert status == 200 and [m["text"] for m in body] == [SILENCE_REPLY]
    assert elapsed < ACTION_TIMEOUT + 5, f"the apology took {elapsed:.1f} s"
    status, body, _ = say(faulty.url, sender, "et ses inconvénients ?")  # still about freelancing
    assert status == 200 and body[0]["text"].startswith("Les inconvénients du freelance :")


def test_a_lost_tracker_store_gets_a_503_and_never_a_fresh_conversation(faulty):
    sender = f"store-{uuid.uuid4().hex[:6]}"
    assert say(faulty.url, sender, "c'est quoi le freelance ?")[1][0]["text"].startswith("Freelance : ")
    aside = faulty.database.with_name("tracker.db.aside")
    faulty.database.rename(aside)
    faulty.database.mkdir()  # SQLite cannot open a directory: every read and write fails
    try:
        status, body, _ = say(faulty.url, sender, "et ses inconvénients ?")
    finally:
        shutil.rmtree(faulty.database)
        aside.rename(faulty.database)
    assert (status, [m["text"] for m in body]) == (503, [SILENCE_REPLY])
    status, body, _ = say(faulty.url, sender, "et ses inconvénients ?")
    assert status == 200 and body[0]["text"].startswith("Les inconvénients du freelance :")
