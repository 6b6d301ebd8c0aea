"""Simulations written by hand from the sources: the exact euros the user reads, row by row.

Rates (knowledge/rates.yml, 2026): contributions BNC 25.6 %, BIC services 21.2 %, sales 12.3 %, CIPAV 23.2 %;
ACRE pays 50 % of the rate (business created before 1 July 2026) or 75 % (from 1 July 2026);
Malt takes 12 % TTC (10 % HT, VAT not recoverable), Fiverr 20 %. Ceilings: services 83,600 €, sales 203,100 €.
VAT franchise: services 37,500 € (majored 41,250 €), sales 85,000 € (majored 93,500 €).
Contributions are on the whole turnover, commission included. A yearly amount is shown per month divided by
12 and rounded to the cent, and what remains per month is the shown turnover minus the shown deductions.
"""

import datetime as dt
from decimal import Decimal

import pytest

from actions.simulation.amounts import Amount
from actions.simulation.compute import Inputs, simulate
from actions.simulation.reply import simulation_replies

TODAY = dt.date(2026, 12, 1)
CEILING_BELOW, CEILING_ABOVE = "sous le plafond", "au-dessus du plafond"
VAT = {
    "below": "sous le seuil de franchise",
    "tolerance": "mais sous le seuil majoré",
    "above": "la franchise ne s'applique plus",
}

# activity, turnover, platform, acre -> commission / month, contributions / month, remains / month and / year,
# ceiling, VAT
ROWS = [
    # 1800 x 25.6 % = 460.80; 1800 - 460.80 = 1339.20; x 12 = 16 070.40; 21 600 / year: below both thresholds
    ("bnc", "1800/mois", "none", "none", None, "460,80 €", "1 339,20 €", "16 070,40 €", CEILING_BELOW, "below"),
    # Malt 1800 x 12 % = 216; 1800 - 216 - 460.80 = 1123.20; x 12 = 13 478.40
    ("bnc", "1800/mois", "malt", "none", "216 €", "460,80 €", "1 123,20 €", "13 478,40 €", CEILING_BELOW, "below"),
    # ACRE before July: 25.6 x 50 % = 12.8 %: 1800 x 12.8 % = 230.40; 1800 - 216 - 230.40 = 1353.60; x 12 = 16 243.20
    ("bnc", "1800/mois", "malt", "before_july_2026", "216 €", "230,40 €", "1 353,60 €", "16 243,20 €",
     CEILING_BELOW, "below"),
    # ACRE from July: 25.6 x 75 % = 19.2 %: 40 000 x 19.2 % = 7680 / year, 640 / month;
    # 40 000 / 12 = 3333.33; 3333.33 - 640 = 2693.33; 40 000 - 7680 = 32 320; 37 500 < 40 000 <= 41 250
    ("bnc", "40000/an", "none", "from_july_2026", None, "640 €", "2 693,33 €", "32 320 €", CEILING_BELOW,
     "tolerance"),
    # exactly on the services VAT threshold: still below. 37 500 x 25.6 % = 9600 (800 / month);
    # 3125 - 800 = 2325; 37 500 - 9600 = 27 900
    ("bnc", "37500/an", "none", "none", None, "800 €", "2 325 €", "27 900 €", CEILING_BELOW, "below"),
    # Fiverr 90 000 x 20 % = 18 000 (1500 / month); 90 000 x 25.6 % = 23 040 (1920 / month);
    # 7500 - 1500 - 1920 = 4080; 90 000 - 18 000 - 23 040 = 48 960; over 83 600 and over 41 250
    ("bnc", "90000/an", "fiverr", "none", "1 500 €", "1 920 €", "4 080 €", "48 960 €", CEILING_ABOVE, "above"),
    # 2000 x 21.2 % = 424; 2000 - 424 = 1576; x 12 = 18 912
    ("bic_services", "2000/mois", "none", "none", None, "424 €", "1 576 €", "18 912 €", CEILING_BELOW, "below"),
    # ACRE from July: 21.2 x 75 % = 15.9 %: 3000 x 15.9 % = 477; Fiverr 600; 3000 - 600 - 477 = 1923; x 12 = 23 076;
    # 36 000 / year <= 37 500
    ("bic_services", "3000/mois", "fiverr", "from_july_2026", "600 €", "477 €", "1 923 €", "23 076 €",
     CEILING_BELOW, "below"),
    # 85 000 x 12 % = 10 200 (850 / month); 85 000 x 21.2 % = 18 020 (1501.67 / month); 85 000 / 12 = 7083.33;
    # 7083.33 - 850 - 1501.67 = 4731.66; 85 000 - 10 200 - 18 020 = 56 780; over 83 600
    ("bic_services", "85000/an", "malt", "none", "850 €", "1 501,67 €", "4 731,66 €", "56 780 €", CEILING_ABOVE,
     "above"),
    # 1500 x 12.3 % = 184.50; 1500 - 184.50 = 1315.50; x 12 = 15 786
    ("sales", "1500/mois", "none", "none", None, "184,50 €", "1 315,50 €", "15 786 €", CEILING_BELOW, "below"),
    # ACRE before July: 12.3 x 50 % = 6.15 %: 700 x 6.15 % = 43.05; 700 - 43.05 = 656.95; x 12 = 7883.40
    ("sales", "700/mois", "none", "before_july_2026", None, "43,05 €", "656,95 €", "7 883,40 €", CEILING_BELOW,
     "below"),
    # 85 000 < 88 000 <= 93 500: the sales tolerance. 88 000 x 12.3 % = 10 824 (902 / month);
    # 88 000 / 12 = 7333.33; 7333.33 - 902 = 6431.33; 88 000 - 10 824 = 77 176
    ("sales", "88000/an", "none", "none", None, "902 €", "6 431,33 €", "77 176 €", CEILING_BELOW, "tolerance"),
    # ACRE from July: 12.3 x 75 % = 9.225 %: 95 000 x 9.225 % = 8763.75 (730.31 / month);
    # 95 000 / 12 = 7916.67; 7916.67 - 730.31 = 7186.36; 95 000 - 8763.75 = 86 236.25; below 203 100, over 93 500
    ("sales", "95000/an", "none", "from_july_2026", None, "730,31 €", "7 186,36 €", "86 236,25 €", CEILING_BELOW,
     "above"),
    # Fiverr 210 000 x 20 % = 42 000 (3500 / month); 210 000 x 12.3 % = 25 830 (2152.50 / month);
    # 17 500 - 3500 - 2152.50 = 11 847.50; 210 000 - 42 000 - 25 830 = 142 170; over 203 100
    ("sales", "210000/an", "fiverr", "none", "3 500 €", "2 152,50 €", "11 847,50 €", "142 170 €", CEILING_ABOVE,
     "above"),
    # 2500 x 23.2 % = 580; 2500 - 580 = 1920; x 12 = 23 040
    ("cipav", "2500/mois", "none", "none", None, "580 €", "1 920 €", "23 040 €", CEILING_BELOW, "below"),
    # ACRE before July: 23.2 x 50 % = 11.6 %: 3500 x 11.6 % = 406; Malt 420; 3500 - 420 - 406 = 2674; x 12 = 32 088;
    # 42 000 / year > 41 250
    ("cipav", "3500/mois", "malt", "before_july_2026", "420 €", "406 €", "2 674 €", "32 088 €", CEILING_BELOW,
     "above"),
    # 84 000 > 83 600: over the services ceiling. 84 000 x 23.2 % = 19 488 (1624 / month);
    # 7000 - 1624 = 5376; 84 000 - 19 488 = 64 512
    ("cipav", "84000/an", "none", "none", None, "1 624 €", "5 376 €", "64 512 €", CEILING_ABOVE, "above"),
]  # fmt: skip


