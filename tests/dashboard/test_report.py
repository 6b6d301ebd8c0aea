"""The report on a generated store with known counts: the figures, the page, the export, and no author."""

import datetime as dt
import json
import sqlite3

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
    assert "Messages non compris : 28 (33,3\u00a0%), en 2 groupe(s)" in lines
    assert (
        "Questionnaire : Commencé 7 → Horaires 7 → Compétences 7 → Revenus 4 → Projet 4 → "
        "Autonomie 4 → Recommandation 4" in lines
    )
    assert "Recommandations : freelancing 4" in lines
    assert "Avis : 7 utiles, 7 pas utiles (50\u00a0% utiles)" in lines

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


def test_report_of_a_store_not_created_yet_says_so_and_creates_no_file(tmp_path):
    db, out = tmp_path / "rasa.db", tmp_path / "report"
    done = _report("--db-url", f"sqlite:///{db}", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Conversations : 0 ; messages : 0" in done.stdout.splitlines()
    assert "Aucune conversation sur la période" in (out / "index.html").read_text(encoding="utf-8")
    assert not db.exists()


def test_a_simulation_counts_once_whatever_the_form_steps():
    def action(name, second):
        return Row("a", "action", 1_764_000_000 + second, None, name, None, None, None, None)

    steps = ["action_reset_simulation", "simulate_income_form", "validate_simulate_income_form"] * 3
    steps += ["simulate_income_form", "action_simulate_income", "action_listen", "utter_simulation_stopped"]
    stats = compute([action(name, second) for second, name in enumerate(steps)])
    assert stats.simulations == 1


def test_a_user_who_wrote_before_the_period_is_returning(tmp_path):
    db = tmp_path / "tracker.db"
    generate_store(db, 300)  # gen-0 writes on 2026-11-23, gen-2, 9, 16 and 23 on 2026-11-25
    back = dt.datetime(2026, 11, 25, 18, tzinfo=dt.timezone.utc).timestamp()
    data = {"event": "user", "timestamp": back, "text": "re-bonjour", "input_channel": "rest"}
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, data) VALUES (?, 'user', ?, 'greet', ?)",
            ("gen-0", back, json.dumps(data)),
        )
    done = _report(
        "--db-url", f"sqlite:///{db}", "--out", str(tmp_path / "r"), "--since", "2026-11-25", "--until", "2026-11-25"
    )
    assert done.returncode == 0, done.stderr
    assert "Utilisateurs : 4 nouveaux, 1 revenus" in done.stdout.splitlines()


def test_the_facts_due_follow_the_store_s_review_rules_per_kind():
    from actions.knowledge.loader import get_store
    from actions.knowledge.review import due_for_review
    from dashboard.render import html_page, summary_lines

    store, today = get_store(), dt.date(2027, 6, 1)  # past the 6-month fee reviews, before the yearly ones
    due = due_for_review(store, today)
    assert due and any(d.entry.startswith("rates.yml: commission_") for d in due)
    stats = compute([Row("a", "user", 1_764_000_000, "greet", None, "rest", "bonjour", None, None)])
    assert f"Faits à revoir (délai de revue de leur sorte dépassé) : {len(due)}" in summary_lines(stats, [], due)
    page = html_page(stats, [], due, {}, "tout")
    assert all(d.entry in page for d in due[:20])


def test_the_dont_know_answers_are_shown_with_their_rate():
    from dashboard.render import summary_lines

    def user(intent, second):
        return Row("a", "user", 1_764_000_000 + second, intent, None, "rest", "…", None, None)

    stats = compute([user("help_me_choose", 0), user("dont_know", 1), user("dont_know", 2), user("greet", 3)])
    assert "Réponses « je ne sais pas » aux questionnaires : 2 (50,0\u00a0%)" in summary_lines(stats, [], [])


def test_the_channels_external_intents_are_not_counted_as_messages():
    day = dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp()
    rows = [
        Row("a", "user", day, "ask_human", None, "telegram", "un humain svp", None, None),
        Row("a", "user", day + 1, "adviser_handoff", None, "telegram", "EXTERNAL: adviser_handoff", None, None),
    ]
    stats = compute(rows)
    assert (stats.messages, stats.conversations, dict(stats.intents)) == (1, 1, {"ask_human": 1})
