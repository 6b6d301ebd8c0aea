"""Platform lists with filters, one platform's details, unknown platforms, legal and getting-started answers."""

import pytest

from actions.getting_started import ActionGettingStarted
from actions.knowledge.queries import Knowledge
from actions.legal import ActionLegalStatus
from actions.platforms import ActionListPlatforms, ActionPlatformInfo
from tests.support import make_tracker, slots, text_of, titles


def test_platforms_for_microwork_only(run_action):
    messages, events = run_action(
        ActionListPlatforms(),
        make_tracker("quelles plateformes pour le micro-travail ?", "ask_platforms", [("concept", "microwork")]),
    )
    text = text_of(messages)
    assert "Micro-travail :" in text and "Freelance :" not in text
    assert "Clickworker" in text and "Upwork" not in text
    assert "Figure Eight" not in text  # historical: part of Appen now
    assert slots(events)["last_topic"] == "platforms"


def test_platforms_in_french_are_french_speaking(run_action, knowledge):
    messages, _ = run_action(
        ActionListPlatforms(),
        make_tracker("des plateformes en français ?", "ask_platforms", [("platform_filter", "french")]),
    )
    text = text_of(messages)
    assert text.startswith("Plateformes en français :")
    assert "Malt" in text and "Amazon Mechanical Turk" not in text and "Upwork" not in text


def test_platforms_without_commission_filter_from_the_words(run_action, knowledge):
    messages, _ = run_action(ActionListPlatforms(), make_tracker("des sites sans commission ?", "ask_platforms"))
    text = text_of(messages)
    assert "sans commission" in text
    for platform in knowledge.platforms(filters=["no_commission"])[:3]:
        assert platform.name in text
    assert "Fiverr" not in text and "Malt" not in text


def test_platform_overview_says_where_it_comes_from_and_its_fees(run_action):
    messages, events = run_action(
        ActionPlatformInfo(), make_tracker("c'est quoi Malt ?", "ask_platform_info", [("platform", "malt")])
    )
    text = text_of(messages)
    assert text.startswith("Malt – plateforme de freelance, France")
    assert "Site : https://www.malt.fr" in text and "commission de 10 %" in text
    assert slots(events)["platform"] == "malt"
    assert titles(messages)[:3] == ["Frais", "Paiement", "Accès depuis la France"]


def test_platform_fees_question(run_action):
    text = text_of(
        run_action(
            ActionPlatformInfo(),
            make_tracker("upwork prend combien de commission ?", "ask_platform_info", [("platform", "upwork")]),
        )[0]
    )
    assert text.startswith("Upwork – Frais et commission :")
    assert "10 %" in text and "2023" in text


def test_closing_platform_is_flagged(run_action):
    text = text_of(
        run_action(
            ActionPlatformInfo(), make_tracker("mturk c'est bien ?", "ask_platform_info", [("platform", "mturk")])
        )[0]
    )
    assert "30 juillet 2026" in text


def test_follow_up_on_the_platform_of_the_conversation(run_action):
    text = text_of(
        run_action(
            ActionPlatformInfo(),
            make_tracker("et ça paie comment ?", "ask_platform_info", slots={"platform": "clickworker"}),
        )[0]
    )
    assert text.startswith("Clickworker – Paiement :") and "PayPal" in text


@pytest.mark.parametrize("spelling", ["Click Worker", "clickworker", "CLICKWORKER"])
def test_common_spellings_find_the_platform(run_action, spelling):
    text = text_of(
        run_action(ActionPlatformInfo(), make_tracker(f"{spelling} ?", "ask_platform_info", [("platform", spelling)]))[
            0
        ]
    )
    assert text.startswith("Clickworker – plateforme de micro-travail")


def test_unknown_platform_is_said_honestly(run_action):
    messages, _ = run_action(
        ActionPlatformInfo(), make_tracker("c'est quoi Kolabtree ?", "ask_platform_info", [("platform", "Kolabtree")])
    )
    text = text_of(messages)
    assert text.startswith("Je ne connais pas la plateforme « Kolabtree »")
    assert "Malt" in text and "Clickworker" in text
    assert "Toutes les plateformes" in titles(messages)


