"""/admin: refused without the token (or when none is set), rendered with it, in Chromium under the strict CSP."""

import asyncio
import base64
import importlib.util
import json
import re
import subprocess
import sys

import pytest
from aiohttp.test_utils import TestClient, TestServer

from dashboard.charts import DPI, SMALLEST_FONT_PT
from runtime.launch import ROOT
from scripts.report_bench import generate_store
from tests.conftest import free_port, server_env, start_process, stop_process, wait_for_http
from tests.web.cdp import Browser, Page, ensure_chromium
from web.admin import admin_token_problem, authorised, requested_days

SPEC = importlib.util.spec_from_file_location("web_serve", ROOT / "web" / "serve.py")
web_serve = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(web_serve)

TOKEN = "Zq4vW8-jT2nR6yLp0sX3aB9cD1eF5gH7"
SHOTS = ROOT / "test-output" / "admin"
READABLE_PX = 11  # the smallest text a reader of a laptop screen reads without effort, in CSS pixels


def basic(password, user="admin"):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_the_token_is_compared_to_the_basic_auth_password():
    assert authorised(basic(TOKEN), TOKEN) and authorised(basic(TOKEN, user=""), TOKEN)
    assert not authorised(basic(TOKEN[:-1]), TOKEN)
    assert not authorised("Bearer " + TOKEN, TOKEN)
    assert (
        not authorised("Basic ???", TOKEN)
        and not authorised("Basic " + "A" * 5000, TOKEN)
        and not authorised("", TOKEN)
    )


def test_weak_tokens_are_refused():
    assert "trop court" in admin_token_problem("abc123")
    assert "valeur d'exemple" in admin_token_problem("change-me")
    assert "ADMIN_TOKEN" in admin_token_problem("")
    assert admin_token_problem(TOKEN) is None


def test_period_parameter():
    assert requested_days(None) is None and requested_days("30") == 30
    for bad in ("0", "-1", "abc", "99999", "3 0"):
        with pytest.raises(ValueError):
            requested_days(bad)


def test_the_server_refuses_to_start_with_a_weak_admin_token():
    env = {**server_env(), "ADMIN_TOKEN": "admin", "WEB_PORT": str(free_port())}
    done = subprocess.run(
        [sys.executable, str(ROOT / "web" / "serve.py")], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "le tableau de bord /admin" in done.stderr


def _get(token, db_url, *requests):
    """(status, headers, body) of each (path, headers) request, on one app built in the test's event loop."""

    async def fetch():
        async with TestClient(TestServer(web_serve.make_app(admin_token=token, admin_db_url=db_url))) as client:
            answers = []
            for path, headers in requests:
                answer = await client.get(path, headers=headers, allow_redirects=False)
                answers.append((answer.status, answer.headers, await answer.read()))
            return answers

    return asyncio.run(fetch())


def _chart_of_page(token, db_url, headers, chart):
    """(status, headers, body) of one chart of the page, fetched at the address the page gives it."""

    async def fetch():
        async with TestClient(TestServer(web_serve.make_app(admin_token=token, admin_db_url=db_url))) as client:
            page = await (await client.get("/admin/", headers=headers)).text()
            source = re.search(f'<img src="([^"]+)" alt="{chart}"', page).group(1)
            answer = await client.get("/admin/" + source, headers=headers)
            return answer.status, answer.headers, await answer.read()

    return asyncio.run(fetch())


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    db = tmp_path_factory.mktemp("admin") / "tracker.db"
    generate_store(db, 300)
    return f"sqlite:///{db}"


def test_without_a_configured_token_admin_does_not_exist(store_url):
    [(status, _, _)] = _get(None, store_url, ("/admin/", {"Authorization": basic("x")}))
    assert status == 404


def test_without_or_with_a_wrong_token_access_is_refused(store_url):
    wrong = {"Authorization": basic("mauvais-jeton-mauvais-jeton")}
    answers = _get(TOKEN, store_url, ("/admin/", {}), ("/admin/", wrong), ("/admin/messages.png", {}))
    for status, headers, body in answers:
        assert status == 401 and "Basic" in headers["WWW-Authenticate"]
        assert "Tableau de bord" not in body.decode("utf-8")


def test_with_the_token_the_page_is_built_under_the_strict_policy(store_url):
    auth = {"Authorization": basic(TOKEN)}
    page, bad_period, bare = _get(TOKEN, store_url, ("/admin/", auth), ("/admin/?jours=abc", auth), ("/admin", {}))
    status, headers, body = page
    chart = _chart_of_page(TOKEN, store_url, auth, "funnel")
    assert status == 200 and "Conversations : 28 ; messages : 84" in body.decode("utf-8")
    assert "gen-" not in body.decode("utf-8")
    assert "script-src 'self';" in headers["Content-Security-Policy"] and headers["Cache-Control"] == "no-store"
    assert chart[0] == 200 and chart[1]["Content-Type"] == "image/png" and chart[2].startswith(b"\x89PNG")
    assert bad_period[0] == 400 and bare[0] == 302


def test_dashboard_in_chromium(store_url, tmp_path):
    try:
        chromium = ensure_chromium()
    except RuntimeError as error:
        pytest.fail(str(error))
    port = free_port()
    env = {**server_env(), "WEB_PORT": str(port), "ADMIN_TOKEN": TOKEN, "ADMIN_DB_URL": store_url}
    process = start_process([sys.executable, str(ROOT / "web" / "serve.py")], tmp_path / "web.log", env)
    browser = Browser(chromium, tmp_path / "profile", tmp_path / "chromium.log")
    loop = asyncio.new_event_loop()
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", process, tmp_path / "web.log", timeout=60)

        async def scenario():
            page = await Page().connect(browser.page_ws_url())
            try:
                await page.send("Network.setExtraHTTPHeaders", headers={"Authorization": basic(TOKEN)})
                await page.viewport(1366, 900)
                await page.goto(f"http://127.0.0.1:{port}/admin/")
                await page.wait_for(
                    "document.querySelector('h1')?.innerText === 'Tableau de bord'", "the dashboard", 60
                )
                loaded = "[...document.images].every(i => i.complete && i.naturalWidth > 300)"
                await page.wait_for(loaded, "the four charts", 30)
                assert await page.evaluate("document.images.length") == 4
                await page.screenshot(SHOTS / "dashboard.png")
                shown = "[...document.images].map(i => [i.alt, i.getBoundingClientRect().width, i.naturalWidth])"
                smallest = SMALLEST_FONT_PT * DPI / 72  # the charts' smallest text, in pixels of the image
                for chart, width, natural in json.loads(await page.evaluate(f"JSON.stringify({shown})")):
                    assert smallest * width / natural >= READABLE_PX, (chart, width, natural)
                days = "document.querySelectorAll('#conversations-par-jour tbody tr').length"
                assert await page.evaluate(days) == 7  # the store's seven days
                height = await page.evaluate("document.documentElement.scrollHeight")
                await page.viewport(1366, height)
                await page.screenshot(SHOTS / "dashboard-page.png")
                return page.problems()
            finally:
                await page.close()

        problems = loop.run_until_complete(scenario())
        assert not problems, problems
        assert (SHOTS / "dashboard.png").stat().st_size > 10_000
    finally:
        loop.close()
        browser.stop()
        stop_process(process)
