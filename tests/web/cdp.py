"""A minimal Chrome DevTools Protocol client (aiohttp websocket) driving Debian's headless Chromium."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--lang=fr-FR",
    "--window-size=1280,900",
]


def ensure_chromium() -> str:
    """Path of Debian's chromium, installed by scripts/ensure_chromium.sh when missing."""
    done = subprocess.run(["bash", str(ROOT / "scripts" / "ensure_chromium.sh")], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"scripts/ensure_chromium.sh failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


class Browser:
    """Headless Chromium with a fresh profile and a DevTools port chosen by Chromium itself."""

    def __init__(self, chromium: str, profile: Path, log: Path) -> None:
        self.profile = profile
        self.process = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.log = log
        self.port = self._port()

    def _port(self, timeout: float = 60) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}:\n{self.log.read_text()[-2000:]}")
            if marker.is_file() and marker.read_text().strip():
                return int(marker.read_text().split()[0])
            time.sleep(0.2)
        raise RuntimeError(f"chromium opened no DevTools port within {timeout}s:\n{self.log.read_text()[-2000:]}")

    def page_ws_url(self) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=10) as answer:
            targets = json.loads(answer.read())
        return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Page:
    """One tab: commands, collected events (console, exceptions, network) and user-like input."""

    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.pending: Dict[int, asyncio.Future] = {}
        self.events: List[Dict[str, Any]] = []
        self.session: Optional[aiohttp.ClientSession] = None
        self.ws: Optional[aiohttp.ClientWebSocketResponse] = None
        self.reader: Optional[asyncio.Task] = None

    async def connect(self, ws_url: str) -> "Page":
        self.session = aiohttp.ClientSession()
        self.ws = await self.session.ws_connect(ws_url, max_msg_size=0)
        self.reader = asyncio.ensure_future(self._read())
        for domain in ("Page", "Runtime", "Log", "Network"):
            await self.send(f"{domain}.enable")
        return self

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif "method" in data:
                self.events.append(data)

    async def send(self, method: str, **params: Any) -> Dict[str, Any]:
        number = next(self.ids)
        future = asyncio.get_event_loop().create_future()
        self.pending[number] = future
        await self.ws.send_json({"id": number, "method": method, "params": params})
        answer = await asyncio.wait_for(future, 60)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, what: str, timeout: float = 60) -> Any:
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = await self.evaluate(expression)
            except RuntimeError as error:  # asked while the page was being replaced: ask the new page
                if "navigated or closed" not in str(error):
                    raise
                value = None
            if value:
                return value
            await asyncio.sleep(0.25)
        text = await self.evaluate("document.body.innerText")
        raise AssertionError(f"timed out ({timeout}s) waiting for {what}; the page reads:\n{text}")

    async def goto(self, url: str) -> None:
        await self.send("Page.navigate", url=url)
        await self.wait_for(
            f"document.readyState === 'complete' && location.href === {json.dumps(url)}", f"{url} to load"
        )

    async def reload(self) -> None:
        await self.evaluate("window.__beforeReload = true")
        await self.send("Page.reload", ignoreCache=True)
        await self.wait_for("!window.__beforeReload && document.readyState === 'complete'", "the page to reload")

    async def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        await self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=2 if mobile else 1,
            mobile=mobile,
        )

    async def click(self, selector_js: str) -> None:
        """Clicks, with real mouse events, the centre of the element the JS expression returns."""
        box = await self.evaluate(
            f"(() => {{ const e = {selector_js}; e.scrollIntoView({{block: 'center'}});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            await self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    async def type(self, selector: str, text: str) -> None:
        """Focuses the field, types the text and presses Enter, as a user would."""
        await self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        await self.send("Input.insertText", text=text)
        for kind in ("keyDown", "keyUp"):
            await self.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                nativeVirtualKeyCode=13,
                **({"text": "\r"} if kind == "keyDown" else {}),
            )

    async def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        shot = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def problems(self) -> List[str]:
        """Console errors, uncaught exceptions and CSP violations seen so far."""
        found = []
        for event in self.events:
            params = event["params"]
            if event["method"] == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails'].get('exception', {}).get('description')}")
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry'].get('text')} ({params['entry'].get('url', '')})")
            elif event["method"] == "Runtime.consoleAPICalled" and params["type"] == "error":
                found.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
        return found

    def requested_urls(self) -> List[str]:
        """Every URL the page fetched or opened a websocket to."""
        return [
            e["params"]["request"]["url"] if "request" in e["params"] else e["params"]["url"]
            for e in self.events
            if e["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated")
        ]

    async def close(self) -> None:
        if self.reader:
            self.reader.cancel()
            await asyncio.gather(self.reader, return_exceptions=True)
        if self.ws:
            await self.ws.close()
        if self.session:
            await self.session.close()
