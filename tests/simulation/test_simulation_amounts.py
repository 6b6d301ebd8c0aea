"""French amounts as people type them become a turnover per month or per year; nonsense is refused."""

import pytest

from actions.simulation.amounts import parse_amount


@pytest.mark.parametrize(
    "text, slot_value",
    [
        ("1800", "1800/mois"),
        ("1 800 €", "1800/mois"),
        ("1\u00a0800\u00a0€", "1800/mois"),
        ("1.800 €", "1800/mois"),
        ("1,8k", "1800/mois"),
        ("3k par mois", "3000/mois"),
        ("40 000 par an", "40000/an"),
        ("45 000 € de CA annuel", "45000/an"),
        ("mille cinq cents euros", "1500/mois"),
        ("deux mille trois cent cinquante", "2350/mois"),
        ("quatre-vingt mille par an", "80000/an"),
        ("dix-huit cents", "1800/mois"),
        ("700 balles", "700/mois"),
        ("1800,50 €", "1800.5/mois"),
        ("combien de cotisations sur 1 200 € ?", "1200/mois"),
        ("à 95 000 € par an je reste micro-entrepreneur ?", "95000/an"),
        ("TJM 300 € sur Malt, 8 jours par mois ?", "2400/mois"),
    ],
)
def test_a_typed_amount_is_read(text, slot_value):
    assert parse_amount(text).slot_value == slot_value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "banane",
        "je sais pas",
        "-500",
        "moins 300 euros",
        "0",
        "12",  # below any real monthly turnover: a typo
        "2 000 000 000",  # absurd
        "entre 1 000 et 2 000",  # two amounts: which one ?
        "créée avant le 1er juillet 2026",  # a date, not an amount
        "6 h par semaine",
        "x" * 10_000,
    ],
)
def test_nonsense_negative_or_absurd_amounts_are_refused(text):
    assert parse_amount(text) is None
