"""A website visitor over socket.io's websocket transport, as a browser ends up speaking (raw engine.io frames:
python-socketio's websocket client needs a newer aiohttp than Rasa allows)."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, List, Optional

import aiohttp


class WebsocketVisitor:
    """One page: its websocket, the session the server issued to it, and the bot messages it received."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    @classmethod
    async def connect(cls, http: aiohttp.ClientSession, url: str, origin: str) -> "WebsocketVisitor":
        ws_url = url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        ws = await http.ws_connect(ws_url, headers={"Origin": origin}, heartbeat=None)
        await ws.receive(timeout=60)  # engine.io OPEN
        await ws.send_str("40")  # socket.io CONNECT
        return cls(ws)

    async def emit(self, event: str, data: Any) -> None:
        await self.ws.send_str("42" + json.dumps([event, data]))

    async def next_event(self, timeout: float) -> Optional[list]:
        """The next socket.io event ([name, data]), answering engine.io pings meanwhile; None after `timeout`."""
        while True:
            frame = await self.ws.receive(timeout=timeout)
            if frame.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"the server closed the websocket: {frame.type} {frame.data}")
            if frame.data == "2":  # engine.io PING
                await self.ws.send_str("3")
            elif frame.data.startswith("42"):
                return json.loads(frame.data[2:])

    async def session(self) -> str:
        await self.emit("session_request", {"session_id": None})
        while True:
            name, data = await self.next_event(timeout=60)
            if name == "session_confirm":
                return data

    async def read(self, first_timeout: float = 90, quiet: float = 1.5) -> List[Dict[str, Any]]:
        """The bot messages of one turn: the first one, then every one until the bot stays quiet."""
        messages, timeout = [], first_timeout
        while True:
            try:
                name, data = await self.next_event(timeout)
            except asyncio.TimeoutError:
                if messages:
                    return messages
                raise
            if name == "bot_uttered":
                messages.append(data)
                timeout = quiet

    async def say(self, text: str, session: str) -> List[Dict[str, Any]]:
        await self.emit("user_uttered", {"message": text, "session_id": session, "customData": {}})
        return await self.read()

    async def drain(self, quiet: float = 5.0) -> List[Dict[str, Any]]:
        """The bot messages still on their way (a turn's last ones can arrive after the next question)."""
        try:
            return await self.read(first_timeout=quiet, quiet=quiet)
        except asyncio.TimeoutError:
            return []

    async def close(self) -> None:
        await self.ws.close()
