"""Reads what a French message asks for beyond its intent: platform aspect, filters."""

from __future__ import annotations

import re
from typing import List, Optional

from actions.knowledge.folding import fold

ASPECT_PATTERNS = {
    "fees": r"commission|(prend|prendre|preleve)\w* (sa|une|leur|la) comm?\b|quelle comm?\b|frais|pourcentage"
    r"|prend combien|tarif|cout|coute|gratuit|abonnement|fee",
    "payment": r"pai|paye|virement|paypal|payoneer|retrait|retirer|versement|verse|minimum|thune|argent",
    "availability": r"france|francais|fr\b|dispo|accessible|acces|pays|langue|inscri",
}
FILTER_PATTERNS = {
    "french": r"francais|francophone|\bfr\b|french|en vf",
    "no_commission": r"sans (commission|frais)|pas de (commission|frais)|0 ?%|zero commission|gratuit",
    "france": r"(en|depuis la|dispo en|de) france",
}


def platform_aspect(text: str) -> Optional[str]:
    """Which side of a platform the user asks about: fees, payment, availability, or None (overview)."""
    folded = fold(text)
    for aspect, pattern in ASPECT_PATTERNS.items():
        if re.search(pattern, folded):
            return aspect
    return None


def platform_filters(text: str, entity_values: List[str]) -> List[str]:
    """Filters asked for, from the NLU entities and, as a safety net, from the words themselves."""
    folded = fold(text)
    found = [v for v in entity_values if v in FILTER_PATTERNS]
    found += [f for f, pattern in FILTER_PATTERNS.items() if f not in found and re.search(pattern, folded)]
    return found
