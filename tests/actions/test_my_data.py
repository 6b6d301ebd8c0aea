"""« /mes_donnees » says what is stored and how to get a copy or erase it."""

from actions.my_data import ActionMyData, ActionMyDataCopy
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


def test_without_an_operator_contact_the_copy_is_offered_here(run_action, monkeypatch):
    monkeypatch.delenv("HANDOFF_EMAIL", raising=False)
    monkeypatch.delenv("HANDOFF_URL", raising=False)
    messages, _ = run_action(ActionMyData(), make_tracker("/mes_donnees", "my_data"))
    assert "Recevoir une copie" in titles(messages)
    assert "demandez-la à l'équipe" not in text_of(messages)


def test_the_copy_lists_what_the_user_wrote_with_dates_and_the_answers_kept(run_action):
    events = [
        {"event": "user", "text": "c'est quoi le micro-travail ?", "timestamp": 1764580000.0},
        {"event": "bot", "text": "Le micro-travail, ce sont de petites tâches…", "timestamp": 1764580001.0},
        {"event": "user", "text": "EXTERNAL: adviser_handoff", "metadata": {"is_external": True}, "timestamp": 1.0},
        {"event": "user", "text": '/inform{"schedule": "flexible"}', "timestamp": 1764580100.0},
        {"event": "user", "text": "/my_data_copy", "timestamp": 1764580200.0},
    ]
    slots = {"schedule": "flexible", "sim_turnover": "1800/mois"}
    messages, _ = run_action(
        ActionMyDataCopy(), make_tracker("/my_data_copy", "my_data_copy", slots=slots, events=events)
    )
    text = text_of(messages)
    assert "« test-user »" in text
    assert "01/12/2025 10:06 : c'est quoi le micro-travail ?" in text
    assert "EXTERNAL" not in text and "adviser_handoff" not in text
    assert "Horaires : flexible" in text or "flexible" in text
    assert "1800/mois" in text or "1 800 €" in text
    assert "Le micro-travail, ce sont" not in text  # the bot's own answers are not the user's data to copy
    assert all(len(m["text"]) <= 700 for m in messages)
    assert "Effacer mes données" in titles(messages)


def test_a_long_conversation_is_copied_in_short_messages_most_recent_kept(run_action):
    events = [
        {"event": "user", "text": f"question numéro {i} " + "x" * 150, "timestamp": 1764580000.0 + i} for i in range(60)
    ]
    messages, _ = run_action(ActionMyDataCopy(), make_tracker("/my_data_copy", "my_data_copy", events=events))
    assert all(len(m["text"]) <= 700 for m in messages) and len(messages) <= 6
    assert "question numéro 59" in text_of(messages)
    assert "60 message(s)" in text_of(messages)
    assert "je n'en affiche que la fin" in text_of(messages)


def test_without_an_operator_contact_no_sentence_asks_to_quote_the_id(run_action, monkeypatch):
    monkeypatch.delenv("HANDOFF_EMAIL", raising=False)
    monkeypatch.delenv("HANDOFF_URL", raising=False)
    messages, _ = run_action(ActionMyData(), make_tracker("/mes_donnees", "my_data"))
    assert "en indiquant l'identifiant" not in text_of(messages)
    assert "je vous l'affiche ici." in text_of(messages)
