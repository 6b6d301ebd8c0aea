"""Slow or greedy clients on the production profile: nginx closes a stalled request (slowloris) and caps the open
connections of one address with its French 429, while another visitor keeps being answered."""

import asyncio
import json
import re
import socket
import time

import aiohttp

from runtime.launch import ROOT
from tests.reliability.bad_input_entries import NGINX_429
from tests.reliability.conftest import stranger
from tests.reliability.test_load_and_faults import page_origin, say

HEADER_TIMEOUT = BODY_TIMEOUT = 10  # seconds: client_header_timeout, client_body_timeout in ops/nginx
OPENING_PACE = 0.08  # seconds between two connections: under nginx's rate limit (20 a second), so limit_conn decides


def connection_limit(prod):
    """CONNECTION_LIMIT as the profile runs it: from its environment, else scripts/prod.sh's default."""
    default = re.search(r"CONNECTION_LIMIT:-(\d+)", (ROOT / "scripts" / "prod.sh").read_text())[1]
    return int(prod.env.get("CONNECTION_LIMIT") or default)


def stall(prod, first_bytes):
    """Sends the start of a request and nothing more: how long nginx keeps the connection, and what it says."""
    port = int(prod.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=HEADER_TIMEOUT * 3) as connection:
        connection.sendall(first_bytes)
        started, received = time.monotonic(), b""
        while chunk := connection.recv(4096):
            received += chunk
        return time.monotonic() - started, received


def test_a_request_whose_headers_never_end_is_closed_after_the_header_timeout(prod):
    held, answer = stall(prod, b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
    assert HEADER_TIMEOUT - 1 <= held <= HEADER_TIMEOUT + 5, held
    assert not answer or answer.startswith(b"HTTP/1.1 408"), answer[:200]


def test_a_request_whose_body_never_comes_is_closed_after_the_body_timeout(prod):
    start = (
        b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        b'Content-Length: 1000\r\n\r\n{"sender": "slow", '
    )
    held, answer = stall(prod, start)
    assert BODY_TIMEOUT - 1 <= held <= BODY_TIMEOUT + 5, held
    assert not answer or answer.startswith(b"HTTP/1.1 408"), answer[:200]


def test_one_address_holding_many_connections_is_capped_and_others_are_served(prod):
    limit = connection_limit(prod)
    url = prod.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"

    async def scenario():
        opened, refused = [], []
        async with stranger(7, connections=0) as greedy, stranger(9) as other:
            try:
                for _ in range(limit + 5):
                    try:
                        opened.append(await greedy.ws_connect(url, headers={"Origin": page_origin()}))
                    except aiohttp.WSServerHandshakeError as error:
                        refused.append(error)
                    await asyncio.sleep(OPENING_PACE)
                async with greedy.get(prod.url + "/") as page:  # the same address asks for the page meanwhile
                    page_status, page_body = page.status, await page.text()
                status, body = await say(other, prod.url, "rest-other-visitor", "c'est quoi le micro-travail ?")
            finally:
                for ws in opened:
                    await ws.close()
        return len(opened), refused, (page_status, page_body), status, body

    opened, refused, page, status, body = asyncio.run(scenario())
    assert opened == limit and len(refused) == 5, (opened, len(refused))
    assert {error.status for error in refused} == {429}
    assert page[0] == 429 and json.loads(page[1]) == NGINX_429, page
    assert status == 200 and body[0]["text"].startswith("Micro-travail : "), body
