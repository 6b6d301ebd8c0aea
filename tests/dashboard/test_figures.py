"""Every figure of the dashboard on the generated store, whose counts follow from scripts/report_bench.conversation.

Conversation i (28 of them on 300 events) happens on 2026-11-23 + (i % 7) days, on channel (socketio, telegram,
rest)[i % 3]; its second exchange is SECOND[i % 8]; odd ones rate that answer, useless when i % 8 is 1 or 7.
"""

import pytest

from scripts.report_bench import SEARCHED, UNANSWERED, generate_store
from tests.dashboard.page_tables import tables
from tests.support import run_project_script

DAYS = ["lun. 23/11/2026", "mar. 24/11/2026", "mer. 25/11/2026", "jeu. 26/11/2026", "ven. 27/11/2026"]
DAYS += ["sam. 28/11/2026", "dim. 29/11/2026"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """(terminal lines, page tables, page) of the report on the generated store."""
    folder = tmp_path_factory.mktemp("figures")
    generate_store(folder / "tracker.db", 300)
    done = run_project_script("report.py", "--db-url", f"sqlite:///{folder / 'tracker.db'}", "--out", str(folder))
    assert done.returncode == 0, done.stderr
    page = (folder / "index.html").read_text(encoding="utf-8")
    return done.stdout.splitlines(), tables(page), page


def test_conversations_per_day_and_per_channel_are_shown(report):
    lines, shown, _ = report
    per_channel = [(1, 2, 1), (1, 1, 2), (2, 1, 1), (1, 2, 1), (1, 1, 2), (2, 1, 1), (1, 2, 1)]  # rest, socketio, tel.
    expected = [["Jour", "rest", "socketio", "telegram", "Total"]]
    expected += [[day, *map(str, counts), "4"] for day, counts in zip(DAYS, per_channel)]
    assert shown["Conversations par jour et par canal"] == expected
    at = lines.index("Conversations et messages par jour et par canal :")
    assert lines[at + 1 : at + 3] == [
        "  lun. 23/11/2026 : 4 conversations (rest 1, socketio 2, telegram 1) ; 12 messages (rest 3, socketio 6, "
        "telegram 3)",
        "  mar. 24/11/2026 : 4 conversations (rest 1, socketio 1, telegram 2) ; 12 messages (rest 3, socketio 3, "
        "telegram 6)",
    ]


def test_the_daily_series_are_shown(report):
    _, shown, _ = report
    # messages, not understood, the bot's « je ne sais pas », answered by the search, useful, useless, share useful
    rows = [
        ("12", "4", "1", "0", "1", "1", "50\u00a0%"),
        ("12", "4", "1", "0", "0", "2", "0\u00a0%"),
        ("12", "4", "1", "0", "0", "2", "0\u00a0%"),
        ("12", "4", "0", "1", "1", "1", "50\u00a0%"),
        ("12", "4", "1", "1", "1", "1", "50\u00a0%"),
        ("12", "4", "1", "1", "2", "0", "100\u00a0%"),
        ("12", "4", "1", "1", "2", "0", "100\u00a0%"),
    ]
    header = ["Jour", "Messages", "Non compris", "« Je ne sais pas » du conseiller", "Répondus par la recherche"]
    header += ["Avis utiles", "Avis pas utiles", "Part d'avis utiles"]
    assert shown["Suivi par jour"] == [header] + [[day, *row] for day, row in zip(DAYS, rows)]


def test_the_bot_s_dont_know_and_the_search_s_answers_are_apart_from_the_not_understood(report):
    lines, _, page = report
    assert "Messages non compris : 28 (33,3\u00a0%), en 2 groupe(s)" in lines
    assert "Réponses « je ne sais pas » du conseiller (information absente de la base) : 6 (7,1\u00a0%)" in lines
    assert "Messages hors intention répondus par la recherche : 4 (4,8\u00a0%)" in lines
    assert SEARCHED not in page and UNANSWERED not in page  # answered, so not in the list to annotate


def test_the_top_lists_are_in_order_with_their_counts(report):
    lines, shown, _ = report
    assert "Intentions les plus fréquentes : nlu_fallback 32, greet 28, ask_comparison 8, ask_platforms 7, " in (
        "\n".join(lines)
    )
    assert shown["Intentions"][1:] == [
        ["nlu_fallback", "32"],
        ["greet", "28"],
        ["ask_comparison", "8"],
        ["ask_platforms", "7"],
        ["out_of_scope", "6"],
        ["simulate_income", "3"],
    ]
    assert shown["Sujets"][1:] == [
        ["Comparaison micro-travail / freelance", "8"],
        ["Liste des plateformes", "7"],
        ["Simulation de revenus", "3"],
    ]
    # the honest answer's official service (service_public_entreprendre) is not a fact cited
    assert shown["Sources les plus citées"][1:] == [
        ["seed_comparatif", "15"],
        ["mturk_worker_help", "7"],
        ["seed_studyrama", "4"],
        ["urssaf_autoentrepreneur", "3"],
    ]
    assert shown["Réponses le plus souvent jugées pas utiles"][1:] == [
        ["Comparaison micro-travail / freelance", "4"],
        ["inconnu", "3"],
    ]


def test_the_questionnaire_s_abandons_are_shown_at_the_question_left(report):
    lines, shown, _ = report
    assert shown["Abandons par question du questionnaire"] == [
        ["Question laissée sans réponse", "Personnes"],
        ["Horaires", "0"],
        ["Compétences", "0"],
        ["Revenus", "3"],  # 7 answered the skills question, 4 the income one
        ["Projet", "0"],
        ["Autonomie", "0"],
        ["Recommandation", "0"],
    ]
    assert "Simulations : 3" in lines and "Recommandations : freelancing 4" in lines
