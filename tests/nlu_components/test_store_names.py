"""Everyday ways of naming the store's topics, read by the NLU's matcher from the generated lookup tables."""

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from nlu_components.gazetteer import Gazetteer
from nlu_components.vocabulary_entities import names_from_lookup_tables
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def gazetteer():
    """The matcher as training builds it, from the lookup tables Rasa reads in the generated vocabulary."""
    tables = load_data(str(ROOT / "data" / "nlu" / "vocabulary.yml")).lookup_tables
    return Gazetteer(names_from_lookup_tables(tables))


def names(gazetteer, text):
    return [(m.entity, m.value) for m in gazetteer.find(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the people of France, not the language: the platform must accept them
        ("quelles plateformes acceptent les francais ?", [("platform_filter", "france")]),
        ("des sites ouverts aux Français ?", [("platform_filter", "france")]),
        ("des sites en français ?", [("platform_filter", "french")]),
        # the right to unemployment benefit is social protection; being unemployed is a situation
        ("je perds mes droits au chômage ?", [("legal_topic", "protection_sociale")]),
        ("et si je tombe malade ?", [("legal_topic", "protection_sociale")]),
        ("retraite, maladie : on est couvert ?", [("legal_topic", "protection_sociale")] * 2),
        (
            "où trouver des micro-jobs sans payer de frais ?",
            [("concept", "microwork"), ("platform_filter", "no_commission")],
        ),
        ("je suis au chômage", [("situation", "job_seeker")]),
        # microwork by its other names
        ("le clic-travail ça paie ?", [("concept", "microwork")]),
        ("c rentable le micro taf ?", [("concept", "microwork")]),
        ("du crowdsourcing rémunéré", [("concept", "microwork")]),
        # a status named by its kind is that status, not the list of statuses
        ("il faut un statut d'auto-entrepreneur ?", [("legal_topic", "micro_entreprise")]),
        ("le statut de micro-entrepreneur", [("legal_topic", "micro_entreprise")]),
        ("quel statut choisir ?", [("legal_topic", "statuts")]),
    ],
)
def test_everyday_names_of_the_store_topics(gazetteer, text, expected):
    assert names(gazetteer, text) == expected


def test_fees_are_not_the_no_commission_filter(gazetteer):
    assert names(gazetteer, "Fiverr vs Upwork niveau commissions ?") == [
        ("platform", "fiverr"),
        ("platform", "upwork"),
    ]
    assert names(gazetteer, "des sites sans commission") == [("platform_filter", "no_commission")]
