"""The operator's features through the website's socket.io channel: feedback, a human, the user's data, erasure."""

import asyncio

import pytest

from tests.channels.socket_server import socket_rasa
from tests.channels.test_socketio import PAGE, Visitor, quick_reply_titles, run
from tests.support import report_lines


def texts(messages):
    return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture(scope="module")
def site(trained_model, action_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("operator-socketio")
    with socket_rasa(trained_model, action_server, folder, [PAGE]) as url:
        yield url, folder / "tracker.db", folder


def test_feedback_a_human_my_data_and_erasure_over_the_widget(site):
    url, db, folder = site

    async def scenario():
        visitor = await Visitor().connect(url)
        try:
            session_id = await visitor.session()
            await visitor.say("c'est quoi le micro-travail ?", session_id)
            await visitor.say("et ses avantages ?", session_id)
            third = await visitor.say("quelle différence entre micro-travail et freelance ?", session_id)
            assert "Cette réponse vous a-t-elle été utile ?" in texts(third)
            assert {"👍 Utile", "👎 Pas utile"} <= set(quick_reply_titles(third))

            sorry = await visitor.say("ça ne répond pas à ma question", session_id)
            assert texts(sorry).startswith("Désolé que cette réponse ne vous ait pas aidé.")
            assert "Parler à un humain" in quick_reply_titles(sorry)

            human = await visitor.say("est-ce que je peux parler à quelqu'un ?", session_id)
            assert "France Travail : https://www.francetravail.fr" in texts(human)

            mine = await visitor.say("/mes_donnees", session_id)
            assert "Je conserve notre conversation" in texts(mine) and "/oublier" in texts(mine)

            # in a thread: the socket must keep answering the server's pings meanwhile
            lines = await asyncio.get_running_loop().run_in_executor(None, report_lines, db, folder / "report")
            assert "Canaux : socketio 1" in lines and "Avis : 0 utiles, 1 pas utiles (0\u00a0% utiles)" in lines

            assert "Voulez-vous vraiment effacer" in texts(await visitor.say("/oublier", session_id))
            done = await visitor.say("/confirm_forget", session_id)
            assert texts(done).startswith("C'est fait")
        finally:
            await visitor.close()

    run(scenario())
    assert "Conversations : 0 ; messages : 0" in report_lines(db, folder / "report")
