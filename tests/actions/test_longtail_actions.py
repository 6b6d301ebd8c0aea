"""Situation answers and offer checks as the user reads them: short, sourced, with next-step buttons."""

import pytest

from actions.knowledge.model import SITUATION_IDS
from actions.knowledge.queries import Knowledge
from actions.offer_check import ActionCheckOffer
from actions.situations import ActionAnswerSituation, situation_reply
from tests.support import make_tracker, slots, text_of, titles

MAX_CHARS = 700


@pytest.mark.parametrize("situation", SITUATION_IDS)
@pytest.mark.parametrize("page", ["1", "2"])
def test_every_situation_answers_briefly_with_sources_and_buttons(run_action, store, situation, page):
    messages, events = run_action(
        ActionAnswerSituation(),
        make_tracker("", "ask_situation", [("situation", situation), ("page", page)]),
    )
    text = text_of(messages)
    assert text.startswith(f"Si vous êtes {store.situations[situation].label} :")
    assert len(text) <= MAX_CHARS and titles(messages)
    assert slots(events)["situation"] == situation and slots(events)["last_sources"]


def test_the_situation_is_remembered_for_a_follow_up(run_action):
    messages, _ = run_action(
        ActionAnswerSituation(), make_tracker("et du coup ?", "ask_situation", slots={"situation": "employee"})
    )
    assert text_of(messages).startswith("Si vous êtes salarié :")


def test_an_unknown_situation_gets_an_honest_answer_and_the_known_ones(run_action):
    messages, events = run_action(ActionAnswerSituation(), make_tracker("je suis parent au foyer", "ask_situation"))
    text = text_of(messages)
    assert text.startswith("Je n'ai pas d'information propre à votre situation")
    assert "Urssaf" in text and {"Étudiant", "Salarié"} <= set(titles(messages))
    assert slots(events)["last_sources"]


def test_an_unknown_situation_offers_the_guided_choice_and_the_question_behind_it(run_action):
    """« maman au foyer, … c'est pour moi ? »: no facts for that profile, but the five questions of the guided
    choice fit it, and the question it asks (read by the NLU as the runner-up intent) gets its button."""
    tracker = make_tracker("maman solo au foyer, les petites tâches en ligne c'est pour moi ?", "ask_situation")
    tracker.latest_message["intent_ranking"] = [
        {"name": "ask_situation", "confidence": 0.6},
        {"name": "ask_skills", "confidence": 0.3},
    ]
    tracker.latest_message["entities"] = [{"entity": "concept", "value": "microwork"}]
    messages, _ = run_action(ActionAnswerSituation(), tracker)
    text, shown = text_of(messages), titles(messages)
    assert text.startswith("Je n'ai pas d'information propre à votre situation") and "cinq questions" in text
    assert shown[:2] == ["Micro-travail : compétences", "Aidez-moi à choisir"] and "Étudiant" in shown
    assert len(text) <= MAX_CHARS


OFFERS = [
    "🚨🚨 URGENT 🚨🚨 Vous avez été sélectionné(e) !!! Travail à domicile 100% sur téléphone 📱 GAGNEZ 250 À 900 € "
    "PAR JOUR en notant des hôtels ⭐⭐⭐⭐⭐ Première mission test offerte (10 €), ensuite un dépôt de 150 USDT "
    "active votre compte VIP. Écrivez à notre RH sur WhatsApp +44 7700 900123. " * 3,
    "slt on ma contacter sur insta pr liker des post 5e le like mais faut payer 40e pour debloquer mon compte ?",
]


@pytest.mark.parametrize("offer", OFFERS)
def test_a_scam_offer_gets_a_plain_verdict_the_signs_and_what_to_do(run_action, offer):
    messages, events = run_action(ActionCheckOffer(), make_tracker(offer, "check_offer"))
    text = text_of(messages)
    assert text.startswith("⚠️ Cette offre présente de forts signes d'arnaque.")
    assert "Ne payez jamais" in text and len(text) <= MAX_CHARS
    assert "Que faire et où signaler ?" in titles(messages)
    assert "cybermalveillance_emploi" in slots(events)["last_sources"]


def test_an_honest_offer_on_a_known_platform_is_not_called_a_scam(run_action):
    offer = "Offre Clickworker : catégorisation de produits, payée à la tâche, retrait par virement SEPA dès 10 €"
    messages, _ = run_action(ActionCheckOffer(), make_tracker(offer, "check_offer", [("platform", "clickworker")]))
    text = text_of(messages)
    assert text.startswith("Je ne vois pas de signe évident d'arnaque") and "forts signes" not in text
    assert "Clickworker est une vraie plateforme" in text


VICTIMS = [
    "je me suis fait avoir par une fausse offre de missions, j'ai versé 200 € : je fais quoi maintenant ?",
    "jai deja envoyer mon rib et une photo de ma carte d'identité au recruteur, c grave ?",
    "on m'a escroqué sur telegram avec des taches a debloquer, comment je porte plainte ?",
    "VICTIME D'UNE ARNAQUE AUX AVIS GOOGLE, OU JE SIGNALE ???",
]


