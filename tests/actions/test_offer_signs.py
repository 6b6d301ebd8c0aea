"""The warning signs found in offers as people paste them: scams are flagged, honest offers are not."""

import dataclasses

import pytest

from actions.offer_signs import CAUTION, NONE, STRONG, check_offer, pay_too_high

SCAMS = [
    (
        "Bonsoir !! 🎉🎉 Vous avez été sélectionné pour un job à domicile, 250 € PAR JOUR juste en likant des vidéos "
        "TikTok 💰💰💰 écrivez-moi sur WatsApp",
        {"unsolicited_contact", "unrealistic_pay", "no_company"},
    ),
    (
        "un inconnu sur instagram me paie pour noter des restos sur google maps mais faut d'abord verser des frais "
        "pour debloquer les taches suivantes c normal ?",
        {"unsolicited_contact", "pay_to_work", "no_company"},
    ),
    (
        "ils m'ont fait une mission test payée 8€ puis le manager telegram veut un depot de 120 USDT pour passer au "
        "niveau VIP",
        {"unsolicited_contact", "test_mission", "pay_to_work", "crypto", "no_company"},
    ),
    (
        "POUR RETIRER VOS GAINS VOUS DEVEZ PAYER UNE COMMISSION DE 15% EN BITCOIN, VOTRE COMPTE EST BLOQUÉ",
        {"pay_to_work", "crypto", "no_company"},
    ),
    ("je gagne 2 € pour chaque like sur des posts insta, on m'a ajouté dans un groupe", None),
    (
        "ma voisine a payé 300€ pour passer VIP sur une appli de missions et maintenant elle peut plus retirer",
        {"pay_to_work", "no_company"},
    ),
    (
        "J AI TOUT PAYE ET ILS ONT BLOQUE MON COMPTE, je récupère comment mes gains des tâches ?",
        {"pay_to_work", "no_company"},
    ),
    (
        "nous recrutons pour liker des vidéos YouTube, 50 € par jour, contactez recrutement.job@gmail.com",
        {"unrealistic_pay", "no_company"},
    ),
    ("on me réclame 25 euros de frais pour avoir accès aux micro-tâches, ça se fait ?", {"pay_to_work", "no_company"}),
    ("pour commencer les missions il y a des frais d'accès de 35€ a regler avant", {"pay_to_work", "no_company"}),
    (
        "un recruteur linkedin m'envoie un chèque de 1800€ pour acheter le matériel, je dois renvoyer le surplus par "
        "virement à son fournisseur",
        {"unsolicited_contact", "pay_to_work", "no_company"},
    ),
]

HONEST = [
    "Prolific me propose une étude de 20 minutes payée 4 £, soit 12 £ de l'heure, c'est fiable ?",
    "Offre Clickworker : rédaction de descriptions produits, inscription gratuite sur clickworker.com, paiement "
    "SEPA deux fois par mois",
    "Mission freelance sur Malt : refonte d'un site WordPress, TJM 400 €, paiement sécurisé par la plateforme",
]


@pytest.mark.parametrize("text,expected", SCAMS)
def test_a_scam_offer_shows_strong_signs(store, text, expected):
    found = check_offer(text, store.scams)
    assert found.verdict == STRONG
    if expected:
        assert {s.id for s in found.signs} == expected


@pytest.mark.parametrize("text", HONEST)
def test_an_honest_offer_naming_its_platform_shows_no_sign(store, text):
    platform = next(p for p in ("prolific", "clickworker", "malt") if p in text.lower())
    found = check_offer(text, store.scams, [platform])
    assert found.verdict == NONE and not found.signs and found.describes_offer


def test_a_known_platform_named_does_not_hide_the_signs(store):
    text = "Un recruteur Appen m'écrit sur WhatsApp : il faut payer 50 € de frais d'activation avant de commencer"
    found = check_offer(text, store.scams, ["appen"])
    assert found.verdict == STRONG
    assert {s.id for s in found.signs} == {"unsolicited_contact", "pay_to_work"}


def test_a_negated_cue_is_not_a_sign(store):
    found = check_offer("Annotation d'images, sans frais d'inscription, aucun dépôt, sur toloka.ai", store.scams)
    assert not found.signs


def test_one_moderate_sign_asks_for_caution(store):
    found = check_offer("on me propose des missions de saisie de données payées 11 € de l'heure", store.scams)
    assert found.verdict == CAUTION and [s.id for s in found.signs] == ["no_company"]


def test_a_message_without_an_offer_is_recognised(store):
    found = check_offer("c'est une arnaque ?", store.scams)
    assert not found.describes_offer and found.verdict == NONE


@pytest.mark.parametrize(
    "text,too_high",
    [
        ("45 $/h pour entraîner une IA", True),
        ("30 € de l'heure pour entraîner une IA", False),
        ("gagnez 2000€ par mois en tapant des captchas", True),
        ("500 € par semaine en notant des hôtels", True),
        ("0,50 € par vidéo regardée", False),
        ("1 € par vidéo regardée", True),
        ("développeur React, TJM de 600 € par jour", False),
        ("j'ai 16 ans et 3 enfants", False),
        ("50 € par jour pour liker des vidéos", True),  # the store's reported scam amounts start at 50 € a day
        ("40 € par jour pour liker des vidéos", False),
        ("250 € par semaine pour noter des restaurants", True),
    ],
)
def test_promised_pay_is_judged_against_the_real_rates(store, text, too_high):
    assert pay_too_high(text, store.scams.pay_ceiling) is too_high


def test_a_huge_pasted_message_is_checked_quickly(store):
    import time

    text = "GAGNEZ 300 € PAR JOUR EN LIKANT DES VIDÉOS 💰 " * 300  # about the message limit and beyond
    start = time.perf_counter()
    found = check_offer(text, store.scams)
    assert found.verdict == STRONG and time.perf_counter() - start < 1.0


def test_an_e_mail_address_does_not_identify_a_company(store):
    for contact in ("recrutement.job@gmail.com", "rh-missions@outlook.fr", "job@societe-inconnue.com"):
        found = check_offer(f"nous recrutons pour des missions de saisie à domicile, écrivez à {contact}", store.scams)
        assert [s.id for s in found.signs] == ["no_company"], contact
    assert not check_offer("missions de saisie à domicile, détails sur clickworker.com", store.scams).signs


def test_the_per_day_scam_floor_comes_from_the_store(store):
    ceiling = dataclasses.replace(store.scams.pay_ceiling, simple_task_per_day_floor=60)
    assert not pay_too_high("50 € par jour pour liker des vidéos", ceiling)
    assert pay_too_high("60 € par jour pour liker des vidéos", ceiling)
