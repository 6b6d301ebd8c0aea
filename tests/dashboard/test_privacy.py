"""No author and no message text in the report, except the texts of the not-understood list."""

import datetime as dt

from scripts.report_bench import SEARCHED, UNANSWERED, event_rows, generate_store, write_store
from tests.support import run_project_script

SENDER = "tg-7731-marie.dupont@example.org"
UNDERSTOOD = "je veux comparer mais ne dites rien du Zorglub 1234"
NOT_UNDERSTOOD = "blorp du Quux 5678"


def test_only_the_not_understood_texts_appear_and_no_sender_id(tmp_path):
    db, out, export = tmp_path / "tracker.db", tmp_path / "report", tmp_path / "a_annoter.yml"
    generate_store(db, 300)

    def user(intent, text):
        return (
            "user",
            {"event": "user", "text": text, "input_channel": "telegram", "parse_data": {"intent": {"name": intent}}},
        )

    start = dt.datetime(2026, 11, 24, 10, tzinfo=dt.timezone.utc).timestamp()
    write_store(
        db, event_rows(SENDER, start, [user("ask_comparison", UNDERSTOOD), user("nlu_fallback", NOT_UNDERSTOOD)])
    )
    done = run_project_script(
        "report.py", "--db-url", f"sqlite:///{db}", "--out", str(out), "--export-not-understood", str(export)
    )
    assert done.returncode == 0, done.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    listed = page[page.index("<h2>Messages non compris, groupés</h2>") :].split("</ol>")[0]
    assert NOT_UNDERSTOOD in listed and page.count(NOT_UNDERSTOOD) == 1
    for written in (page, done.stdout, export.read_text(encoding="utf-8")):
        assert UNDERSTOOD not in written and "Zorglub" not in written
        assert SEARCHED not in written and UNANSWERED not in written  # answered by the search, honestly or not
        assert SENDER not in written and "7731" not in written and "gen-" not in written
    assert "Zorglub".encode() not in b"".join(path.read_bytes() for path in out.iterdir())
