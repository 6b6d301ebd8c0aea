"""Generates a tracker store with known counts and times the report on it (100,000 events: target ≤ 3 s).

Usage: .venv/bin/python scripts/report_bench.py [--events 100000] [--out test-output/report-bench]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHANNELS = ("socketio", "telegram", "rest")
DAYS = 7
START = dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc)
NOT_UNDERSTOOD = ("c koi le portage salarial", "cest quoi le portage salarial", "quel temps fait-il demain")
SEARCHED = "combien touche un micro-travailleur par heure"  # nlu_fallback the knowledge search answers
UNANSWERED = "quelle mutuelle choisir quand on est freelance"  # out_of_scope the search honestly cannot answer
# the second exchange of conversation i is SECOND[i % 8]: distinct totals for each figure on a small store
SECOND = ("comparison", "comparison", "platforms", "search", "honest", "platforms", "simulation", "honest")
USELESS = (1, 7)  # i % 8 of the rated answers judged useless: useful on some days, useless on others
TARGET_SECONDS = 3.0
# beyond the small stores the tests count, every other conversation ends with a one-off message, as in a real
# store: thousands of distinct texts for the grouping of the not-understood list
ONE_OFF_FROM = 100
ONE_OFF_WORDS = (
    "micro travail freelance plateforme statut urssaf malt prolific payer combien impot declarer etudiant chomage "
    "salaire client mission tache arnaque banque compte avis note google carte crypto retraite enfant voiture "
    "logement formation diplome anglais traduction dessin musique video photo"
).split()


def not_understood(index: int) -> str:
    """The last message of conversation `index`: one of three, or from ONE_OFF_FROM on, every other time, a
    one-off text of its own."""
    if index < ONE_OFF_FROM or index % 2:
        return NOT_UNDERSTOOD[index % 3]
    draw = random.Random(index)
    return " ".join(draw.choice(ONE_OFF_WORDS) for _ in range(draw.randint(3, 8)))


def conversation(index: int) -> List[Tuple[str, Dict[str, Any]]]:
    """One generated conversation: 3 user messages, the last one not understood, the second one the exchange
    SECOND[index % 8]; every 4th runs the questionnaire (every 8th to the recommendation), every 2nd rates the
    second answer (useless when index % 8 is in USELESS). Only the events the report reads, and the session start."""
    channel = CHANNELS[index % len(CHANNELS)]

    def user(intent: str, text: str):
        return (
            "user",
            {"event": "user", "text": text, "input_channel": channel, "parse_data": {"intent": {"name": intent}}},
        )

    def action(name: str):
        return ("action", {"event": "action", "name": name})

    def slot(name: str, value: Any):
        return ("slot", {"event": "slot", "name": name, "value": value})

    checked = slot("last_checked", "2026-10-01")
    exchanges = {
        "comparison": [user("ask_comparison", "comparer"), action("action_compare"), slot("last_topic", "comparison")]
        + [slot("last_sources", ["seed_comparatif"]), checked],
        "platforms": [user("ask_platforms", "quelles plateformes"), action("action_list_platforms")]
        + [slot("last_topic", "platforms"), slot("last_sources", ["mturk_worker_help", "seed_comparatif"]), checked],
        "search": [user("nlu_fallback", SEARCHED), action("action_knowledge_search")]
        + [slot("last_sources", ["seed_studyrama"]), checked, slot("search_answered", True)],
        # actions/search.honest_reply: the official service to ask is not a fact the bot states
        "honest": [user("out_of_scope", UNANSWERED), action("action_knowledge_search")]
        + [slot("knowledge_gap", True), slot("last_sources", ["service_public_entreprendre"])]
        + [slot("search_answered", True)],
        "simulation": [user("simulate_income", "simuler mes revenus"), action("simulate_income_form")]
        + [action("action_simulate_income"), slot("last_topic", "simulation")]
        + [slot("last_sources", ["urssaf_autoentrepreneur"])],
    }
    second = SECOND[index % len(SECOND)]
    events = [action("action_session_start"), user("greet", "bonjour"), action("utter_greet")]
    events += exchanges[second] + [user("nlu_fallback", not_understood(index))]
    if index % 4 == 0:
        events += [action("action_reset_choice"), slot("schedule", "flexible"), slot("skills", "basic")]
        if index % 8 == 0:
            events += [slot("income", "main"), slot("career", "long_term"), slot("autonomy", "high")]
            events += [action("action_recommend"), slot("recommendation", "freelancing")]
    if index % 2 == 1:
        rating = "useless" if index % 8 in USELESS else "useful"
        topic = second if second in ("comparison", "platforms", "simulation") else None  # what last_topic holds
        events.append(slot("last_feedback", {"rating": rating, "answer": topic}))
    return events


def event_rows(sender_id: str, start: float, events: List[Tuple[str, Dict[str, Any]]]) -> List[Dict[str, Any]]:
    """Rows of Rasa's events table for one sender's events, one second apart from `start`."""
    rows = []
    for number, (type_name, data) in enumerate(events):
        data = {**data, "timestamp": start + number}
        rows.append(
            {
                "sender_id": sender_id,
                "type_name": type_name,
                "timestamp": data["timestamp"],
                "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
                "action_name": data.get("name") if type_name == "action" else None,
                "data": json.dumps(data),
            }
        )
    return rows


def write_store(db: Path, rows: List[Dict[str, Any]]) -> None:
    """Adds rows to the SQLite tracker store at `db`, creating Rasa's events table if needed."""
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    with store.engine.begin() as connection:
        connection.execute(sa.insert(store.SQLEvent.__table__), rows)
    store.engine.dispose()


def generate_store(db: Path, minimum_events: int) -> int:
    """Writes generated conversations into a new SQLite tracker store until it holds `minimum_events`; returns
    how many conversations it wrote."""
    rows: List[Dict[str, Any]] = []
    index = 0
    while len(rows) < minimum_events:
        start = START + dt.timedelta(days=index % DAYS, seconds=index)
        rows += event_rows(f"gen-{index}", start.timestamp(), conversation(index))
        index += 1
    write_store(db, rows)
    return index


def main() -> int:
    parser = argparse.ArgumentParser(description="Time the report on a generated tracker store.")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--out", default="test-output/report-bench")
    args = parser.parse_args()
    from scripts.report import build

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "tracker.db"
        conversations = generate_store(db, args.events)
        started = time.perf_counter()
        build(f"sqlite:///{db}", ROOT / args.out, None, None, dt.date(2026, 12, 1))
        seconds = time.perf_counter() - started
    verdict = "OK" if seconds <= TARGET_SECONDS else "TROP LENT"
    load = os.getloadavg()[0]  # the machine is shared: a busy one slows every figure
    print(
        f"Rapport sur {args.events} événements ({conversations} conversations) : {seconds:.2f} s "
        f"(objectif ≤ {TARGET_SECONDS:.0f} s) {verdict} ; charge de la machine {load:.1f} pour {os.cpu_count()} cœurs"
    )
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
