"""The report on a generated store with known counts: the figures, the page, the export, and no author."""

import datetime as dt

import yaml

from dashboard.events import Row
from dashboard.stats import compute
from scripts.report_bench import generate_store
from tests.support import run_project_script


def _report(*args):
    return run_project_script("report.py", *args)


def test_report_counts_a_generated_store(tmp_path):
    db = tmp_path / "tracker.db"
    conversations = generate_store(db, 300)  # conversation i: see scripts/report_bench.conversation
    assert conversations == 28
    out, export = tmp_path / "report", tmp_path / "a_annoter.yml"
    done = _report("--db-url", f"sqlite:///{db}", "--out", str(out), "--export-not-understood", str(export))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Conversations : 28 ; messages : 84" in lines
    assert "Canaux : socketio 10, telegram 9, rest 9" in lines
    assert "Utilisateurs : 28 nouveaux, 0 revenus" in lines
    assert "Messages non compris : 28 (33.3%), en 2 groupe(s)" in lines
    assert (
        "Questionnaire : Commencé 7 → Horaires 7 → Compétences 7 → Revenus 4 → Projet 4 → "
        "Autonomie 4 → Recommandation 4" in lines
    )
    assert "Recommandations : freelancing 4" in lines
    assert "Avis : 7 utiles, 7 pas utiles (50% utiles)" in lines

    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Tableau de bord</h1>" in page and "c koi le portage salarial" in page
    assert "gen-" not in page  # no sender id, hashed or not
    assert all((out / f"{name}.png").stat().st_size > 1000 for name in ("messages", "not_understood", "funnel"))

    block = yaml.safe_load(export.read_text(encoding="utf-8"))
    examples = [e["examples"].split("\n") for e in block["nlu"]]
    assert examples[0][:2] == ["- c koi le portage salarial", "- cest quoi le portage salarial"]
    assert examples[1][0] == "- quel temps fait-il demain"


def test_report_of_a_period_keeps_only_its_days(tmp_path):
    db = tmp_path / "tracker.db"
    generate_store(db, 300)  # conversation i happens on 2026-11-23 + (i % 7) days
    done = _report(
        "--db-url", f"sqlite:///{db}", "--out", str(tmp_path / "r"), "--since", "2026-11-23", "--until", "2026-11-23"
    )
    assert done.returncode == 0, done.stderr
    assert "Conversations : 4 ; messages : 12" in done.stdout.splitlines()


def test_a_user_seen_on_two_days_is_returning():
    day = dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp()

    def user(sender, timestamp):
        return Row(sender, "user", timestamp, "greet", None, "rest", "bonjour", None, None)

    stats = compute([user("a", day), user("b", day), user("a", day + 86400)])
    assert (stats.new_users, stats.returning_users, stats.conversations, stats.messages) == (1, 1, 3, 3)


def test_the_channels_external_intents_are_not_counted_as_messages():
    day = dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp()
    rows = [
        Row("a", "user", day, "ask_human", None, "telegram", "un humain svp", None, None),
        Row("a", "user", day + 1, "adviser_handoff", None, "telegram", "EXTERNAL: adviser_handoff", None, None),
    ]
    stats = compute(rows)
    assert (stats.messages, stats.conversations, dict(stats.intents)) == (1, 1, {"ask_human": 1})
