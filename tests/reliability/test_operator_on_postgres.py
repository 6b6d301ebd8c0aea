"""The operator's features on the production profile (PostgreSQL behind nginx): the report's figures, retention and
its schedule, the in-chat erasure, the RGPD export, /admin and the widget's charts, after real REST conversations."""

import asyncio
import base64
import grp
import http.client
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
import uuid

import pytest

from runtime.launch import ROOT
from tests.reliability.conftest import ADMIN_TOKEN, stranger
from tests.reliability.test_load_and_faults import say

NOT_UNDERSTOOD = "zorglub frimousse pataquès ?"  # no intent of the assistant: the report counts it not understood
CHART_CACHE = "public, max-age=31536000, immutable"
GUIDED_CHOICE = [  # tests/conversations/charts.yml: the recommendation comes with a chart
    "aide-moi à choisir",
    '/inform{"schedule": "structured"}',
    '/inform{"skills": "specialized"}',
    '/inform{"income": "main"}',
    '/inform{"career": "long_term"}',
    '/inform{"autonomy": "low"}',
]


def new_sender(name):
    return f"{name}-{uuid.uuid4().hex[:8]}"


def talk(prod, sender, *texts):
    """Sends `texts` in turn through nginx's REST channel; returns the replies of each turn (all answered)."""

    async def conversation():
        async with stranger(7) as session:
            return [await say(session, prod.url, sender, text) for text in texts]

    answers = asyncio.run(conversation())
    assert all(status == 200 for status, _ in answers), answers
    return [replies for _, replies in answers]


