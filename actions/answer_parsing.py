"""Places a free French answer to a guided-choice question on one of its values, or refuses to."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from actions.knowledge.folding import fold

# (value, pattern) in order: negated phrasings come first and consume their words, so
# "pas d'horaires fixes" is read as flexible and never as structured.
PATTERNS: Dict[str, List[Tuple[str, str]]] = {
    "schedule": [
        (
            "flexible",
            r"pas (d'|de |des )?horaires? (fixes?|reguliers?)|pas (a|de) temps plein|pas toute la journee"
            r"|pas (de |d'un )?(vrai|veritable) emploi du temps|(pas|aucun) (de )?cadre fixe"
            r"|pas (de )?(longues|grosses|vraies) (journees|sessions)"
            r"|pas bloquer( (des|mes) journees( entieres| completes)?)?",
        ),
        ("structured", r"pas (de |des )?petits? creneaux|pas (quand je veux|n'importe quand)"),
        (
            "flexible",
            r"quand je (veux|peux|le souhaite|ai le temps)|qu?a?n?d j'?ai le temps|qd je (veux|peux)"
            r"|flexib|irregul|creneaux?|le soir|les soirs|soirees?|week-?ends?|temps libre"
            r"|moments? libres?|a mon rythme|quelques heures|de temps en temps|n'importe quand"
            r"|entre (deux|2) cours|horaires? (libres?|variables?|souples?)|pas d'horaires?|sans horaires?"
            r"|\bflex\b|quand ca me chante|petites? sessions?|une heure par ?ci"
            # short snatches of time: a few minutes, an hour or two, a break, a journey
            r"|\b\d+ ?(min|mn|minutes?)\b|\b(une?|1|2|deux) ?(h|heures?)\b( max| maximum)? (par|le|les)"
            # a few hours a week (« 5 heures par semaine », « 3h par semaine max »), not a working week
            r"|\b([1-9]|10|trois|quatre|cinq|six|sept|huit|neuf|dix) ?(h|heures?)\b( max| maximum| environ)?"
            r" (par|la|les|a la|chaque) semaine"
            r"|par ci,? par la|pause (dej|dejeuner|de midi|midi)|entre midi et (deux|2)|petits? moments?"
            r"|dans (le bus|le train|le metro|les transports)|quand (les|mes) (enfants|gosses|petits)"
            r"|temps morts?|un peu (le|les|chaque|par)"
            # bits of time here and there: lulls, breaks, waiting rooms, naps, now and then
            r"|petits? bouts?|par (petits? )?bouts|(par|au) coup par coup|par[- ]ci|en pointilles|ca va ca vient"
            r"|creux|(mes|les|des|pendant la|a la) pauses?|salles? d'attente|siestes?|(un|des) moments? (de )?libres?"
            r"|quand j'ai (un|le|du) (moment|temps|creux|instant)|a l'occasion|au feeling",
        ),
        (
            "structured",
            r"horaires? (fixes?|reguliers?|de bureau)|regulier|temps plein|plein temps|full ?time"
            r"|journees? (completes?|entieres?|pleines?)|toute la journee|tous les jours|35 ?h"
            r"|du lundi au vendredi|emploi du temps fixe|structure|routine|9h|8h"
            r"|(un )?(vrai|veritable) emploi du temps|(vraies|grosses|longues) (journees|sessions)|heures de bureau"
            r"|bloquer? (mes|des) journees|cadre fixe",
        ),
    ],
    "skills": [
        (
            "basic",
            r"(pas|aucune?|sans|ni) (de |d'|vraiment de |trop de |la moindre )?"
            r"(diplomes?|competences?|qualifications?|formations?|experiences?|specialites?|talents?|expertise)"
            r"|pas (d'|de |un |une )?expert|pas qualifie|non qualifie|rien de (special|particulier)",
        ),
        ("specialized", r"pas (que |seulement )?(des )?taches simples|pas debutant"),
        (
            "basic",
            r"taches simples|debutante?|novice|basique|de base|pas grand[- ]chose|je sais rien faire"
            r"|je ne sais rien faire|aucun talent|juste le bac|sans bagage",
        ),
        (
            "specialized",
            r"master|licence|\bbts\b|\bdut\b|\bbut\b|diplome|doctorat|ingenieur|developpeu|\bdev\b"
            r"|coder|\bcode\b|programm|design|graphis|montage|video|redact|traduct|\bseo\b|marketing"
            r"|comptab|juris|avocat|photograph|expert|specialis|competences? (en|techniques?|pointues?)"
            r"|mon metier|un metier|experience (en|dans|de)|formation (en|de|d')|qualifie|architecte"
            r"|consultant|community manager|web ?master|informatici|data|illustrat|copywrit|freelance en",
        ),
    ],
    "income": [
        ("supplement", r"pas (pour )?(en )?vivre|pas (un )?(vrai )?salaire|pas mon revenu principal"),
        ("main", r"pas (juste |seulement |qu'?un )?(un )?(petit )?complement|pas (juste )?(de l')?argent de poche"),
        (
            "supplement",
            r"complement|arrondir|fins? de mois|argent de poche|petit (revenu|bonus|plus|extra|billet)"
            r"|un peu d'argent|quelques (euros|centaines|billets|sous)|\bextra\b|bonus|d'appoint"
            r"|en plus de|a cote|accessoire|mettre du beurre|un petit peu",
        ),
        (
            "main",
            r"en vivre|vivre de|vrai salaire|un salaire|revenu principal|activite principale|gagner ma vie"
            r"|remplacer (mon|un) (cdi|travail|job|salaire|emploi|boulot)|payer (mon|le|les) loyers?"
            r"|independance financiere|revenu stable|subvenir|temps plein|plein temps|mon seul revenu|full ?time",
        ),
    ],
    "career": [
        ("short_term", r"pas (une |de )?carriere|pas (sur le |a )?long terme|pas pour toujours"),
        ("long_term", r"pas (juste |seulement )?(temporaire|provisoire|en attendant)"),
        (
            "short_term",
            r"temporaire|provisoire|(pendant|durant) (mes|les) etudes|etudiante?|en attendant"
            r"|quelques (mois|semaines)|court terme|pour l'instant|pour le moment|pas longtemps"
            r"|job d'ete|l'ete|vacances|transition|un temps|dans l'immediat|le temps de",
        ),
        (
            "long_term",
            r"long terme|carriere|durable|durablement|clientele|reputation|construire|m'installer"
            r"|perenne|mon metier|developper mon activite|plusieurs annees|definitif|toute ma vie"
            r"|me lancer|a vie|sur la duree",
        ),
    ],
    "autonomy": [
        (
            "high",
            r"pas (envie |besoin )?(qu'on|que l'on) me (donne|dise|fournisse)( des taches)?( toutes faites| pretes)?"
            r"|pas de taches (toutes faites|pretes)",
        ),
        (
            "low",
            r"pas (trop |tres |vraiment )?autonome"
            r"|pas (envie de |de )?(demarcher|negocier|prospecter|chercher des clients)"
            r"|sans (demarcher|negocier|prospecter|chercher (de|des) clients)|pas (le temps de )?gerer"
            r"|pas (de |envie de (faire )?(de )?la )?(prospection|negociation|nego|demarchage)"
            r"|(nego|negociation|prospection|demarchage),? (ce n'?est|c'?est|c est|ca n'?est) pas (mon truc|pour moi)"
            r"|pas le temps de (negocier|demarcher|prospecter|chercher)",
        ),
        (
            "low",
            r"qu'on me (donne|dise|fournisse|confie)|que l'on me (donne|dise|fournisse)|taches (toutes )?pretes"
            r"|toutes? faites?|cle en main|consignes|executer|encadre|qu'on m'explique|on me dit quoi faire"
            r"|juste (faire|executer)|me laisser guider"
            r"|qu'on me (file|passe|refile|envoie|propose)|deja pretes?|(trucs|missions|taches) (deja )?pret"
            r"|pretes? a faire",
        ),
        (
            "high",
            r"(trouver|chercher|decrocher|gerer) (mes|des|moi-meme mes|mes propres|moi-meme) (propres )?"
            r"(clients|missions|projets|contrats)|moi[- ]?meme|tout seul|toute seule|par mes propres moyens"
            r"|demarcher|negocier|prospecter|gerer (moi-meme|mon|ma|mes|tout)"
            r"|autonome|independan|mon propre patron|mon (propre )?boss|etre (mon|ma) (propre )?patron|liberte"
            r"|fixer mes (prix|tarifs)|choisir mes (clients|projets|missions)|entrepreneu|gerer tout"
            r"|aime (la )?(prospection|negociation)|decider (avec qui|de qui|pour qui|de mes)"
            r"|choisir (avec qui|pour qui)"
            r"|ma propre (boite|affaire)|mes (propres )?clients a moi|ne crains pas la"
            r"|(prospection|negociation|nego|demarchage),? ca (ne )?me fait pas peur"
            r"|pas peur (de|du) (la )?(prospection|negociation|demarchage|demarcher|prospecter|negocier)",
        ),
    ],
}

DONT_KNOW = r"je (ne )?sais pas|j'?sais pas|\bjsp\b|aucune idee|peu importe|je m'en fiche|bof|sais pas trop|indecis"
CORRECTION = (
    r"en fait|finalement|je me suis trompe|je corrige|correction|je voulais dire|changer (ma|mon) reponse"
    r"|je reviens sur|au final|plutot que"
)


def parse_answer(slot: str, text: str) -> Optional[str]:
    """The value of `slot` that the text states, or None when it states none or both."""
    remaining = fold(text)
    found = []
    for value, pattern in PATTERNS[slot]:
        remaining, count = re.subn(pattern, " ", remaining)
        if count and value not in found:
            found.append(value)
    return found[0] if len(found) == 1 else None


def parse_all(text: str) -> Dict[str, str]:
    """Every question the text answers, e.g. {"skills": "specialized"}."""
    answers = {slot: parse_answer(slot, text) for slot in PATTERNS}
    return {slot: value for slot, value in answers.items() if value}


def says_dont_know(text: str) -> bool:
    return bool(re.search(DONT_KNOW, fold(text)))


def is_correction(text: str) -> bool:
    return bool(re.search(CORRECTION, fold(text)))
