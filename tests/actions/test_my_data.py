"""« /mes_donnees » says what is stored and how to get a copy or erase it."""

from actions.my_data import ActionMyData
from tests.support import make_tracker, text_of, titles


def test_my_data_names_what_is_kept_and_the_conversation_id(run_action, monkeypatch):
    monkeypatch.setenv("HANDOFF_EMAIL", "rgpd@exemple.org")
    events = [{"event": "user", "text": "bonjour"}, {"event": "bot", "text": "Bonjour !"}, {"event": "user"}]
    messages, _ = run_action(ActionMyData(), make_tracker("/mes_donnees", "my_data", events=events))
    text = text_of(messages)
    assert "vos 2 message(s)" in text and "réponses au questionnaire" in text
    assert "« test-user »" in text and "rgpd@exemple.org" in text and "/oublier" in text
    assert "Effacer mes données" in titles(messages)


def test_my_data_does_not_count_the_channels_external_intents(run_action):
    external = {"event": "user", "text": "EXTERNAL: adviser_handoff", "metadata": {"is_external": True}}
    events = [{"event": "user", "text": "un humain svp"}, external, external]
    messages, _ = run_action(ActionMyData(), make_tracker("/mes_donnees", "my_data", events=events))
    assert "vos 1 message(s)" in text_of(messages)
