"""The demo page in headless Chromium (DevTools protocol): greeting, question, button, reload, phone, safe HTML."""

from __future__ import annotations

import asyncio
import json
import re
import sys
import urllib.request
from pathlib import Path

import pytest

from charts.bars import DPI, SMALLEST_POINTS, WIDTH_INCHES
from tests.channels.socket_server import socket_rasa
from tests.conftest import ROOT, free_port, server_env, start_process, stop_process, wait_for_http
from tests.web.cdp import Browser, Page, ensure_chromium
from tests.web.fake_bot import HOSTILE_BUTTON, start_fake_bot

SHOTS = ROOT / "test-output" / "browser"
ENGLISH = re.compile(
    r"\b(the|please|sorry|click|yes|no|hello|welcome|error|submit|loading|send|"
    r"waiting|server|connecting)\b",
    re.IGNORECASE,
)
RESPONSES = "[...document.querySelectorAll('.rw-response .rw-message-text')].map(e => e.innerText)"
CLIENT = "[...document.querySelectorAll('.rw-client .rw-message-text')].map(e => e.innerText)"
# the widget keeps its input disabled until its socket session is confirmed; a user can type only then
INPUT_READY = "!document.querySelector('.rw-new-message').disabled"


async def send(page, text: str) -> None:
    """Types a message as a user would, again if it does not show as sent (the widget was still settling)."""
    for _ in range(3):
        await page.wait_for(INPUT_READY, "the input", 30)
        await page.type(".rw-new-message", text)
        try:
            await page.wait_for(f"{CLIENT}.includes({json.dumps(text)})", "the message shown as sent", 5)
            return
        except AssertionError:
            continue
    raise AssertionError(f"the widget never sent {text!r}")


def has_response(start: str) -> str:
    return f"{RESPONSES}.some(t => t.startsWith({json.dumps(start)}))"


def reply_button(title: str) -> str:
    return f"[...document.querySelectorAll('.rw-reply')].find(e => e.innerText.trim() === {json.dumps(title)})"


@pytest.fixture(scope="module")
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    if pending:  # gather() of nothing would make a future on another loop
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.close()


def serve_page(folder: Path, socket_url: str, port: int = 0):
    """web/serve.py on a free port; returns (process, page URL)."""
    port = port or free_port()
    env = {**server_env(), "WEB_PORT": str(port), "WEB_HOST": "127.0.0.1", "RASA_SOCKET_URL": socket_url}
    log = folder / f"web-{port}.log"
    process = start_process([sys.executable, str(ROOT / "web" / "serve.py")], log, env)
    wait_for_http(f"http://127.0.0.1:{port}/", process, log, timeout=30)
    return process, f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def site(trained_model, action_server, tmp_path_factory):
    """(page URL, Rasa URL): the real stack behind the page, its origin being the only one allowed."""
    folder = tmp_path_factory.mktemp("web")
    page_port = free_port()
    with socket_rasa(trained_model, action_server, folder, [f"http://127.0.0.1:{page_port}"]) as rasa_url:
        process, url = serve_page(folder, rasa_url, page_port)
        try:
            yield url, rasa_url
        finally:
            stop_process(process)


@pytest.fixture(scope="module")
def page(loop, tmp_path_factory):
    try:
        chromium = ensure_chromium()
    except RuntimeError as error:
        pytest.fail(str(error))  # never skipped, in CI or not
    folder = tmp_path_factory.mktemp("chromium")
    browser = Browser(chromium, folder / "profile", folder / "chromium.log")
    tab = loop.run_until_complete(Page().connect(browser.page_ws_url()))
    try:
        yield tab
    finally:
        loop.run_until_complete(tab.close())
        browser.stop()


def test_the_page_is_served_with_a_strict_policy(site):
    url, rasa_url = site
    with urllib.request.urlopen(url, timeout=10) as answer:
        policy = answer.headers["Content-Security-Policy"]
        html = answer.read().decode("utf-8")
    assert "script-src 'self';" in policy and "default-src 'self';" in policy
    assert f"connect-src 'self' {rasa_url} {rasa_url.replace('http', 'ws', 1)};" in policy
    assert '<html lang="fr">' in html and "https://" not in html
    with urllib.request.urlopen(url + "config.js", timeout=10) as answer:
        assert json.dumps(rasa_url) in answer.read().decode("utf-8")
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(url + "serve.py", timeout=10)
    assert missing.value.code == 404


