"""Places a free French answer to a simulation question (activity, platform, ACRE) on one of its values."""

from __future__ import annotations

import re
from typing import Iterable, Optional, Tuple

from actions.knowledge.folding import fold

# the Cipav's professions, as the law lists them (knowledge/legal.yml states the list; a test checks they agree)
CIPAV_PROFESSIONS = (
    "architecte", "économiste de la construction", "maître d’œuvre", "géomètre", "ingénieur conseil",
    "moniteur de ski", "guide de haute montagne", "accompagnateur de moyenne montagne", "ostéopathe", "psychologue",
    "psychothérapeute", "ergothérapeute", "diététicien", "chiropracteur", "psychomotricien", "expert en automobile",
    "guide-conférencier",
)  # fmt: skip
# conventioned health professions, outside the micro-entreprise (knowledge/legal.yml says so, with its sources)
HEALTH_PROFESSIONS = (
    "infirmier", "kinésithérapeute", "orthophoniste", "orthoptiste", "pédicure", "podologue", "médecin",
    "dentiste", "pharmacien",
)  # fmt: skip
HEALTH_SPELLINGS = r"\bkine\b|\bkines\b"  # the short forms people write
CRAFTS = (
    r"plombi|electricien|menuisi|macon|carreleu|peintre en batiment|serruri|couvreu|chauffagiste|coiffeu"
    r"|estheticien"
)


def _any_of(words: Iterable[str]) -> str:
    """A pattern for the words, folded, at a word's start (so feminine and plural endings match too); a space
    or a hyphen inside a word matches either, and « œ » matches « oe » as people type it."""
    return "|".join(r"\b" + re.sub(r"[ -]", "[ -]", fold(word)).replace("œ", "(?:œ|oe)") for word in words)


# (value, pattern) in order; a value is found when exactly one value matches (as in actions/answer_parsing.py)
PATTERNS = {
    "sim_activity": [
        ("bnc", r"non reglementee?s?|\bbnc\b|\bssi\b"),
        (  # « psychologue en libéral » is the Cipav's, not the BNC services' « libéral »
            "cipav",
            r"cipav|(profession|activite) liberale reglementee|reglementee?s?"
            rf"|(?:{_any_of(CIPAV_PROFESSIONS)})\w*(?: (?:en |a titre )?liberale?s?)?",
        ),
        ("sales", r"vente|marchandises?|\bvend|revend|e-?commerce|boutique|achat-?revente"),
        ("bic_services", r"\bbic\b|commercia|artisan|bricolage|livraison|\bvtc\b|menage|reparation|" + CRAFTS),
        (
            "bnc",
            r"liberale?|prestations? de services?|freelance|consultant|conseil|developpe|informati|graphis"
            r"|design|redact|traduct|micro-?(travail|taches)|formation|coaching|\bservices?\b",
        ),
    ],
    "sim_acre": [
        ("none", r"pas (d'|de l'|droit a l')?acre|sans (l')?acre|pas eligible|non eligible|\bnon\b|aucune"),
        (
            "before_july_2026",
            r"avant (le )?(1er )?juillet|(janvier|fevrier|mars|avril|mai|juin) 2026|debut 2026|en 2025"
            r"|premier semestre|depuis (janvier|fevrier|mars|avril|mai|juin)",
        ),
        (
            "from_july_2026",
            r"(apres|a partir|depuis) (le )?(1er )?juillet|(juillet|aout|septembre|octobre|novembre|decembre) 2026"
            r"|pas encore (cree|creee|immatricule)|je vais (creer|me lancer|m'immatriculer)|bientot|en 2027"
            r"|second semestre|deuxieme semestre",
        ),
    ],
}
NO_PLATFORM = r"sans plateforme|pas de plateforme|aucune plateforme|en direct|moi-meme|mes propres clients|\bnon\b"


def _one_value(patterns: Iterable[Tuple[str, str]], text: str) -> Optional[str]:
    remaining, found = fold(text), []
    for value, pattern in patterns:
        remaining, count = re.subn(pattern, " ", remaining)
        if count and value not in found:
            found.append(value)
    return found[0] if len(found) == 1 else None


def names_acre(text: str) -> bool:
    """Whether the text speaks of ACRE (the exemption), not only of a date."""
    return re.search(r"\bacc?re\b", fold(text)) is not None


def names_health_profession(text: str) -> bool:
    return re.search(_any_of(HEALTH_PROFESSIONS) + "|" + HEALTH_SPELLINGS, fold(text)) is not None


def parse_choice(slot: str, text: str) -> Optional[str]:
    """The value the answer gives; none for a health profession, whose « libéral » is not the BNC services'."""
    if slot == "sim_activity" and names_health_profession(text):
        return None
    return _one_value(PATTERNS[slot], text)


def parse_platform(text: str, platforms: Iterable[Tuple[str, Tuple[str, ...]]]) -> Optional[str]:
    """The platform named among (id, spellings), « none » for « sans plateforme », or None."""
    patterns = [(pid, "|".join(rf"\b{re.escape(fold(s))}\b" for s in spellings)) for pid, spellings in platforms]
    return _one_value(patterns + [("none", NO_PLATFORM)], text)
