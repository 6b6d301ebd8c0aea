"""The recommendation chart: which option each answer favours, its text alternative, the PNG and how it is sent."""

import asyncio
import json
import os
import signal
import struct
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool

import pytest
from aiohttp.test_utils import TestClient, TestServer
from rasa_sdk.executor import CollectingDispatcher

from actions import charts
from actions.charts import send_chart
from actions.knowledge.model import CONCEPT_IDS
from actions.recommendation import ActionRecommend
from actions.recommendation_chart import chart_alt_text, chart_leans
from charts import pipeline
from charts.leans import Lean, draw_leans
from charts.pipeline import publish, start_worker
from runtime.charts import chart_file_of_url
from runtime.launch import ROOT
from tests.support import make_tracker, text_of
from web.serve import CHART_CACHE, make_app

FREELANCE = dict(schedule="structured", skills="specialized", income="main", career="long_term", autonomy="low")
MIXED = dict(schedule="flexible", skills="basic", income="main", career="long_term", autonomy="high")
CRITERIA = ["Organisation du temps", "Compétences", "Objectif de revenu", "Durée du projet", "Autonomie"]
NAMES = {"microwork": "micro-travail", "freelancing": "freelance"}


@pytest.fixture
def labels(knowledge):
    return {cid: knowledge.concept(cid).label for cid in CONCEPT_IDS}


@pytest.mark.parametrize(
    "answers, favoured",
    [
        ({}, ["microwork"] * 5),
        (FREELANCE, ["freelancing"] * 4 + ["microwork"]),
        (MIXED, ["microwork"] * 2 + ["freelancing"] * 3),
    ],
)
def test_each_answer_favours_the_option_it_gives_points_to(knowledge, answers, favoured):
    leans = chart_leans(knowledge.choice_model(), answers)
    assert [lean.criterion for lean in leans] == CRITERIA
    assert [lean.favours for lean in leans] == favoured


def test_a_lean_shows_the_answer_as_its_button_reads_and_the_most_each_option_can_get(knowledge):
    skills = chart_leans(knowledge.choice_model(), FREELANCE)[1]
    assert skills.answer == "Oui, une compétence à vendre"
    assert skills.points == {"microwork": 0, "freelancing": 3} and skills.most == {"microwork": 3, "freelancing": 3}


def test_the_text_alternative_counts_the_criteria_on_each_side(knowledge, labels):
    model = knowledge.choice_model()
    assert chart_alt_text(chart_leans(model, {}), labels) == (
        "Graphique de vos réponses : les 5 critères penchent vers le micro-travail."
    )
    assert chart_alt_text(chart_leans(model, FREELANCE), labels) == (
        "Graphique de vos réponses : 4 critères sur 5 penchent vers le freelance (organisation du temps, "
        "compétences, objectif de revenu, durée du projet), 1 vers le micro-travail (autonomie)."
    )
    assert chart_alt_text(chart_leans(model, MIXED), labels) == (
        "Graphique de vos réponses : 3 critères sur 5 penchent vers le freelance (objectif de revenu, "
        "durée du projet, autonomie), 2 vers le micro-travail (organisation du temps, compétences)."
    )


def test_an_answer_giving_both_options_the_same_is_said_balanced(labels):
    even = {"microwork": 1, "freelancing": 1}
    leans = [
        Lean("Horaires", "Peu importe", even, even),
        Lean(
            "Autonomie", "Trouver mes clients", {"microwork": 0, "freelancing": 2}, {"microwork": 2, "freelancing": 2}
        ),
    ]
    assert leans[0].favours is None
    assert chart_alt_text(leans, labels) == (
        "Graphique de vos réponses : 1 critère sur 2 penche vers le freelance (autonomie), 1 à égalité."
    )


def png_size(png: bytes):
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_the_png_is_800_pixels_wide_taller_than_wide_and_differs_with_the_answers(knowledge):
    model = knowledge.choice_model()
    freelance = draw_leans(chart_leans(model, FREELANCE), "Ma recommandation : le freelance", NAMES)
    mixed = draw_leans(chart_leans(model, MIXED), "Ma recommandation : un parcours mixte", NAMES)
    width, height = png_size(freelance)
    assert width == 800 and height > width and len(freelance) > 20_000
    assert png_size(mixed) == (width, height) and mixed != freelance