def operator_command(prod, *args):
    """A script of scripts/ run as the operator would on the production profile, with its environment."""
    done = subprocess.run(
        [sys.executable, *args, "--endpoints", "endpoints.prod.yml"],
        cwd=ROOT,
        env=prod.operator_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def report_figures(text):
    """The conversations, messages and not-understood messages of a report summary (terminal or /admin page)."""
    conversations, messages = re.search(r"Conversations : (\d+) ; messages : (\d+)", text).groups()
    not_understood = re.search(r"Messages non compris : (\d+)", text).group(1)
    return int(conversations), int(messages), int(not_understood)


def age(prod, conversation, days):
    """Moves every event of `conversation` `days` days back in PostgreSQL, as if it had been idle since."""
    prod.sql("update events set timestamp = timestamp - %s where sender_id = %s", (days * 86400, conversation))


def test_the_report_counts_the_conversations_just_held_in_postgresql(prod, tmp_path):
    before = report_figures(operator_command(prod, "scripts/report.py", "--out", str(tmp_path / "before")))
    talk(prod, new_sender("report-a"), "bonjour", "c'est quoi le micro-travail ?", NOT_UNDERSTOOD)
    talk(prod, new_sender("report-b"), "c'est quoi Malt ?")
    summary = operator_command(prod, "scripts/report.py", "--out", str(tmp_path / "after"))
    after = report_figures(summary)
    assert [a - b for a, b in zip(after, before)] == [2, 4, 1], summary
    assert (tmp_path / "after" / "index.html").is_file()


def chart_file(prod, replies):
    """The file, in the profile's charts folder, of the chart among a turn's replies."""
    (url,) = [reply["image"] for reply in replies if reply.get("image")]
    return prod.run_dir / url.lstrip("/")


def test_retention_erases_the_conversations_and_charts_idle_longer_than_retention_days_and_keeps_the_others(prod):
    idle, active = new_sender("idle"), new_sender("active")
    old_chart = chart_file(prod, talk(prod, idle, *GUIDED_CHOICE)[-1])
    recent_chart = chart_file(prod, talk(prod, active, *GUIDED_CHOICE)[-1])
    age(prod, f"rest:{idle}", 40)
    forty_days_ago = time.time() - 40 * 86400
    os.utime(old_chart, (forty_days_ago, forty_days_ago))
    kept = prod.stored_events(f"rest:{active}")
    done = prod.script("retention", RETENTION_DAYS="30")
    assert done.returncode == 0, done.stdout + done.stderr
    assert prod.stored_events(f"rest:{idle}") == []
    assert prod.stored_events(f"rest:{active}") == kept
    assert not old_chart.exists() and recent_chart.is_file()
    assert "older than 30 days erased" in (prod.run_dir / "retention.log").read_text()


def test_the_retention_schedule_of_prod_sh_run_erases_idle_conversations_at_each_interval(prod):
    first, second, active = new_sender("idle-1"), new_sender("idle-2"), new_sender("active")
    for sender in (first, second, active):
        talk(prod, sender, "bonjour")
    age(prod, f"rest:{first}", 40)
    schedule = subprocess.Popen(
        [str(ROOT / "scripts" / "prod.sh"), "retention-schedule"],
        cwd=ROOT,
        env={**prod.env, "RETENTION_DAYS": "30", "RETENTION_INTERVAL": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: stopped below with its retention run and its sleep
    )

    def erased_within(conversation, seconds):
        deadline = time.monotonic() + seconds
        while prod.stored_events(conversation) and time.monotonic() < deadline:
            time.sleep(0.5)
        return prod.stored_events(conversation) == []

    try:
        assert erased_within(f"rest:{first}", 60)
        age(prod, f"rest:{second}", 40)  # idle only now: a later run must find it
        assert erased_within(f"rest:{second}", 60)
    finally:
        os.killpg(schedule.pid, signal.SIGTERM)
        schedule.wait(timeout=30)
    assert prod.stored_events(f"rest:{active}") != []


def test_oublier_then_confirming_erases_that_conversation_in_postgresql_and_no_other(prod):
    leaving, staying = new_sender("leaving"), new_sender("staying")
    talk(prod, staying, "bonjour", "c'est quoi le freelance ?")
    kept = prod.stored_events(f"rest:{staying}")
    chart = chart_file(prod, talk(prod, leaving, *GUIDED_CHOICE)[-1])
    assert get(prod, f"/charts/{chart.name}")[0] == 200
    (asked,) = talk(prod, leaving, "/oublier")
    assert asked[0]["text"].startswith("Voulez-vous vraiment effacer toute notre conversation ?"), asked
    assert prod.stored_events(f"rest:{leaving}") != []
    (confirmed,) = talk(prod, leaving, "/confirm_forget")
    assert confirmed[0]["text"].startswith("C'est fait : notre conversation et vos réponses sont effacées."), confirmed
    assert prod.stored_events(f"rest:{leaving}") == []
    assert prod.stored_events(f"rest:{staying}") == kept
    assert get(prod, f"/charts/{chart.name}")[0] == 404  # its chart is gone too


def test_the_rgpd_export_holds_the_senders_intents_and_feedback_from_postgresql(prod, tmp_path):
    sender = new_sender("export")
    talk(
        prod,
        sender,
        "c'est quoi le freelance ?",
        "et ses inconvénients ?",
        "quelle différence entre micro-travail et freelance ?",
        '/feedback{"rating": "useless"}',
    )
    out = tmp_path / "export.json"
    operator_command(prod, "scripts/rgpd.py", "export", sender, "--channel", "rest", "--out", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["sender_id"] == f"rest:{sender}"
    events = exported["events"]
    assert exported["event_count"] == len(events) == len(prod.stored_events(f"rest:{sender}"))
    intents = [e["parse_data"]["intent"]["name"] for e in events if e["event"] == "user"]
    assert intents == ["ask_definition", "ask_disadvantages", "ask_comparison", "feedback"]
    feedback = [e["value"] for e in events if e["event"] == "slot" and e["name"] == "last_feedback"]
    assert feedback[-1] == {"rating": "useless", "answer": "comparison"}


def get(prod, path, headers=None):
    """GET `path` exactly as written (no client-side normalisation of `..`) through nginx."""
    connection = http.client.HTTPConnection("127.0.0.1", int(prod.env["NGINX_PORT"]), timeout=120)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def basic(password):
    return {"Authorization": "Basic " + base64.b64encode(f"operateur:{password}".encode()).decode()}


def test_admin_through_nginx_needs_the_token_and_counts_the_conversations_of_postgresql(prod):
    talk(prod, new_sender("admin"), "bonjour")  # a page with figures, even on a fresh profile
    status, headers, _ = get(prod, "/admin/")
    assert status == 401 and headers["WWW-Authenticate"].startswith("Basic")
    assert get(prod, "/admin/", basic("pas-le-bon-jeton"))[0] == 401
    status, headers, page = get(prod, "/admin/", basic(ADMIN_TOKEN))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8", (status, page[:300])
    policy = headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"):
        assert directive in policy, policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    before = report_figures(page.decode())
    talk(prod, new_sender("admin"), "bonjour", "c'est quoi Malt ?")
    _, _, page = get(prod, "/admin/", basic(ADMIN_TOKEN))
    after = report_figures(page.decode())
    assert (after[0] - before[0], after[1] - before[1]) == (1, 2)
    images = re.findall(r'<img src="([0-9a-f]{16}/[^"]+\.png)"', page.decode())
    assert images, page.decode()
    status, headers, picture = get(prod, f"/admin/{images[0]}", basic(ADMIN_TOKEN))
    assert status == 200 and headers["Content-Type"] == "image/png" and picture.startswith(b"\x89PNG")
    assert get(prod, f"/admin/{images[0]}")[0] == 401


def test_admin_does_not_exist_in_production_without_admin_token(prod):
    def answers(statuses):
        return all(get(prod, path, basic(ADMIN_TOKEN))[0] == status for path, status in statuses.items())

    def settles_on(statuses):
        # after a reload, nginx's old workers may still take a few new connections: settled is 5 rounds in a row
        deadline, in_a_row = time.monotonic() + 15, 0
        while in_a_row < 5 and time.monotonic() < deadline:
            in_a_row = in_a_row + 1 if answers(statuses) else 0
            time.sleep(0.05 if in_a_row else 0.2)
        return in_a_row == 5

    without = prod.script("reload-nginx", ADMIN_TOKEN="")
    try:
        assert without.returncode == 0, without.stderr
        assert settles_on({"/admin/": 404, "/admin": 404})
        assert get(prod, "/admin")[0] == 404 and get(prod, "/admin/")[0] == 404
    finally:
        again = prod.script("reload-nginx")
    assert again.returncode == 0, again.stderr
    assert settles_on({"/admin/": 200, "/admin": 302})  # the dashboard sends /admin on to /admin/


def test_a_recommendation_chart_is_served_by_nginx_as_an_immutable_png(prod):
    *_, recommendation = talk(prod, new_sender("chart"), *GUIDED_CHOICE)
    images = [reply["image"] for reply in recommendation if reply.get("image")]
    assert len(images) == 1 and re.fullmatch(r"/charts/[0-9a-f]{24}\.png", images[0]), recommendation
    status, headers, picture = get(prod, images[0])
    assert status == 200 and picture.startswith(b"\x89PNG"), (status, picture[:200])
    assert headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] == CHART_CACHE
    assert headers["X-Content-Type-Options"] == "nosniff"
    chart_id = images[0][len("/charts/") : -len(".png")]
    for hostile in (
        "/charts/",
        "/charts/../app/postgres.password",
        "/charts/%2e%2e/app/redis.password",
        f"/charts/{chart_id.upper()}.png",
        f"/charts/{'g' * 24}.png",
        f"/charts/{chart_id}.png.tmp",
        f"/charts/{chart_id[:-1]}0.png" if chart_id[-1] != "0" else f"/charts/{chart_id[:-1]}1.png",
        "/charts/x/../../nginx.conf",
    ):
        status, _, body = get(prod, hostile)
        assert status == 404 and not body.startswith(b"\x89PNG"), hostile


@pytest.mark.skipif(os.geteuid() != 0, reason="nginx runs as another user than the action server only as root")
def test_charts_are_readable_by_nginx_s_group_only_and_their_folder_cannot_be_listed(prod):
    talk(prod, new_sender("chart-mode"), *GUIDED_CHOICE)
    folder = prod.run_dir / "charts"
    nginx_group = grp.getgrnam("nogroup").gr_gid
    assert stat.S_IMODE(folder.stat().st_mode) == 0o2710 and folder.stat().st_gid == nginx_group
    charts = list(folder.glob("*.png"))
    assert charts
    for chart in charts:
        assert chart.stat().st_gid == nginx_group and stat.S_IMODE(chart.stat().st_mode) == 0o640, chart
