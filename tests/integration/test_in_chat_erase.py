"""« /oublier » then « oui » erases the conversation from the SQL tracker store, and nobody else's."""

import sqlite3


def _agent(model, action_url, db, loop):
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    store = EndpointConfig(type="storage.tracker_store.ResilientSQLTrackerStore", dialect="sqlite", db=str(db))
    endpoints = AvailableEndpoints(action=EndpointConfig(url=action_url), tracker_store=store)
    return loop.run_until_complete(load_agent(model_path=str(model), endpoints=endpoints))


def _events_of(db, sender):
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def test_confirmed_forget_erases_only_this_conversation(trained_model, action_server, event_loop_session, tmp_path):
    db = tmp_path / "tracker.db"
    agent = _agent(trained_model, action_server, db, event_loop_session)
    run = event_loop_session.run_until_complete
    run(agent.handle_text("c'est quoi le freelance ?", sender_id="web:alice"))
    run(agent.handle_text("bonjour", sender_id="tg:bob"))
    assert _events_of(db, "web:alice") > 0

    asked = run(agent.handle_text("/oublier", sender_id="web:alice"))
    assert "Voulez-vous vraiment effacer" in asked[0]["text"]
    assert _events_of(db, "web:alice") > 0  # nothing erased before the confirmation

    done = run(agent.handle_text("/confirm_forget", sender_id="web:alice"))
    assert done[0]["text"].startswith("C'est fait : notre conversation et vos réponses sont effacées.")
    assert _events_of(db, "web:alice") == 0
    assert _events_of(db, "tg:bob") > 0

    again = run(agent.handle_text("bonjour", sender_id="web:alice"))
    assert again and _events_of(db, "web:alice") > 0  # a new conversation starts from nothing
