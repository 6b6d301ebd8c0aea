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
