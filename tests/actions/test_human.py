"""ask_human: the public services with their links, and the operator's contact only when configured."""

from actions.human import ActionOfferHuman, human_reply, operator_contact
from actions.knowledge.contacts import get_contacts
from tests.support import make_tracker, slots, text_of, titles

PUBLIC = {
    "France Travail": "https://www.francetravail.fr",
    "Urssaf": "https://www.autoentrepreneur.urssaf.fr",
    "BGE": "https://www.bge.asso.fr",
    "CCI": "https://www.cci.fr",
    "CMA": "https://www.artisanat.fr",
    "Service Public Entreprendre": "https://entreprendre.service-public.fr",
}


def test_public_services_with_their_links(run_action, monkeypatch):
    monkeypatch.delenv("HANDOFF_EMAIL", raising=False)
    monkeypatch.delenv("HANDOFF_URL", raising=False)
    messages, events = run_action(ActionOfferHuman(), make_tracker("un humain svp", "ask_human"))
    text = text_of(messages)
    for name, url in PUBLIC.items():
        assert f"{name}" in text and url in text
    assert "Notre équipe" not in text
    assert titles(messages) and len(text) <= 700
    assert "france_travail_faq" in slots(events)["last_sources"]


def test_operator_contact_shown_when_set(run_action, monkeypatch):
    monkeypatch.setenv("HANDOFF_EMAIL", "conseil@exemple.org")
    monkeypatch.setenv("HANDOFF_URL", "https://exemple.org/rendez-vous")
    messages, _ = run_action(ActionOfferHuman(), make_tracker("je veux parler à un conseiller", "ask_human"))
    text = text_of(messages)
    assert (
        "Notre équipe vous répond par e-mail : conseil@exemple.org ou en ligne : https://exemple.org/rendez-vous"
    ) in text
    assert text.index("Notre équipe") < text.index("France Travail")


def test_malformed_operator_settings_are_not_shown():
    assert operator_contact({"HANDOFF_EMAIL": "pas une adresse", "HANDOFF_URL": "javascript:alert(1)"}) == []
    assert operator_contact({"HANDOFF_URL": "http://exemple.org"}) == []  # only https
    reply = human_reply(get_contacts(), operator_contact({}))
    assert "Notre équipe" not in reply.text