def test_the_published_chart_is_served_under_an_opaque_id_with_caching_headers(knowledge, tmp_path, monkeypatch):
    monkeypatch.setenv("CHARTS_DIR", str(tmp_path))
    leans = chart_leans(knowledge.choice_model(), FREELANCE)
    url = asyncio.run(publish(draw_leans, leans, "Ma recommandation : le freelance", NAMES))
    assert chart_file_of_url(url).parent == tmp_path
    assert not any(word in url for word in ("freelance", "specialized", "structured"))

    async def fetch():
        async with TestClient(TestServer(make_app("http://localhost:5005"))) as client:
            answer = await client.get(url)
            return answer.status, answer.headers, await answer.read()

    status, headers, body = asyncio.run(fetch())
    assert status == 200 and headers["Content-Type"] == "image/png" and png_size(body)[0] == 800
    assert headers["Cache-Control"] == CHART_CACHE == "public, max-age=31536000, immutable"


def test_the_recommendation_sends_the_chart_after_its_text_and_before_the_rating(run_action, tmp_path, monkeypatch):
    monkeypatch.setenv("CHARTS_DIR", str(tmp_path))
    messages, _ = run_action(ActionRecommend(), make_tracker("", "inform", slots=FREELANCE))
    assert [bool(m.get("image")) for m in messages] == [False, False, True, False]
    assert messages[2]["text"].startswith("Graphique de vos réponses : 4 critères sur 5 penchent vers le freelance")
    assert png_size(chart_file_of_url(messages[2]["image"]).read_bytes())[0] == 800
    assert messages[1]["buttons"] and messages[3]["buttons"]  # the platforms' and the rating's buttons


def test_a_chart_that_cannot_be_drawn_leaves_the_recommendation_whole(run_action, tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    monkeypatch.setenv("CHARTS_DIR", str(blocked))
    messages, _ = run_action(ActionRecommend(), make_tracker("", "inform", slots=FREELANCE))
    assert not any(m.get("image") for m in messages)
    assert text_of(messages).startswith("Ma recommandation : le freelance.")
    assert "Graphique" not in text_of(messages)


def test_a_chart_not_ready_in_time_costs_the_picture_and_not_the_answer(monkeypatch):
    monkeypatch.setattr(charts, "CHART_WAIT_SECONDS", 0.1)
    dispatcher = CollectingDispatcher()

    async def slow_chart():
        await asyncio.sleep(5)
        return "/charts/" + "ab" * 12 + ".png"

    started = time.monotonic()
    asyncio.run(send_chart(dispatcher, "Graphique de vos réponses : …", slow_chart()))
    assert dispatcher.messages == [] and time.monotonic() - started < 2


def test_the_chart_worker_loads_the_drawings_without_the_action_server_packages():
    """The worker imports what it unpickles: actions/ would load the knowledge store and the search index,
    long enough at the first chart to overrun the action timeout."""
    modules = "charts.pipeline, charts.leans, charts.bars"
    code = f"import json, sys, {modules}; print(json.dumps([m.split('.')[0] for m in sys.modules]))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert not {"actions", "rasa", "rasa_sdk", "spacy", "sklearn"} & set(json.loads(loaded.stdout))


def test_after_the_chart_worker_dies_the_next_chart_gets_a_new_one(knowledge, tmp_path, monkeypatch):
    monkeypatch.setenv("CHARTS_DIR", str(tmp_path))
    start_worker()
    for process in list(pipeline._pool[0]._processes.values()):
        os.kill(process.pid, signal.SIGKILL)
        process.join(timeout=30)
    leans = chart_leans(knowledge.choice_model(), FREELANCE)
    with pytest.raises(BrokenProcessPool):
        asyncio.run(publish(draw_leans, leans, "Ma recommandation : le freelance", NAMES))
    url = asyncio.run(publish(draw_leans, leans, "Ma recommandation : le freelance", NAMES))
    assert chart_file_of_url(url).parent == tmp_path
