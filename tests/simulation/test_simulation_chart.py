"""The simulation chart: a waterfall readable on a phone, a PNG under an opaque id, served with caching headers,
sent after the computation."""

import asyncio
import datetime as dt
import importlib.util
from decimal import Decimal
from itertools import combinations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from actions.simulation.amounts import Amount
from actions.simulation.chart import CHART_TITLE, chart_alt_text, chart_bars, publish_chart
from actions.simulation.compute import Inputs, simulate
from actions.simulation.form import ActionSimulateIncome
from charts.bars import SMALLEST_POINTS, draw_bars
from runtime.charts import chart_file_of_url
from runtime.launch import ROOT
from tests.support import make_tracker

SPEC = importlib.util.spec_from_file_location("web_serve_charts", ROOT / "web" / "serve.py")
web_serve = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(web_serve)
ANSWERS = {"sim_activity": "bnc", "sim_turnover": "1800/mois", "sim_platform": "malt", "sim_acre": "none"}


def malt_simulation(knowledge, turnover=1800, platform="malt"):
    return simulate(Inputs("bnc", Amount(Decimal(turnover), "mois"), platform, "none"), knowledge.store.rates)


def drawn_bars(figure):
    """(left edge, right edge, colour) of each bar, top to bottom, as the chart draws them."""
    renderer = figure.canvas.get_renderer()
    bars = sorted(figure.axes[0].patches, key=lambda bar: -bar.get_window_extent(renderer).y0)  # top first
    return [(round(bar.get_x(), 2), round(bar.get_x() + bar.get_width(), 2), bar.get_facecolor()) for bar in bars]


def drawn_texts(figure):
    return [text for text in figure.texts + figure.axes[0].texts if text.get_text()]


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


def test_the_commission_and_the_contributions_hang_from_the_turnover_as_steps_down_to_what_remains(knowledge):
    simulation = malt_simulation(knowledge)
    bars = drawn_bars(draw_bars(chart_bars(simulation), CHART_TITLE))
    assert [(left, right) for left, right, _ in bars] == [(0, 1800), (1584, 1800), (1123.2, 1584), (0, 1123.2)]
    turnover, commission, contributions, remaining = (colour for _, _, colour in bars)
    assert commission == contributions and len({turnover, commission, remaining}) == 3  # taken away, kept


def test_without_a_platform_the_contributions_hang_from_the_turnover(knowledge):
    figure = draw_bars(chart_bars(malt_simulation(knowledge, platform="none")), CHART_TITLE)
    assert [(left, right) for left, right, _ in drawn_bars(figure)] == [(0, 1800), (1339.2, 1800), (0, 1339.2)]


def test_the_chart_writes_the_euros_of_its_text_alternative_in_french(knowledge):
    simulation = malt_simulation(knowledge)
    written = {text.get_text() for text in drawn_texts(draw_bars(chart_bars(simulation), CHART_TITLE))}
    assert {"Chiffre d'affaires", "Commission", "Cotisations", "Reste avant impôt", CHART_TITLE} <= written
    assert {"1 800 €", "−216 €", "−460,80 €", "1 123,20 €"} <= written
    for euros in ("1 800 €", "216 €", "460,80 €", "1 123,20 €"):
        assert euros in chart_alt_text(simulation)


@pytest.mark.parametrize("turnover, platform", [(1800, "malt"), (0, "none"), (250, "malt"), (99_999, "malt")])
def test_every_text_is_large_whole_and_apart_from_the_others(knowledge, turnover, platform):
    """Readable on a phone: no text smaller than the size the browser test checks, cut off or over another."""
    figure = draw_bars(chart_bars(malt_simulation(knowledge, turnover, platform)), CHART_TITLE)
    renderer = figure.canvas.get_renderer()
    texts = drawn_texts(figure)
    assert min(text.get_fontsize() for text in texts) == SMALLEST_POINTS
    boxes = [text.get_window_extent(renderer) for text in texts]
    for box in boxes:
        assert 0 <= box.x0 and box.x1 <= figure.bbox.width and 0 <= box.y0 and box.y1 <= figure.bbox.height
    for (one, box), (other, other_box) in combinations(zip(texts, boxes), 2):
        assert not box.overlaps(other_box), (one.get_text(), other.get_text())


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
    # computation, chart, checks, then the rating question every simulation ends with
    assert [bool(m.get("image")) for m in messages] == [False, True, False, False]
    assert messages[1]["text"].startswith("Graphique par mois : chiffre d'affaires 1 800 €")
    assert chart_file_of_url(messages[1]["image"]) is not None
