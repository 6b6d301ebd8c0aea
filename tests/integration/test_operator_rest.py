"""The operator's side end to end over REST (`rasa run`, the real action server, the project's SQL store):
feedback, a human, the report reading the channel from the store, then in-chat erasure."""

import json
import urllib.request
import uuid

import pytest

from runtime import launch
from tests.support import report_lines


@pytest.fixture(scope="module")
def rasa_server(trained_model, action_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("operator-rest")
    db = folder / "tracker.db"
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "{action_server}"\n'
        f"tracker_store:\n  type: storage.tracker_store.ResilientSQLTrackerStore\n  dialect: sqlite\n  db: {db}\n",
        encoding="utf-8",
    )
    with launch.rasa_server(endpoints, folder / "rasa.log", trained_model) as server:
        yield server.url, db, folder


def say(server, sender, text):
    request = urllib.request.Request(
        f"{server}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def texts(replies):
    return "\n".join(r.get("text") or "" for r in replies)


def test_feedback_human_report_and_erasure_over_rest(rasa_server):
    server, db, folder = rasa_server
    sender = f"rest:{uuid.uuid4()}"
    say(server, sender, "c'est quoi le micro-travail ?")
    say(server, sender, "et ses avantages ?")
    third = say(server, sender, "quelle différence entre micro-travail et freelance ?")
    assert "Cette réponse vous a-t-elle été utile ?" in texts(third)
    assert {"👍 Utile", "👎 Pas utile"} <= {b["title"] for r in third for b in r.get("buttons") or []}
    sorry = say(server, sender, '/feedback{"rating": "useless"}')
    assert texts(sorry).startswith("Désolé que cette réponse ne vous ait pas aidé.")
    human = say(server, sender, "un humain svp")
    assert "France Travail : https://www.francetravail.fr" in texts(human)

    lines = report_lines(db, folder / "r")
    assert "Canaux : rest 1" in lines and "Avis : 0 utiles, 1 pas utiles (0\u00a0% utiles)" in lines

    assert "Recevoir une copie" in {
        b["title"] for r in say(server, sender, "/mes_donnees") for b in r.get("buttons") or []
    }
    copy = texts(say(server, sender, "/my_data_copy"))
    assert "Voici la copie de vos données" in copy and " : c'est quoi le micro-travail ?" in copy

    assert "Voulez-vous vraiment effacer" in texts(say(server, sender, "/oublier"))
    assert texts(say(server, sender, "/confirm_forget")).startswith("C'est fait")
    assert "Conversations : 0 ; messages : 0" in report_lines(db, folder / "r")


def stored_feedback(db, sender):
    """The last_feedback values the store recorded for this sender, in order."""
    import sqlite3

    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "select data from events where sender_id = ? and type_name = 'slot' order by id", (sender,)
        ).fetchall()
    slots = [json.loads(data) for (data,) in rows]
    return [s["value"] for s in slots if s.get("name") == "last_feedback"]


def test_a_simulation_and_a_search_answer_are_rated_over_rest(rasa_server):
    server, db, _ = rasa_server
    sender = uuid.uuid4().hex
    say(server, sender, "combien de cotisations sur 1 800 € en libéral via Malt ?")
    result = say(server, sender, "pas d'ACRE")
    assert "1 123,20 € par mois" in texts(result)
    assert result[-1]["text"] == "Cette réponse vous a-t-elle été utile ?"
    assert texts(say(server, sender, "super merci c'était clair")).startswith("Merci pour votre retour")

    say(server, sender, "c combien le plafond de CA en micro entreprise")
    say(server, sender, "c'est quoi Malt ?")
    searched = say(server, sender, "le seuil de tva pour les ventes c combien")  # the third answer: a search one
    assert "Voici ce que ma base d'informations sourcées dit à ce sujet" in texts(searched)
    assert searched[-1]["text"] == "Cette réponse vous a-t-elle été utile ?"
    say(server, sender, '/feedback{"rating": "useless"}')
    assert stored_feedback(db, f"rest:{sender}") == [
        {"rating": "useful", "answer": "simulation"},
        {"rating": "useless", "answer": "knowledge_search"},
    ]
