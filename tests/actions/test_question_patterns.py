"""Words that change the answer: an age asked, an age under 18 told, the commission in slang."""

import pytest

from actions.parsing import platform_aspect
from actions.platforms import asks_age
from actions.situations import is_minor_by_age


@pytest.mark.parametrize(
    "text",
    [
        "quel âge minimum pour Toloka ?",
        "faut avoir quel age pour clickworker",
        "à partir de quel âge sur Malt ?",
        "on peut s'y inscrire à 16 ans ?",
        "c'est ouvert aux mineurs ?",
    ],
)
def test_an_age_question(text):
    assert asks_age(text)


@pytest.mark.parametrize(
    "text",
    [
        "Malt est-il un acteur majeur du freelance ?",
        "quel est le défaut majeur de Fiverr ?",
        "Toloka existe depuis 10 ans ?",
        "Clickworker est actif depuis 15 ans ?",
        "/ask_platform_info",
    ],
)
def test_not_an_age_question(text):
    assert not asks_age(text)


@pytest.mark.parametrize("text", ["j'ai 16 ans", "jai 17 ans et demi", "j ai 15ans, je peux ?"])
def test_an_age_under_18(text):
    assert is_minor_by_age(text)


@pytest.mark.parametrize(
    "text",
    [
        "j ai 10 ans d experience en compta",
        "jai 12 ans en tant que graphiste",
        "j'ai 17 ans comme développeur",
        "ça fait 12 ans passés que je suis salarié",
        "j'ai 25 ans",
    ],
)
def test_not_an_age_under_18(text):
    assert not is_minor_by_age(text)


@pytest.mark.parametrize(
    "text, aspect",
    [
        ("Malt prend sa com sur quoi ?", "fees"),
        ("Malt prend sa comm ?", "fees"),
        ("quelle com sur fiverr", "fees"),
        ("Sur Malt on trouve des missions de com ?", None),
        ("Fiverr c'est pour les métiers de la com ?", None),
    ],
)
def test_the_commission_in_slang_is_the_fees(text, aspect):
    assert platform_aspect(text) == aspect
