"""A fake Telegram Bot API on 127.0.0.1 (aiohttp, own thread) recording every call; updates as Telegram sends them."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

from aiohttp import web

JSON_FIELDS = ("reply_markup", "allowed_updates", "entities")
UPDATE_IDS = itertools.count(500000)


class FakeBotAPI:
    """POST/GET /bot<token>/<method>; `calls` holds (method, params) in arrival order."""

    def __init__(self, token: str, port: int = 0, username: str = "conseiller_test_bot") -> None:
        self.token, self.port, self.username = token, port, username
        self.calls: List[Dict[str, Any]] = []
        self.failures: Dict[str, List[Tuple[int, Dict[str, Any]]]] = {}  # chat id -> answers to give first
        self._lock = threading.Lock()
        self._ids = itertools.count(1000)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: Optional[web.AppRunner] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "FakeBotAPI":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params: Dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        else:
            form = (await request.post()).items()  # an uploaded file (sendPhoto) is kept as its bytes
            params.update({k: v if isinstance(v, str) else v.file.read() for k, v in form})
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        with self._lock:
            planned = self.failures.get(str(params.get("chat_id")))
            failure = planned.pop(0) if method == "sendMessage" and planned else None
            self.calls.append({"method": method, "params": params, "failed": failure is not None})
        if failure is not None:
            status, extra = failure
            return web.json_response({"ok": False, "error_code": status, **extra}, status=status)
        result = self._result(method, params)
        if result is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.json_response({"ok": True, "result": result})

    def _result(self, method: str, params: Dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                "id": int(self.token.split(":")[0]),
                "is_bot": True,
                "first_name": "Conseiller",
                "username": self.username,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if method in ("setWebhook", "deleteWebhook", "answerCallbackQuery", "sendChatAction"):
            return True
        if method.startswith("send"):
            chat_id = params.get("chat_id")
            chat = {"id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else chat_id, "type": "private"}
            return {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": chat,
                "text": params.get("text", ""),
            }
        return None

    def fail(self, chat_id: Any, *answers: Tuple[int, Dict[str, Any]]) -> None:
        """The next sendMessage calls for this chat get these (status, extra JSON fields) errors, in order."""
        with self._lock:
            self.failures.setdefault(str(chat_id), []).extend(answers)

    def of(self, method: str, chat_id: Any = None, failed: bool = False) -> List[Dict[str, Any]]:
        """Parameters of the accepted calls (the refused ones if `failed`) to one method (for one chat if chat_id
        is given), in order."""
        with self._lock:
            return [
                c["params"]
                for c in self.calls
                if c["method"] == method
                and c["failed"] == failed
                and (chat_id is None or str(c["params"].get("chat_id")) == str(chat_id))
            ]

    def wait_for(self, check: Callable[[], Any], timeout: float = 30) -> Any:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = check()
            if found:
                return found
            time.sleep(0.2)
        raise AssertionError(f"the fake Bot API did not see the expected calls within {timeout}s: {self.calls}")


# --- updates as Telegram posts them to the webhook ---


def new_chat() -> int:
    return random.randint(10**8, 10**9)


def user(chat):
    return {"id": chat, "is_bot": False, "first_name": "Camille", "language_code": "fr"}


def text_update(chat, text, command=False):
    message = {
        "message_id": next(UPDATE_IDS),
        "from": user(chat),
        "date": int(time.time()),
        "text": text,
        "chat": {"id": chat, "first_name": "Camille", "type": "private"},
    }
    if command:
        message["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    return {"update_id": next(UPDATE_IDS), "message": message}


def sticker_update(chat):
    update = text_update(chat, "")
    del update["message"]["text"]
    update["message"]["sticker"] = {
        "file_id": "CAACAgIAAxkBAAIB",
        "file_unique_id": "AgADAgAD",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }
    return update


def callback_update(chat, query_id, data):
    message = {
        "message_id": 42,
        "from": {"id": 123456789, "is_bot": True, "first_name": "Conseiller"},
        "chat": {"id": chat, "type": "private"},
        "date": int(time.time()),
        "text": "…",
    }
    return {
        "update_id": next(UPDATE_IDS),
        "callback_query": {
            "id": query_id,
            "from": user(chat),
            "message": message,
            "chat_instance": "-4242",
            "data": data,
        },
    }
