"""The bot's « je ne sais pas » (the search's honest answer) and the search's answers, apart from the not understood."""

from actions.search import ActionKnowledgeSearch
from dashboard.events import Row, read_events
from dashboard.render import summary_lines
from dashboard.stats import compute
from scripts.report_bench import event_rows, write_store
from tests.support import make_tracker

START = 1_764_000_000  # 2025-11-24, 16:00 UTC
HONEST = "le numéro de téléphone de l urssaf pour les micro-entrepreneurs ?"  # with an official service to ask
ANSWERED = "c combien le plafond de CA en micro entreprise"


def _turn(run_action, text):
    """The store's events of one message classified nlu_fallback and the search action's answer to it."""
    _, events = run_action(ActionKnowledgeSearch(), make_tracker(text, "nlu_fallback"))
    user = {"event": "user", "text": text, "input_channel": "rest", "parse_data": {"intent": {"name": "nlu_fallback"}}}
    action = {"event": "action", "name": "action_knowledge_search"}
    return [("user", user), ("action", action)] + [(event["event"], event) for event in events]


def test_the_search_action_s_honest_answer_counts_as_the_bot_s_dont_know(run_action, tmp_path):
    db = tmp_path / "tracker.db"
    honest, answered = _turn(run_action, HONEST), _turn(run_action, ANSWERED)
    write_store(db, event_rows("a", START, honest) + event_rows("b", START + 100, answered))
    stats = compute(read_events(f"sqlite:///{db}"))
    lines = summary_lines(stats, [], [])
    assert "Messages non compris : 0 (0,0\u00a0%), en 0 groupe(s)" in lines
    assert "Réponses « je ne sais pas » du conseiller (information absente de la base) : 1 (50,0\u00a0%)" in lines
    assert "Messages hors intention répondus par la recherche : 1 (50,0\u00a0%)" in lines
    official = [e["value"] for _, e in honest if e.get("name") == "last_sources"]
    cited = [e["value"] for _, e in answered if e.get("name") == "last_sources"]
    assert official and cited  # the honest answer names an official service, the other one cites facts
    assert set(stats.sources_cited) == set(cited[0])


def _rows(*events):
    """Rows of one sender, one second apart; a slot's value as the store's JSON text gives it."""
    rows = []
    for second, (kind, name, value) in enumerate(events):
        user = kind == "user"
        rows.append(
            Row(
                "a",
                kind,
                START + second,
                name if user else None,
                name if kind == "action" else None,
                "rest" if user else None,
                value if user else None,
                name if kind == "slot" else None,
                value if kind == "slot" else None,
            )
        )
    return rows


def test_a_message_the_search_left_to_the_rules_or_that_no_search_followed_is_not_understood():
    stats = compute(
        _rows(
            ("user", "nlu_fallback", "zxqv plorf"),
            ("action", "action_knowledge_search", None),
            ("slot", "search_answered", 0),  # SQLite's json_extract gives false as 0
            ("action", "utter_please_rephrase", None),
            ("user", "out_of_scope", "une recette de crêpes"),  # a store written before the search existed
            ("user", "greet", "bonjour"),
        )
    )
    assert stats.not_understood == ["zxqv plorf", "une recette de crêpes"]
    assert sum(stats.bot_dont_know_per_day.values()) == sum(stats.searched_per_day.values()) == 0


def test_the_honest_answer_is_recognised_whatever_the_order_of_its_events_and_the_database():
    stats = compute(
        _rows(
            ("user", "out_of_scope", "quelle mutuelle"),
            ("action", "action_knowledge_search", None),
            ("slot", "last_sources", '["service_public_entreprendre"]'),
            ("slot", "search_answered", "true"),  # PostgreSQL's ->> gives the JSON text
            ("slot", "knowledge_gap", "true"),
        )
    )
    assert (sum(stats.bot_dont_know_per_day.values()), stats.not_understood, dict(stats.sources_cited)) == (1, [], {})
