"""The simulation chart: a PNG under an opaque id, served with caching headers, sent after the computation."""

import asyncio
import datetime as dt
import importlib.util
from decimal import Decimal

from aiohttp.test_utils import TestClient, TestServer

from actions.simulation.amounts import Amount
from actions.simulation.chart import chart_alt_text, chart_bars, publish_chart
from actions.simulation.compute import Inputs, simulate
from actions.simulation.form import ActionSimulateIncome
from runtime.charts import chart_file_of_url
from runtime.launch import ROOT
from tests.support import make_tracker

SPEC = importlib.util.spec_from_file_location("web_serve_charts", ROOT / "web" / "serve.py")
web_serve = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(web_serve)
ANSWERS = {"sim_activity": "bnc", "sim_turnover": "1800/mois", "sim_platform": "malt", "sim_acre": "none"}


def malt_simulation(knowledge):
    return simulate(Inputs("bnc", Amount(Decimal(1800), "mois"), "malt", "none"), knowledge.store.rates)


def test_the_bars_and_their_text_alternative_say_the_same_euros(knowledge):
    simulation = malt_simulation(knowledge)
    assert chart_bars(simulation) == [
        ("Chiffre d'affaires", 1800.0),
        ("Commission", 216.0),
        ("Cotisations", 460.8),
        ("Reste avant impôt", 1123.2),
    ]
    assert chart_alt_text(simulation) == (
        "Graphique par mois : chiffre d'affaires 1 800 €, commission 216 €, cotisations 460,80 €, "
        "reste avant impôt 1 123,20 €."
    )


def test_the_chart_is_a_png_under_an_opaque_id_served_with_caching_headers(knowledge, tmp_path, monkeypatch):
    monkeypatch.setenv("CHARTS_DIR", str(tmp_path))
    url = asyncio.run(publish_chart(malt_simulation(knowledge)))
    assert url.startswith("/charts/") and "1800" not in url and "malt" not in url
    assert chart_file_of_url(url).read_bytes().startswith(b"\x89PNG")

    async def fetch(path):
        async with TestClient(TestServer(web_serve.make_app("http://localhost:5005"))) as client:
            answer = await client.get(path)
            return answer.status, answer.headers, await answer.read()

    status, headers, body = asyncio.run(fetch(url))
    assert status == 200 and headers["Content-Type"] == "image/png" and body.startswith(b"\x89PNG")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for hostile in ("/charts/../../etc/passwd", "/charts/" + "0" * 24 + ".png", "/charts/abc.png"):
        assert asyncio.run(fetch(hostile))[0] == 404


def test_the_action_sends_the_chart_between_the_computation_and_the_checks(run_action, tmp_path, monkeypatch):
    monkeypatch.setenv("CHARTS_DIR", str(tmp_path))

    class Today(ActionSimulateIncome):
        today = staticmethod(lambda: dt.date(2026, 12, 1))

    messages, _ = run_action(Today(), make_tracker("", "affirm", slots=ANSWERS))
    assert [bool(m.get("image")) for m in messages] == [False, True, False]
    assert messages[1]["text"].startswith("Graphique par mois : chiffre d'affaires 1 800 €")
    assert chart_file_of_url(messages[1]["image"]) is not None