def test_legal_overview_then_topic_buttons(run_action):
    messages, _ = run_action(ActionLegalStatus(), make_tracker("quel statut ?", "ask_legal_status"))
    assert text_of(messages).startswith("Les statuts pour travailler en indépendant :")
    assert any("portage" in t for t in titles(messages))


def test_micro_entreprise_rates_are_dated(run_action):
    text = text_of(
        run_action(
            ActionLegalStatus(),
            make_tracker("c'est quoi la micro-entreprise ?", "ask_legal_status", [("legal_topic", "micro_entreprise")]),
        )[0]
    )
    assert text.startswith("La micro-entreprise (auto-entrepreneur) :")
    assert "2026" in text


def test_getting_started_for_freelancing_mentions_status(run_action):
    messages, _ = run_action(
        ActionGettingStarted(),
        make_tracker("comment débuter en freelance ?", "ask_getting_started", [("concept", "freelancing")]),
    )
    assert text_of(messages).startswith("Pour débuter en freelance :")
    assert "Quel statut ?" in titles(messages)


def test_getting_started_in_general_gives_the_seed_advice(run_action):
    text = text_of(run_action(ActionGettingStarted(), make_tracker("je commence comment ?", "ask_getting_started"))[0])
    assert text.startswith("Quelques conseils pour bien démarrer :")
    assert "portfolio" in text.lower() or "compétences" in text


def test_unknown_platform_name_is_echoed_without_markup(run_action):
    text = text_of(
        run_action(
            ActionPlatformInfo(),
            make_tracker(
                "c'est quoi <b>Evil</b> ?", "ask_platform_info", [("platform", "<img src=x onerror=alert(1)>Evil")]
            ),
        )[0]
    )
    assert "<" not in text and ">" not in text
    assert "« img srcx onerroralert1Evil »" in text


def test_aspect_buttons_answer_that_aspect(run_action):
    messages, _ = run_action(
        ActionPlatformInfo(), make_tracker("c'est quoi Malt ?", "ask_platform_info", [("platform", "malt")])
    )
    fees_payload = next(b["payload"] for m in messages for b in m["buttons"] if b["title"] == "Frais")
    assert fees_payload == '/ask_platform_info{"platform": "malt", "aspect": "fees"}'
    text = text_of(
        run_action(
            ActionPlatformInfo(),
            make_tracker(fees_payload, "ask_platform_info", [("platform", "malt"), ("aspect", "fees")]),
        )[0]
    )
    assert text.startswith("Malt – Frais et commission :")


@pytest.mark.parametrize(
    "platform,barrier,fact",
    [
        ("malt", "moyenne", "Un statut juridique est obligatoire sur Malt"),
        ("toptal", "élevée", "Toptal dit n’accepter que les « 3 % meilleurs » candidats."),
        ("clickworker", "faible", "L’inscription sur Clickworker est gratuite"),
    ],
)
def test_platform_overview_states_its_entry_barrier(run_action, knowledge, platform, barrier, fact):
    messages, events = run_action(
        ActionPlatformInfo(), make_tracker(f"c'est quoi {platform} ?", "ask_platform_info", [("platform", platform)])
    )
    text = text_of(messages)
    assert f"\nBarrière d'entrée : {barrier}\n" in text
    assert fact in text
    entry_sources = knowledge.find_platform(platform).entry[0].sources
    assert set(entry_sources) <= set(slots(events)["last_sources"])


def test_every_known_platform_asked_about_trust_gets_a_short_answer_saying_what_it_is(store):
    from actions.offer_check import platform_trust_reply

    knowledge = Knowledge()
    for platform in store.platforms.values():
        reply = platform_trust_reply(knowledge, platform.id)
        assert len(reply.text) <= 700, platform.id
        assert reply.text.startswith(f"{platform.name} – plateforme de ")
        assert "est une vraie plateforme" in reply.text and "Ne payez jamais rien" in reply.text
        assert reply.slots == {"platform": platform.id}
