"""A fake Telegram Bot API on 127.0.0.1 (aiohttp, own thread) recording every call; updates as Telegram sends them;
`rasa run` with the Telegram channel pointed at it."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import threading
import time
import urllib.error
import urllib.request
from types import SimpleNamespace
from typing import Any, Callable, Dict, List, Optional, Tuple

from aiohttp import web

from channels.telegram import SECRET_HEADER
from runtime import launch
from runtime.launch import free_port, server_env
from tests.channels.socket_server import project_tracker_store

JSON_FIELDS = ("reply_markup", "allowed_updates", "entities")
UPDATE_IDS = itertools.count(500000)


class FakeBotAPI:
    """POST/GET /bot<token>/<method>; `calls` holds (method, params) in arrival order."""

    def __init__(self, token: str, port: int = 0, username: str = "conseiller_test_bot") -> None:
        self.token, self.port, self.username = token, port, username
        self.calls: List[Dict[str, Any]] = []
        self.failures: Dict[str, List[Tuple[int, Dict[str, Any]]]] = {}  # chat id -> answers to give first
        self.failing_methods = {"sendMessage"}  # the methods that `fail` applies to
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
            failure = planned.pop(0) if method in self.failing_methods and planned else None
            self.calls.append({"method": method, "params": params, "failed": failure is not None})
        if failure is not None:
            status, extra = failure
            return web.json_response({"ok": False, "error_code": status, **extra}, status=status)
        result = self._result(method, params)
        if result is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        if isinstance(result, dict) and "message_id" in result:
            params["message_id"] = result["message_id"]  # what a reply to this message refers to
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
            kind = "supergroup" if str(chat_id).startswith("-") else "private"
            chat = {"id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else chat_id, "type": kind}
            return {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": chat,
                "text": params.get("text", ""),
            }
        return None

    def fail(self, chat_id: Any, *answers: Tuple[int, Dict[str, Any]]) -> None:
        """The next calls for this chat to `failing_methods` (sendMessage) get these (status, extra JSON fields)
        errors, in order."""
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


def group_update(group, sender, text, replied=None):
    """A message of `sender` in a group chat, replying to `replied` (a message the bot sent there) if given."""
    update = text_update(group, text)
    update["message"]["from"] = {"id": sender, "is_bot": False, "first_name": "Dominique", "username": "dominique_c"}
    update["message"]["chat"] = {"id": group, "title": "Conseillers", "type": "supergroup"}
    if replied is not None:
        update["message"]["reply_to_message"] = {
            "message_id": replied["message_id"],
            "from": {"id": 123456789, "is_bot": True, "first_name": "Conseiller", "username": "conseiller_test_bot"},
            "chat": {"id": replied["chat_id"], "type": "supergroup"},
            "date": int(time.time()),
            "text": replied["text"],
        }
    return update


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


# --- the Telegram channel's webhook, as the Telegram tests call it ---

TOKEN = "123456789:AAHtest-" + "x" * 27
SECRET = "secret_" + "a1b2c3d4e5f6"
WEBHOOK_URL = "https://conseiller.example.org/webhooks/telegram/webhook"
AUTH = "auth-" + "z" * 20


def request(url, body, headers=None):
    call = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(call, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def post_update(server, update, secret=SECRET):
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    return request(f"{server.url}/webhooks/telegram/webhook", body, {SECRET_HEADER: secret} if secret else {})


@contextlib.contextmanager
def rasa_with_telegram(trained_model, action_server, folder, **settings):
    """`rasa run` with the Telegram channel (TELEGRAM_* from `settings` added); the fake Bot API only comes up
    after the server has started and failed once to reach it."""
    (folder / "credentials.yml").write_text("channels.telegram.TelegramInput:\n", encoding="utf-8")
    (folder / "endpoints.yml").write_text(  # the tracker store `make run` uses, on SQLite in `folder`
        f'action_endpoint:\n  url: "{action_server}"\n'
        f"tracker_store:\n  type: {project_tracker_store()}\n  dialect: sqlite\n  db: {folder / 'tracker.db'}\n",
        encoding="utf-8",
    )
    api_port, port, log = free_port(), free_port(), folder / "rasa.log"
    env = {k: v for k, v in server_env().items() if not k.startswith("TELEGRAM_")}
    env.update(
        TELEGRAM_TOKEN=TOKEN,
        TELEGRAM_WEBHOOK_URL=WEBHOOK_URL,
        TELEGRAM_SECRET_TOKEN=SECRET,
        TELEGRAM_API_URL=f"http://127.0.0.1:{api_port}",
        **settings,
    )
    started = time.time()
    fake = None
    try:
        with launch.rasa_server(
            folder / "endpoints.yml",
            log,
            trained_model,
            folder / "credentials.yml",
            extra=["--enable-api", "--auth-token", AUTH],
            port=port,
            ready_path="/webhooks/telegram/",
            env=env,
        ) as server:
            deadline = time.time() + 60
            while "(tentative 1)" not in log.read_text() and time.time() < deadline:
                time.sleep(0.2)
            before_api = log.read_text()
            fake = FakeBotAPI(TOKEN, port=api_port).start()
            fake.wait_for(lambda: fake.of("setWebhook"), timeout=60)
            print(f"rasa run with the Telegram channel ready in {time.time() - started:.1f}s")
            yield SimpleNamespace(
                url=server.url,
                fake=fake,
                log=log,
                before_api=before_api,
                process=server.process,
                api_port=api_port,
                db=folder / "tracker.db",
            )
    finally:
        if fake is not None:
            fake.stop()
