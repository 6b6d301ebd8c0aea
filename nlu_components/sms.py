"""SMS spellings of French words (« cmt », « koi », « fo ») written out, for the intent classifier's features."""

from __future__ import annotations

import re

# Folded forms (no accents), as the classifier's normalise() leaves the text. « c » (c'est), « stp » and « svp »
# are left out: written out, they made development sentences worse.
SMS_WORDS = {
    "koi": "quoi",
    "kwa": "quoi",
    "cmt": "comment",
    "coment": "comment",
    "komen": "comment",
    "fo": "faut",
    "fau": "faut",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "cb": "combien",
    "cmb": "combien",
    "cbien": "combien",
    "bcp": "beaucoup",
    "pr": "pour",
    "ds": "dans",
    "tt": "tout",
    "ya": "il y a",
    "jsuis": "je suis",
    "chui": "je suis",
    "jpeux": "je peux",
    "jveux": "je veux",
    "jsais": "je sais",
    "jsp": "je sais pas",
    "chepa": "je sais pas",
    "sa": "ca",
    "ke": "que",
    "qd": "quand",
    "mm": "meme",
    "vs": "versus",
    "tjr": "toujours",
    "tjrs": "toujours",
    "dc": "donc",
    "pcq": "parce que",
    "slt": "salut",
    "mrc": "merci",
}
SMS_WORD = re.compile(r"\b(" + "|".join(sorted(SMS_WORDS, key=len, reverse=True)) + r")\b")


def written_out(text: str) -> str:
    """The folded text with its SMS spellings replaced by the words they stand for."""
    return SMS_WORD.sub(lambda match: SMS_WORDS[match.group(1)], text)
