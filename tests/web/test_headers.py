"""web/serve.py sends its security headers on every answer, and HSTS only to requests that came over HTTPS."""

import asyncio
import importlib.util

import pytest
from aiohttp.test_utils import TestClient, TestServer

from runtime.launch import ROOT

SPEC = importlib.util.spec_from_file_location("web_serve", ROOT / "web" / "serve.py")
web_serve = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(web_serve)

DENIED_FEATURES = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def headers_of(path, request_headers=None):
    async def fetch():
        async with TestClient(TestServer(web_serve.make_app("http://localhost:5005"))) as client:
            answer = await client.get(path, headers=request_headers or {})
            return answer.headers

    return asyncio.run(fetch())


@pytest.mark.parametrize("path", ["/", "/config.js", "/missing"])
def test_every_answer_denies_powerful_features_and_keeps_the_policy(path):
    headers = headers_of(path)
    assert all(feature in headers["Permissions-Policy"] for feature in DENIED_FEATURES)
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    assert (headers["X-Content-Type-Options"], headers["X-Frame-Options"]) == ("nosniff", "DENY")
    assert headers["Referrer-Policy"] == "no-referrer"


def test_hsts_is_absent_over_plain_http():
    assert "Strict-Transport-Security" not in headers_of("/")


@pytest.mark.parametrize("path", ["/", "/missing"])
def test_hsts_is_sent_when_the_proxy_says_the_request_came_over_https(path):
    headers = headers_of(path, {"X-Forwarded-Proto": "https"})
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
