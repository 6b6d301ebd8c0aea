"""/admin on a store that is missing, empty or unreachable: a French page, never a 500, never a new db file."""

import sqlite3

from dashboard.events import read_events
from scripts.report_bench import generate_store
from tests.conftest import free_port
from tests.web.test_admin import TOKEN, _get, basic

AUTH = {"Authorization": basic(TOKEN)}
NOTHING = "Aucune conversation sur la période"


def test_a_store_not_created_yet_gives_the_empty_page_and_is_not_created(tmp_path):
    db = tmp_path / "rasa.db"
    [(status, _, body)] = _get(TOKEN, f"sqlite:///{db}", ("/admin/", AUTH))
    assert status == 200 and NOTHING in body.decode("utf-8")
    assert not db.exists()


def test_a_fresh_store_without_the_events_table_gives_the_empty_page(tmp_path):
    db = tmp_path / "rasa.db"
    sqlite3.connect(db).close()  # an empty SQLite file, as before Rasa's first start wrote its tables
    [(status, _, body)] = _get(TOKEN, f"sqlite:///{db}", ("/admin/", AUTH))
    assert status == 200 and NOTHING in body.decode("utf-8")


def test_a_period_without_conversations_gives_the_empty_page(tmp_path):
    db = tmp_path / "rasa.db"
    generate_store(db, 300)  # conversations of 2026-11-23 to 2026-11-29
    [(status, _, body)] = _get(TOKEN, f"sqlite:///{db}", ("/admin/?jours=1", AUTH))
    assert status == 200 and NOTHING in body.decode("utf-8") and "<img" not in body.decode("utf-8")


def test_an_unreachable_database_gives_a_503_page_in_french():
    url = f"postgresql://rasa:motdepasse@127.0.0.1:{free_port()}/rasa"  # nothing listens there
    [(status, headers, body)] = _get(TOKEN, url, ("/admin/", AUTH))
    text = body.decode("utf-8")
    assert status == 503 and "base des conversations est injoignable" in text and "motdepasse" not in text
    assert "script-src 'self';" in headers["Content-Security-Policy"]


def test_the_report_reads_no_event_from_a_missing_store_and_does_not_create_it(tmp_path):
    db = tmp_path / "rasa.db"
    assert list(read_events(f"sqlite:///{db}")) == []
    assert not db.exists()
