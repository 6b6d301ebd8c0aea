"""The rating a free-text feedback message expresses: a complaint, or a praise word under a negation.

A negation in front of a complaint is praise (« aucun souci », « pas de problème », « rien à redire »), so
negations are matched to what they negate instead of counting as complaints by themselves."""

from __future__ import annotations

import re
from typing import List, Set

from actions.knowledge.folding import fold

NEGATIONS = {"pas", "ne", "n", "rien", "aucun", "aucune", "sans", "jamais", "ni"}
COMPLAINTS = {"nul", "nulle", "nuls", "inutile", "inutiles", "mauvais", "mauvaise", "faux", "fausse", "bof"}
COMPLAINTS |= {"souci", "soucis", "probleme", "problemes", "redire", "mal", "incomprehensible", "flou", "confus"}
COMPLAINT_PHRASES = (" hors sujet ", " a cote de la plaque ", " a cote ")
PRAISES = {"utile", "utiles", "clair", "claire", "clairs", "compris", "comprends", "repond", "repondu", "aide"}
PRAISES |= {"aider", "aidee", "bien", "bon", "bonne", "precis", "precise", "interessant", "terrible", "top"}
PRAISES |= {"demandais", "demande", "cherchais", "explique"}
NEGATION_REACH = 2  # a negation in the two words before a complaint negates it (« pas de souci »)
PRAISE_REACH = 4  # « pas très utile », « pas ce que je demandais »


def _words(text: str) -> List[str]:
    return re.sub(r"[^a-z0-9]+", " ", fold(text.replace("’", "'"))).split()


def is_negative(text: str) -> bool:
    """True when the message says the answer did not help."""
    if "👎" in text:
        return True
    words = _words(text)
    if words[:1] == ["non"] or any(phrase in f" {' '.join(words)} " for phrase in COMPLAINT_PHRASES):
        return True
    negating_a_complaint: Set[int] = set()
    for index, word in enumerate(words):
        if word in COMPLAINTS:
            negations = [j for j in range(max(0, index - NEGATION_REACH), index) if words[j] in NEGATIONS]
            if not negations:
                return True
            negating_a_complaint.update(negations)
    for index, word in enumerate(words):
        if word in PRAISES:
            around = [*range(max(0, index - PRAISE_REACH), index), index + 1]  # « ça répond pas »: after it
            if any(j < len(words) and words[j] in NEGATIONS and j not in negating_a_complaint for j in around):
                return True
    return False