@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}-{r[1]}-{r[2]}-{r[3]}" for r in ROWS])
def test_the_simulation_shows_the_euros_worked_out_by_hand(knowledge, row):
    activity, turnover, platform, acre, commission, contributions, monthly, yearly, ceiling, vat = row
    inputs = Inputs(activity, Amount.from_slot(turnover), platform, acre)
    computation, checks = simulation_replies(knowledge, simulate(inputs, knowledge.store.rates), TODAY)
    if commission:
        assert f"({'12' if platform == 'malt' else '20'} %) : − {commission} par mois" in computation.text
    else:
        assert "Pas de commission de plateforme" in computation.text
    assert f") : − {contributions} par mois" in computation.text
    assert f"Reste avant impôt sur le revenu : {monthly} par mois, soit {yearly} par an." in computation.text
    assert ceiling in checks.text
    assert VAT[vat] in checks.text
    assert ("• ACRE :" in checks.text) == (acre != "none")
    assert "deux années de suite" in checks.text if ceiling == CEILING_ABOVE else True


def test_the_acre_saving_is_the_difference_with_the_normal_rate(knowledge):
    # 1800 x 25.6 % = 460.80 without ACRE, 230.40 with it: 230.40 less per month
    inputs = Inputs("bnc", Amount(Decimal(1800), "mois"), "none", "before_july_2026")
    _, checks = simulation_replies(knowledge, simulate(inputs, knowledge.store.rates), TODAY)
    assert "• ACRE : 230,40 € de cotisations en moins par mois pendant les 12 premiers mois" in checks.text


def test_each_message_is_short_and_the_last_one_has_buttons_and_sources(knowledge):
    for row in ROWS:
        inputs = Inputs(row[0], Amount.from_slot(row[1]), row[2], row[3])
        replies = simulation_replies(knowledge, simulate(inputs, knowledge.store.rates), TODAY)
        assert all(len(r.text) <= 700 for r in replies)
        assert replies[-1].buttons and replies[-1].facts
        assert "pas un conseil fiscal" in replies[-1].text


@pytest.mark.parametrize(
    ("activity", "turnover", "expected"),
    [
        ("sales", "210000/an", "au-dessus du plafond 2026-2028 de 203 100 €"),
        ("bnc", "1800/mois", "sous le plafond 2026-2028 de 83 600 €"),
    ],
)
def test_the_ceiling_line_names_the_years_the_ceiling_applies_to(knowledge, activity, turnover, expected):
    inputs = Inputs(activity, Amount.from_slot(turnover), "none", "none")
    _, checks = simulation_replies(knowledge, simulate(inputs, knowledge.store.rates), TODAY)
    assert expected in checks.text
