"""A stand-in socket.io bot (python-socketio on aiohttp) whose replies carry hostile HTML and markdown."""

from __future__ import annotations

from typing import Awaitable, Callable, List

import socketio
from aiohttp import web

GREETING = "Bonjour ! Je suis un faux conseiller pour les tests."
HOSTILE = (
    "**Gras** et _italique_. <img src=x id=injecte-bot onerror=\"document.title='pirate'\"> "
    "<script>document.title='pirate'</script> [lien piégé](javascript:document.title='pirate') "
    "[lien sûr](https://example.org/)"
)
HOSTILE_BUTTON = "<b id=injecte-bouton>Bouton</b>"


async def start_fake_bot(port: int, origins: List[str]) -> Callable[[], Awaitable[None]]:
    """Serves socket.io on 127.0.0.1:port; returns the coroutine function that stops it."""
    sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins=origins)
    app = web.Application()
    sio.attach(app)

    @sio.on("session_request")
    async def session_request(sid, data):
        session_id = (data or {}).get("session_id") or sid
        await sio.enter_room(sid, session_id)
        await sio.emit("session_confirm", session_id, room=sid)

    @sio.on("user_uttered")
    async def user_uttered(sid, data):
        room = (data or {}).get("session_id") or sid
        if data.get("message") == "/start":
            await sio.emit("bot_uttered", {"text": GREETING}, room=room)
            return
        await sio.emit(
            "bot_uttered",
            {"text": HOSTILE, "quick_replies": [{"content_type": "text", "title": HOSTILE_BUTTON, "payload": "/x"}]},
            room=room,
        )

    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port, shutdown_timeout=1).start()

    async def stop() -> None:
        await sio.shutdown()
        await runner.cleanup()

    return stop
