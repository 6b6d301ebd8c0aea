"""Two platforms side by side read as French: no capital after a semicolon, a language said plainly, and the
payment note naming the buttons it points to."""

import itertools
import re

from actions.knowledge.queries import Knowledge
from actions.platforms import platforms_side_by_side


def test_every_pair_reads_as_french_and_names_its_payment_buttons():
    knowledge = Knowledge()
    ids = sorted(knowledge.store.platforms)
    for a, b in itertools.combinations(ids, 2):
        reply = platforms_side_by_side(knowledge, [a, b], None)
        assert not re.search(r" ; [A-ZÉ]", reply.text), (a, b)
        assert "pas de français" not in reply.text and "Langue : " in reply.text
        payment_buttons = [t for t in (button["title"] for button in reply.buttons) if t.startswith("Paiement ")]
        assert len(payment_buttons) == 2 and all(f"« {title} »" in reply.text for title in payment_buttons), (a, b)


def test_the_language_row_says_only_what_the_store_holds():
    """« pas de version française » only where a fact says the interface is in English; the store says Fiverr's
    interface language is not confirmed, so the side by side says so too."""
    knowledge = Knowledge()
    reply = platforms_side_by_side(knowledge, ["fiverr", "comeup"], None)
    fiverr = reply.text.split("\n\nComeUp")[0]
    assert "Langue : non confirmée" in fiverr and "pas de version française" not in fiverr
    upwork = platforms_side_by_side(knowledge, ["upwork", "malt"], None).text
    assert "Langue : pas de version française" in upwork.split("\n\nMalt")[0]


def test_a_platform_said_not_french_has_a_fact_saying_so(store):
    """french_speaking: false is a claim, shown as « pas de version française »: a sourced fact must make it."""
    for platform in store.platforms.values():
        if platform.french_speaking is False:
            facts = [f.text for part in (platform.availability, platform.notes, platform.tasks) for f in part]
            assert any("en anglais" in text for text in facts), platform.id
