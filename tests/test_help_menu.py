"""« Que savez-vous faire ? » lists what the assistant does today, each with a way in."""

from tests.support import domain_dict


def test_the_help_names_every_feature_and_offers_buttons_to_the_new_ones():
    domain = domain_dict()
    [help_reply] = domain["responses"]["utter_help"]
    text = help_reply["text"]
    for feature in ("simulation", "arnaque", "situation", "personne", "« /mes_donnees »", "questionnaire"):
        assert feature in text, feature
    assert len(text) <= 700
    payloads = [b["payload"] for b in help_reply["buttons"]]
    for intent in ("simulate_income", "check_offer", "ask_situation", "ask_human", "help_me_choose"):
        assert f"/{intent}" in payloads and intent in domain["intents"], intent
