"""/admin visited for several periods at once: each page shows its own charts, drawn without pyplot's global state."""

import asyncio
import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from aiohttp.test_utils import TestClient, TestServer

from dashboard.events import read_events
from dashboard.render import charts
from dashboard.stats import compute
from scripts.report_bench import generate_store
from tests.web.test_admin import TOKEN, basic, web_serve

AUTH = {"Authorization": basic(TOKEN)}
IMAGE = re.compile(r'<img src="([^"]+)" alt="messages"')


@pytest.fixture(scope="module")
def store_url(tmp_path_factory):
    db = tmp_path_factory.mktemp("periods") / "tracker.db"
    generate_store(db, 300)  # conversations of 2026-11-23 to 2026-11-29
    return f"sqlite:///{db}"


def test_two_visits_of_different_periods_each_get_the_charts_of_their_period(store_url):
    # a period counted back from today that holds the last three generated days only, whatever today is
    days = (dt.datetime.now(dt.timezone.utc).date() - dt.date(2026, 11, 27)).days + 1
    short = f"/admin/?jours={days}"

    async def visits():
        app = web_serve.make_app(admin_token=TOKEN, admin_db_url=store_url)
        async with TestClient(TestServer(app)) as client:

            async def get(path):
                answer = await client.get(path, headers=AUTH)
                assert answer.status == 200, path
                return await answer.read()

            pages = [await get(path) for path in (short, "/admin/", short)]
            charts_of = ["/admin/" + IMAGE.search(page.decode("utf-8")).group(1) for page in pages]
            return charts_of, [await get(chart) for chart in charts_of]

    urls, pngs = asyncio.run(visits())
    assert pngs[0] != pngs[1]  # the short period's page still shows its own chart after the full period was built
    assert pngs[0] == pngs[2] and len(set(urls)) == 3  # one build per visit


def test_charts_drawn_in_parallel_threads_are_those_drawn_alone(store_url, tmp_path):
    periods = [compute(read_events(store_url)), compute(r for r in read_events(store_url) if r.timestamp % 2)]
    for i in range(2):
        (tmp_path / f"alone{i}").mkdir()
    alone = [charts(stats, tmp_path / f"alone{i}") for i, stats in enumerate(periods)]
    expected = [(tmp_path / f"alone{i}" / "messages.png").read_bytes() for i in range(2)]
    assert expected[0] != expected[1] and alone[0] == alone[1]

    def draw(index: int) -> bytes:
        folder = tmp_path / f"thread{index}"
        folder.mkdir()
        charts(periods[index % 2], folder)
        return (folder / "messages.png").read_bytes()

    with ThreadPoolExecutor(max_workers=6) as pool:
        drawn = list(pool.map(draw, range(24)))
    assert drawn == [expected[i % 2] for i in range(24)]
