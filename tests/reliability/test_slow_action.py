"""A slow custom action for one user does not hold up the answers of other users."""

import asyncio
import time
import uuid

import aiohttp
import pytest
from aiohttp import web

from runtime import launch
from runtime.launch import free_port

SLOW_SECONDS = 6


async def _slow_proxy(action_url: str, port: int):
    """Forwards action calls to the real action server, SLOW_SECONDS late for senders named slow-*."""

    async def forward(request):
        body = await request.json()
        sender = body.get("tracker", {}).get("sender_id", "")  # scoped by the channel: rest:slow-…
        if sender.split(":", 1)[-1].startswith("slow-"):
            await asyncio.sleep(SLOW_SECONDS)
        async with aiohttp.ClientSession() as session:
            async with session.post(action_url, json=body) as response:
                return web.json_response(await response.json(), status=response.status)

    app = web.Application()
    app.router.add_post("/webhook", forward)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


@pytest.fixture(scope="module")
def slow_setup(trained_model, action_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("slow")
    proxy_port = free_port()
    (folder / "endpoints.yml").write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{proxy_port}/webhook"\n', encoding="utf-8"
    )
    with launch.rasa_server(folder / "endpoints.yml", folder / "rasa.log", trained_model) as server:
        yield action_server, proxy_port, f"{server.url}/webhooks/rest/webhook"


def test_other_users_are_answered_while_an_action_is_slow(slow_setup):
    action_url, proxy_port, url = slow_setup

    async def scenario():
        runner = await _slow_proxy(action_url, proxy_port)
        try:
            async with aiohttp.ClientSession() as session:

                async def ask(sender, text):
                    started = time.perf_counter()
                    async with session.post(url, json={"sender": sender, "message": text}) as response:
                        return await response.json(), time.perf_counter() - started, time.perf_counter()

                slow = asyncio.create_task(ask(f"slow-{uuid.uuid4().hex[:6]}", "c'est quoi le micro-travail ?"))
                await asyncio.sleep(0.5)
                fast_sender = f"fast-{uuid.uuid4().hex[:6]}"
                fast = [
                    await ask(fast_sender, text)
                    for text in ("c'est quoi le freelance ?", "et ses inconvénients ?", "quelles plateformes ?")
                ]
                slow_body, slow_elapsed, slow_done = await slow
        finally:
            await runner.cleanup()
        for body, elapsed, done in fast:
            assert body and elapsed < SLOW_SECONDS / 2, f"a fast user waited {elapsed:.1f} s"
            assert done < slow_done
        assert fast[1][0][0]["text"].startswith("Les inconvénients du freelance :")
        assert slow_elapsed >= SLOW_SECONDS and slow_body[0]["text"].startswith("Micro-travail : ")

    asyncio.run(scenario())