def test_conversation_buttons_and_reload_in_chromium(site, page, loop):
    url, rasa_url = site

    async def scenario():
        await page.viewport(1280, 900)
        await page.goto(url)
        await page.wait_for(f"{RESPONSES}.some(t => t.includes('Je suis votre conseiller'))", "the greeting", 120)
        assert await page.evaluate(reply_button("Aidez-moi à choisir") + " !== undefined")
        assert await page.evaluate("document.querySelector('.rw-new-message').placeholder") == "Posez votre question…"
        assert "Conseiller micro-travail & freelance" in await page.evaluate(
            "document.querySelector('.rw-header').innerText"
        )
        await page.type(".rw-new-message", "c'est quoi le micro-travail ?")
        await page.wait_for(has_response("Micro-travail : "), "the answer about micro-travail")
        await page.wait_for("!!" + reply_button("Inconvénients"), "the « Inconvénients » button")
        await page.click(reply_button("Inconvénients"))
        await page.wait_for(has_response("Les inconvénients du micro-travail :"), "the answer to the button")
        assert "Inconvénients" in await page.evaluate(CLIENT)
        await asyncio.sleep(1)
        await page.screenshot(SHOTS / "desktop.png")

        await page.reload()
        await page.wait_for(has_response("Les inconvénients du micro-travail :"), "the history after reload", 30)
        responses = await page.evaluate(RESPONSES)
        assert sum("Je suis votre conseiller" in t for t in responses) == 1  # no second greeting
        assert any(t.startswith("Micro-travail : ") for t in responses)
        await send(page, "c'est quoi le freelance ?")  # the reloaded page is back in the room
        await page.wait_for(has_response("Freelance : "), "an answer after the reload")
        await asyncio.sleep(1)
        await page.screenshot(SHOTS / "desktop-after-reload.png")

    loop.run_until_complete(scenario())
    assert page.problems() == []
    allowed = (url, rasa_url + "/socket.io/", rasa_url.replace("http", "ws", 1) + "/socket.io/", "data:")
    assert [u for u in page.requested_urls() if not u.startswith(allowed)] == []


def test_the_page_reads_in_french(site, page, loop):
    text = loop.run_until_complete(page.evaluate("document.body.innerText"))
    chrome = loop.run_until_complete(
        page.evaluate(
            "document.querySelector('.intro').innerText + '\\n' + document.querySelector('.rw-header').innerText"
        )
    )
    assert loop.run_until_complete(page.evaluate("document.documentElement.lang")) == "fr"
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert not re.search(r"\S[?!:;»]|«\S", chrome), chrome


def test_phone_sized_window(site, page, loop):
    async def scenario():
        await page.viewport(375, 667, mobile=True)
        await page.reload()
        await page.wait_for(has_response("Freelance : "), "the history on the phone", 30)
        await asyncio.sleep(1)
        layout = await page.evaluate(
            "(() => { const i = document.querySelector('.rw-new-message').getBoundingClientRect();"
            " const h = document.querySelector('.rw-header').getBoundingClientRect();"
            " return {scroll: document.documentElement.scrollWidth, inputBottom: i.bottom, inputLeft: i.left,"
            " headerTop: h.top, headerWidth: h.width}; })()"
        )
        await page.screenshot(SHOTS / "phone-375x667.png")
        return layout

    layout = loop.run_until_complete(scenario())
    assert layout["scroll"] <= 375, layout  # no horizontal scrolling
    assert 0 <= layout["headerTop"] and layout["headerWidth"] <= 375, layout
    assert layout["inputBottom"] <= 667 and layout["inputLeft"] >= 0, layout  # the input is on screen
    loop.run_until_complete(page.viewport(1280, 900))


