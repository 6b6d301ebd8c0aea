"""Charts: random ids, erased with their conversation (RGPD delete, « /oublier »), purged by age and size."""

import asyncio
import os
import subprocess
import time

from charts.bars import render_bars
from charts.pipeline import store_png
from runtime.charts import chart_path
from tests.conftest import ROOT, server_env

BARS = [("Chiffre d'affaires", 1800.0), ("Cotisations", 460.8), ("Reste avant impôt", 1339.2)]


def _store(db):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    return SQLTrackerStore(Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=str(db))


def _save_with_chart(store, sender, chart_id):
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker(sender, store.domain.slots)
    tracker.update(UserUttered("1 800 € par mois", {"name": "inform", "confidence": 1.0}))
    tracker.update(BotUttered("Graphique par mois", data={"image": f"/charts/{chart_id}.png"}))
    asyncio.run(store.save(tracker))


def _run(script, *args, env=None):
    return subprocess.run(
        [str(ROOT / ".venv/bin/python"), script, *args],
        cwd=ROOT,
        env={**server_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_same_chart_for_two_people_gets_two_ids(tmp_path):
    png = render_bars(BARS, "Par mois, en euros")
    assert store_png(png, tmp_path) != store_png(png, tmp_path)  # nobody can probe what another simulated


def test_rgpd_delete_removes_the_senders_charts_and_only_theirs(tmp_path, monkeypatch):
    charts = tmp_path / "charts"
    monkeypatch.setenv("CHARTS_DIR", str(charts))
    db, endpoints = tmp_path / "tracker.db", tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n", encoding="utf-8")
    png = render_bars(BARS, "Par mois, en euros")
    alice, bob = store_png(png, charts), store_png(png, charts)
    _save_with_chart(_store(db), "alice", alice)
    _save_with_chart(_store(db), "bob", bob)

    deleted = _run("scripts/rgpd.py", "delete", "alice", "--endpoints", str(endpoints), env={"CHARTS_DIR": str(charts)})
    assert deleted.returncode == 0, deleted.stderr
    assert "1 chart(s) deleted" in deleted.stdout
    assert chart_path(alice) is None and chart_path(bob) is not None


def test_retention_purges_old_charts_then_the_oldest_beyond_the_size_bound(tmp_path):
    charts = tmp_path / "charts"
    db, endpoints = tmp_path / "tracker.db", tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n", encoding="utf-8")
    _store(db)
    png = render_bars(BARS, "Par mois, en euros")
    old, older_recent, newest = (store_png(png, charts) for _ in range(3))
    now = time.time()
    for chart_id, days_ago in ((old, 40), (older_recent, 3), (newest, 1)):
        os.utime(charts / f"{chart_id}.png", (now - days_ago * 86400,) * 2)
    bound = 1.5 * len(png) / 1e6  # room for one chart only

    done = _run(
        "scripts/retention.py",
        "--endpoints",
        str(endpoints),
        env={"RETENTION_DAYS": "30", "CHARTS_DIR": str(charts), "CHARTS_MAX_MB": str(bound)},
    )
    assert done.returncode == 0, done.stderr
    assert "2 chart(s) erased" in done.stdout
    assert sorted(p.stem for p in charts.iterdir()) == [newest]


def test_forget_in_the_chat_removes_the_conversations_charts(tmp_path, monkeypatch):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from storage.tracker_store import ResilientSQLTrackerStore

    charts = tmp_path / "charts"
    monkeypatch.setenv("CHARTS_DIR", str(charts))
    chart_id = store_png(render_bars(BARS, "Par mois, en euros"), charts)
    store = ResilientSQLTrackerStore(
        domain=Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=str(tmp_path / "t.db")
    )
    tracker = DialogueStateTracker("carol", store.domain.slots)
    tracker.update(BotUttered("Graphique par mois", data={"image": f"/charts/{chart_id}.png"}))
    tracker.update(UserUttered("/oublier", {"name": "forget_me", "confidence": 1.0}))
    tracker.update(ActionExecuted("action_forget_me"))
    asyncio.run(store.save(tracker))
    assert chart_path(chart_id) is None
