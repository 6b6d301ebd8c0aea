"""Adviser handoff, Rasa's side: the summary advisers read, the offer on Telegram only, each step's answer."""

from actions.adviser_handoff import (
    BACK,
    ENDED,
    HANDOFF_KEY,
    STARTED,
    UNAVAILABLE,
    ActionAdviserHandoff,
    adviser_summary,
    choice_answers,
    last_question,
)
from actions.adviser_offer import OFFER, advisers_here
from actions.human import ActionOfferHuman
from tests.support import make_tracker, text_of, titles

ON_TELEGRAM = {"telegram": {"chat_id": 42, "advisers": True}}


def user(text, intent, **metadata):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}, "metadata": metadata}


def tracker_with(text, intent, step=None, metadata=None, events=(), slots=None):
    tracker = make_tracker(text, intent, [("handoff_step", step)] if step else None, slots, list(events))
    tracker.latest_message["metadata"] = metadata or {}
    return tracker


def test_the_summary_holds_the_last_question_and_the_answers_only():
    answers = choice_answers({"skills": "specialized", "schedule": "flexible", "income": None, "career": "??"})
    assert answers == [
        "• Comment voulez-vous organiser votre temps ? Quand je veux, par créneaux",
        "• Avez-vous un métier ou une expertise à proposer ? Oui, une compétence à vendre",
    ]
    assert adviser_summary("quel statut choisir ?", answers) == (
        "Dernière question : « quel statut choisir ? »\n"
        "Réponses au questionnaire d'orientation :\n"
        "• Comment voulez-vous organiser votre temps ? Quand je veux, par créneaux\n"
        "• Avez-vous un métier ou une expertise à proposer ? Oui, une compétence à vendre"
    )
    assert adviser_summary(None, []) == (
        "Dernière question : aucune avant la demande.\nQuestionnaire d'orientation : pas rempli."
    )


def test_the_last_question_skips_buttons_small_talk_and_masks_contact_details():
    events = [
        user("Je suis Camille, 06 12 34 56 78, camille@exemple.fr : quel statut choisir ?", "ask_legal_status"),
        user("merci", "thank"),
        user('/inform{"schedule": "flexible"}', "inform"),
        user("EXTERNAL: adviser_handoff", "adviser_handoff", is_external=True),
        user("un humain svp", "ask_human"),
        {"event": "bot", "text": "Je suis un assistant automatique"},
    ]
    assert last_question(events) == "Je suis Camille, [masqué], [masqué] : quel statut choisir ?"
    assert last_question([user("un humain svp", "ask_human")]) is None
    long = last_question([user("pourquoi " * 100, "ask_definition")])
    assert len(long) == 300 and long.endswith("…")


def test_the_offer_of_an_adviser_here_needs_telegram_with_advisers():
    assert advisers_here({"metadata": ON_TELEGRAM})
    assert not advisers_here({"metadata": {"telegram": {"chat_id": 42}}}) and not advisers_here({})
    assert not advisers_here({"metadata": {"telegram": {"advisers": "true"}}})


def test_ask_human_on_telegram_with_advisers_adds_the_offer_and_its_button_first(run_action):
    messages, _ = run_action(ActionOfferHuman(), tracker_with("un humain svp", "ask_human", metadata=ON_TELEGRAM))
    assert OFFER in text_of(messages) and "France Travail" in text_of(messages)
    assert titles(messages)[0] == "Parler à un conseiller ici" and len(text_of(messages)) <= 700
    assert messages[0]["buttons"][0]["payload"] == '/adviser_handoff{"handoff_step": "consent"}'
    messages, _ = run_action(ActionOfferHuman(), tracker_with("un humain svp", "ask_human"))
    assert OFFER not in text_of(messages) and "Parler à un conseiller ici" not in titles(messages)


def test_consent_on_telegram_asks_the_channel_to_post_the_summary(run_action):
    events = [user("c'est quoi le portage salarial ?", "ask_definition"), user("un humain svp", "ask_human")]
    tracker = tracker_with("/adviser_handoff", "adviser_handoff", "consent", ON_TELEGRAM, events, {"skills": "basic"})
    messages, result = run_action(ActionAdviserHandoff(), tracker)
    assert result == [] and len(messages) == 1 and not messages[0]["text"]
    summary = messages[0]["custom"][HANDOFF_KEY]["summary"]
    assert summary.startswith("Dernière question : « c'est quoi le portage salarial ? »")
    assert summary.endswith("• Avez-vous un métier ou une expertise à proposer ? Non, des tâches simples")


def test_elsewhere_or_typed_by_a_user_a_step_only_gets_the_public_options(run_action):
    for step, metadata in (("consent", {}), ("started", ON_TELEGRAM), ("ended_adviser", {})):
        messages, result = run_action(ActionAdviserHandoff(), tracker_with("/x", "adviser_handoff", step, metadata))
        assert "France Travail : https://www.francetravail.fr" in text_of(messages)
        assert not any(m.get("custom") for m in messages) and all(e["event"] != "pause" for e in result)


def test_the_channels_steps_pause_resume_or_apologise(run_action):
    external = {"is_external": True}
    messages, result = run_action(ActionAdviserHandoff(), tracker_with("", "adviser_handoff", "started", external))
    assert text_of(messages) == STARTED and titles(messages) == ["Revenir à l'assistant"]
    assert result[-1]["event"] == "pause"
    for step, said in ENDED.items():
        messages, result = run_action(ActionAdviserHandoff(), tracker_with("", "adviser_handoff", step, external))
        assert text_of(messages) == f"{said} {BACK}" and "Parler à un humain" in titles(messages)
        assert all(e["event"] != "pause" for e in result)
    messages, _ = run_action(ActionAdviserHandoff(), tracker_with("", "adviser_handoff", "failed", external))
    assert text_of(messages).startswith(UNAVAILABLE) and "France Travail" in text_of(messages)
    assert "Parler à un conseiller ici" not in titles(messages)


def test_the_offer_with_both_operator_contacts_stays_short(run_action, monkeypatch):
    monkeypatch.setenv("HANDOFF_EMAIL", "conseil@association-exemple.fr")
    monkeypatch.setenv("HANDOFF_URL", "https://association-exemple.fr/contact")
    messages, _ = run_action(ActionOfferHuman(), tracker_with("un humain svp", "ask_human", metadata=ON_TELEGRAM))
    assert "conseil@association-exemple.fr" in text_of(messages) and OFFER in text_of(messages)
    assert len(text_of(messages)) <= 700