def test_html_typed_by_the_user_is_shown_as_text(site, page, loop):
    hostile = "<img src=x id=injecte-user onerror=\"document.title='pirate'\"> <b>gras</b>"

    async def scenario():
        await page.goto(site[0])
        await send(page, hostile)
        await page.wait_for(f"{CLIENT}.includes({json.dumps(hostile)})", "the user message shown as typed")
        return await page.evaluate(
            "[!!document.getElementById('injecte-user'), document.title,"
            " document.querySelectorAll('.rw-client b').length]"
        )

    assert loop.run_until_complete(scenario()) == [False, "Conseiller micro-travail & freelance", 0]


def test_the_new_conversation_button_starts_afresh(site, page, loop):
    async def scenario():
        await page.goto(site[0])
        await page.wait_for(has_response("Micro-travail : "), "the kept history", 30)
        old_session = await page.evaluate("JSON.parse(sessionStorage.getItem('chat_session')).session_id")
        await page.evaluate("window.__beforeReload = true")
        await page.click("document.getElementById('nouvelle-conversation')")
        await page.wait_for("!window.__beforeReload && document.readyState === 'complete'", "the reload")
        await page.wait_for(f"{RESPONSES}.some(t => t.includes('Je suis votre conseiller'))", "a new greeting", 60)
        new_session = await page.evaluate("JSON.parse(sessionStorage.getItem('chat_session')).session_id")
        return old_session, new_session, await page.evaluate(RESPONSES)

    old_session, new_session, responses = loop.run_until_complete(scenario())
    assert old_session != new_session
    assert not any(t.startswith("Micro-travail : ") for t in responses)


def test_html_and_markdown_from_the_bot_are_rendered_safely(page, loop, tmp_path):
    bot_port = free_port()
    process, url = serve_page(tmp_path, f"http://127.0.0.1:{bot_port}")
    stop_bot = loop.run_until_complete(start_fake_bot(bot_port, [url.rstrip("/")]))

    async def scenario():
        await page.goto(url)
        await page.wait_for(f"{RESPONSES}.some(t => t.startsWith('Bonjour'))", "the fake greeting", 30)
        await page.type(".rw-new-message", "montrez-moi du HTML")
        await page.wait_for(has_response("Gras et italique."), "the hostile reply", 30)
        await page.screenshot(SHOTS / "bot-html.png")
        return await page.evaluate(
            "(() => { const links = [...document.querySelectorAll('.rw-response a')];"
            " return {injected:"
            " !!document.querySelector('#injecte-bot, #injecte-bouton, .rw-messages-container script'),"
            " strong: document.querySelector('.rw-response strong').innerText,"
            " em: document.querySelector('.rw-response em').innerText, title: document.title,"
            " links: links.map(a => [a.innerText, a.getAttribute('href'), a.rel]),"
            " button: document.querySelector('.rw-reply').innerText}; })()"
        )

    try:
        seen = loop.run_until_complete(scenario())
    finally:
        try:
            loop.run_until_complete(page.goto("about:blank"))  # lets the fake bot stop at once
            loop.run_until_complete(stop_bot())
        finally:
            stop_process(process)
    assert seen["injected"] is False and seen["title"] == "Conseiller micro-travail & freelance"
    assert (seen["strong"], seen["em"], seen["button"]) == ("Gras", "italique", HOSTILE_BUTTON)
    assert seen["links"] == [
        ["lien piégé", "javascript:void(0)", "noopener noreferrer"],
        ["lien sûr", "https://example.org/", "noopener noreferrer"],
    ]


async def open_on_a_phone(page, url: str) -> None:
    await page.viewport(375, 740, mobile=True)
    await page.goto(url)
    await page.wait_for(f"{RESPONSES}.length > 0", "the first answer", 120)


async def shown_chart(page, chart: str, alternative_start: str, shot: str):
    """(text alternative, image URL) of the chart the JS expression `chart` finds, once loaded; screenshot."""
    await page.wait_for(f"!!{chart}", "the chart loaded in the widget")
    alternative = await page.evaluate(f"{RESPONSES}.find(t => t.startsWith({json.dumps(alternative_start)}))")
    source = await page.evaluate(f"{chart}.src")
    # the widget scrolls down to each new message (callers wait for the last one): the chart is centred in the
    # chat, the page itself (its presentation under the chat) left at the top
    await page.evaluate(f"{chart}.scrollIntoView({{block: 'center'}}); window.scrollTo(0, 0)")
    await asyncio.sleep(1)
    await page.screenshot(SHOTS / shot)
    return alternative, source