@pytest.mark.parametrize("text", VICTIMS)
def test_a_victim_gets_what_to_do_now_not_an_offer_check(run_action, text):
    messages, events = run_action(ActionCheckOffer(), make_tracker(text, "check_offer"))
    reply = text_of(messages)
    assert reply.startswith("Voici ce qu'il faut faire maintenant") and len(reply) <= MAX_CHARS
    assert "alertez votre banque" in reply and "déposez plainte" in reply
    assert "Collez-moi le texte" not in reply and "signe" not in reply.split("\n")[0]
    assert "Où signaler ?" in titles(messages) and slots(events)["last_sources"]


@pytest.mark.parametrize(
    "offer, platforms",
    [
        ("on me propose sur whatsapp 300€ par jour pour noter des hôtels, faut juste verser un dépôt avant", []),
        ("j'ai envoyé ma candidature à une offre de saisie à domicile payée 2000 € par mois, c'est sérieux ?", []),
    ],
)
def test_an_offer_that_mentions_no_loss_is_still_checked(run_action, offer, platforms):
    messages, _ = run_action(ActionCheckOffer(), make_tracker(offer, "check_offer", platforms))
    assert "Voici ce qu'il faut faire maintenant" not in text_of(messages)
    assert "Ce que je repère dans ce message" in text_of(messages)


def test_paying_a_real_platform_is_no_loss(run_action):
    tracker = make_tracker(
        "j'ai payé 40€ à Malt pour mon abonnement, c'est normal ?", "check_offer", [("platform", "malt")]
    )
    messages, _ = run_action(ActionCheckOffer(), tracker)
    assert "Voici ce qu'il faut faire maintenant" not in text_of(messages)


@pytest.mark.parametrize("page,expected", [("2", ["33 700", "bloquez"]), ("3", ["Pharos", "0 805 805 817"])])
def test_the_advice_pages_name_the_official_channels(run_action, page, expected):
    messages, events = run_action(ActionCheckOffer(), make_tracker("/check_offer", "check_offer", [("page", page)]))
    text = text_of(messages)
    assert text.startswith("Que faire face à une offre suspecte :") and len(text) <= MAX_CHARS
    assert all(fragment in text for fragment in expected) and slots(events)["last_sources"]


@pytest.mark.parametrize("hostile", ["", " ", "<script>alert(1)</script>", "💰" * 5000, "a" * 20000])
def test_bad_input_gets_a_polite_answer(run_action, hostile):
    messages, _ = run_action(ActionCheckOffer(), make_tracker(hostile, "check_offer"))
    text = text_of(messages)
    assert text and len(text) <= MAX_CHARS and "<script>" not in text and titles(messages)


@pytest.mark.parametrize("text", ["je suis retraité, je peux faire du micro-travail ?", "Retraité : le freelance ?"])
def test_a_situation_named_by_its_label_alone_is_answered(run_action, text):
    """« retraité » folds to the legal topic « retraite », so the NLU gives no situation entity for it."""
    messages, events = run_action(ActionAnswerSituation(), make_tracker(text, "ask_situation"))
    assert text_of(messages).startswith("Si vous êtes retraité :") and slots(events)["situation"] == "retiree"


def test_a_label_inside_another_word_names_no_situation(run_action):
    messages, _ = run_action(ActionAnswerSituation(), make_tracker("je suis ultraretraitéphile", "ask_situation"))
    assert text_of(messages).startswith("Je n'ai pas d'information propre à votre situation")


def _pages(knowledge, situation, question):
    texts, page = [], 1
    while True:
        reply = situation_reply(knowledge, situation, page, question)
        texts.append(reply.text)
        if not any(b["title"] == "Voir la suite" for b in reply.buttons):
            return texts
        page += 1


def test_a_situation_answer_puts_first_the_fact_the_question_asks_about():
    knowledge = Knowledge()  # the store the search indexes (it breaks ties between facts naming as many words)
    question = "je dois prévenir mon patron si je monte une micro entreprise à côté ?"
    pages = _pages(knowledge, "employee", question)
    assert "pas tenu de demander l’autorisation de votre employeur" in pages[0]
    shown = [line for text in pages for line in text.splitlines() if line.startswith("• ")]
    assert len(shown) == len(set(shown)) == len(knowledge.store.situations["employee"].facts)


def test_a_fact_that_goes_on_from_another_stays_right_after_it():
    knowledge = Knowledge()
    question = "inscrit à France Travail, je perds mes droits si je crée ma micro-entreprise ?"
    lines = [line for text in _pages(knowledge, "job_seeker", question) for line in text.splitlines()]
    follows = next(i for i, line in enumerate(lines) if "Le montant d’ARE est alors recalculé" in line)
    assert "vous pouvez créer une micro-entreprise et cumuler l’ARE" in lines[follows - 1]