async def chart_on_screen(page, chart: str) -> dict:
    """Where the chart is shown, in CSS px, its PNG size, and whether its top and bottom edges are uncovered."""
    return await page.evaluate(
        f"(() => {{ const i = {chart}, r = i.getBoundingClientRect(), x = r.left + r.width / 2;"
        " return {top: r.top, bottom: r.bottom, width: r.width, height: r.height, viewport: innerHeight,"
        " pngWidth: i.naturalWidth, pngHeight: i.naturalHeight,"
        " edgesShown: [r.top + 2, r.bottom - 2].every(y => document.elementFromPoint(x, y) === i)}; })()"
    )


def test_a_simulation_chart_shows_in_the_widget(site, page, loop):
    url, _ = site
    chart = "[...document.querySelectorAll('.rw-image-frame')].filter(i => i.complete && i.naturalWidth > 0).pop()"

    async def scenario():
        await open_on_a_phone(page, url)
        await send(page, "combien de cotisations sur 1 800 € en libéral via Malt ?")
        await page.wait_for(has_response("Bénéficiez-vous de l'ACRE"), "the ACRE question")
        await send(page, "pas d'ACRE")
        await page.wait_for(f"!!{reply_button('Nouvelle simulation')}", "the simulation's checks")
        await page.wait_for(has_response("Cette réponse vous a-t-elle été utile"), "the rating question, last")
        shown = await shown_chart(page, chart, "Graphique par mois", "simulation-chart-phone.png")
        return shown, await chart_on_screen(page, chart)

    (alternative, source), on_screen = loop.run_until_complete(scenario())
    assert alternative.startswith("Graphique par mois : chiffre d'affaires 1 800 €, commission 216 €")
    assert re.search(r"/charts/[0-9a-f]{24}\.png$", source) and "1800" not in source
    assert on_screen["pngWidth"] == round(WIDTH_INCHES * DPI)
    # the whole picture, uncropped and uncovered (by the header or the input), within the phone's screen
    assert 0 <= on_screen["top"] and on_screen["bottom"] <= on_screen["viewport"] and on_screen["edgesShown"]
    shape = on_screen["pngHeight"] / on_screen["pngWidth"]
    assert on_screen["height"] / on_screen["width"] == pytest.approx(shape, rel=0.01)
    smallest_text = SMALLEST_POINTS * DPI / 72 * on_screen["width"] / on_screen["pngWidth"]  # CSS px
    assert smallest_text >= 13, f"the smallest text of the chart shows at {smallest_text:.1f} CSS px"
    loop.run_until_complete(page.viewport(1280, 900))


def test_a_recommendation_chart_shows_in_the_widget(site, page, loop):
    url, _ = site
    answers = [
        ("Question 1/5", "Horaires réguliers, journées entières"),
        ("Question 2/5", "Oui, une compétence à vendre"),
        ("Question 3/5", "En vivre, un vrai revenu"),
        ("Question 4/5", "Sur le long terme"),
        ("Question 5/5", "Des tâches prêtes à faire"),
    ]
    # 800 px wide: the recommendation chart, not the simulation chart shown earlier in this conversation
    chart = "[...document.querySelectorAll('.rw-image-frame')].find(i => i.complete && i.naturalWidth === 800)"

    async def scenario():
        await open_on_a_phone(page, url)
        await send(page, "aide-moi à choisir")
        for question, title in answers:
            await page.wait_for(f"{has_response(question)} && !!{reply_button(title)}", f"« {title} » after {question}")
            await page.click(reply_button(title))
        await page.wait_for(has_response("Cette réponse vous a-t-elle été utile"), "the rating question")
        return await shown_chart(page, chart, "Graphique de vos réponses", "recommendation-chart-phone.png")

    alternative, source = loop.run_until_complete(scenario())
    assert alternative.startswith("Graphique de vos réponses : 4 critères sur 5 penchent vers le freelance")
    assert re.search(r"/charts/[0-9a-f]{24}\.png$", source) and "freelance" not in source
    loop.run_until_complete(page.viewport(1280, 900))
