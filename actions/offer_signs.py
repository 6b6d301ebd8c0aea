"""Which task-scam warning signs a described or pasted offer shows, judged against the store's signs and rates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

from actions.knowledge.folding import fold
from actions.knowledge.model import PayCeiling, ScamGuide, ScamSign

STRONG, CAUTION, NONE = "strong", "caution", "none"
NEGATIONS = {"sans", "aucun", "aucune", "aucuns", "aucunes", "jamais", "ni", "zero"}
SIGNS_FOR_STRONG = 3  # this many signs together are a strong sign even when each one is moderate
MIN_OFFER_WORDS = 6  # shorter messages without any sign describe no offer (« c'est une arnaque ? »)
OFFER_WORDS = {"mission", "missions", "tache", "taches", "offre", "recrute", "recrutons", "job", "travail", "emploi"}
OFFER_WORDS |= {"gagner", "gagnez", "paye", "payee", "paie", "remuneration", "remunere", "remuneree", "salaire"}

_AMOUNT = re.compile(
    r"(?P<pre>[€$£])?\s*(?P<number>\d{1,3}(?:[ .]\d{3})+|\d+)(?:[.,](?P<cents>\d{1,2}))?\s*"
    r"(?P<post>€|\$|£|euros?\b|eur\b|e\b|dollars?\b|livres?\b|usdt\b|usd\b)?"
    r"\s*(?:/|par|de l'|de l |a l'|l'|chaque|pour chaque|pour un|pour une|la|le)?\s*"
    r"(?P<unit>heure|h\b|jour|journee|j\b|semaine|sem\b|mois|like|video|avis|tache|note|commande|captcha|clic|post)?"
)
# a sum asked as fees (« 30 € de frais pour… »), not fees a bank or a real platform's service charges
_FEES_ASKED = re.compile(
    r"\d\s*(?:€|\$|euros?\b|eur\b|usdt\b|dollars?\b)\s*(?:de\s+)?frais\b"
    r"(?!\s+(?:bancaires?|de service|de transaction|de change))"
)
_DAYS_PER_UNIT = {"jour": 1, "journee": 1, "j": 1, "semaine": 5, "sem": 5, "mois": 20}  # working days in a unit
_PER_TASK = {"like", "video", "avis", "tache", "note", "commande", "captcha", "clic", "post"}
_WEBSITE = re.compile(r"\b[a-z0-9-]+\.(?:fr|com|io|ai|net|org|co|eu)\b")
_EMAIL = re.compile(r"[a-z0-9._%+-]+\s*@\s*[a-z0-9.-]+")
_COMPANY = re.compile(r"\b(?:siret|siren|sas|sasu|sarl|eurl|\d{9}|\d{14})\b")


@dataclass(frozen=True)
class OfferCheck:
    """What one message shows: the signs seen, a verdict, and whether it describes an offer at all."""

    signs: Tuple[ScamSign, ...]
    verdict: str
    describes_offer: bool
    pay_too_high: bool  # the promised amount itself is above the real rates (not only a phrase)


def _words(text: str) -> List[str]:
    return re.sub(r"[^a-z0-9+]+", " ", fold(text)).split()


def _spaced(words: Sequence[str]) -> str:
    """The words joined with a space before and after each, so a cue is found as whole words."""
    return " " + " ".join(words) + " "


def _cue_seen(spaced: str, cue: str) -> bool:
    """The cue as whole words, not right after a negation (« sans frais », « pas de dépôt »)."""
    needle = _spaced(_words(cue))
    position = spaced.find(needle)
    while position != -1:
        before = spaced[max(0, position - 40) : position].split()[-2:]
        if not (NEGATIONS & set(before) or before in (["pas", "de"], ["pas", "d"])):
            return True
        position = spaced.find(needle, position + 1)
    return False


def _any_cue(spaced: str, cues: Iterable[str]) -> bool:
    return any(_cue_seen(spaced, cue) for cue in cues)


def _amounts(text: str) -> List[Tuple[float, Optional[str]]]:
    """(amount, unit) for each sum of money named with a currency; the unit is None when no rate is given."""
    found = []
    for match in _AMOUNT.finditer(fold(text)):
        if not (match.group("pre") or match.group("post")):
            continue
        value = float(re.sub(r"[ .]", "", match.group("number")) + "." + (match.group("cents") or "0"))
        found.append((value, match.group("unit")))
    return found


def pay_too_high(text: str, ceiling: PayCeiling) -> bool:
    """A promised rate above what real platforms pay: per hour above the top rate for any work; per task, day,
    week or month for simple tasks (likes, reviews, videos) above the typical microwork rate."""
    words = _spaced(_words(text))
    if _any_cue(words, ceiling.freelance_cues):
        return False  # freelance work is paid by the day or project: microwork rates do not apply
    simple = _any_cue(words, ceiling.simple_task_cues)
    for amount, unit in _amounts(text):
        if unit in ("heure", "h") and amount > ceiling.top_per_hour:
            return True
        if not simple or unit is None:
            continue
        if unit in _PER_TASK and amount >= ceiling.per_simple_task:
            return True
        days = _DAYS_PER_UNIT.get(unit)
        if days and (
            amount / days >= ceiling.simple_task_per_day_floor
            or amount / (days * ceiling.workday_hours) > ceiling.typical_per_hour
        ):
            return True
    return False


def _identifies_company(text: str, platforms_named: Sequence[str]) -> bool:
    # an e-mail address, at a free mail service or not, is no company's site: anyone can open one
    folded = _EMAIL.sub(" ", fold(text))
    return bool(platforms_named or _WEBSITE.search(folded) or _COMPANY.search(folded))


def check_offer(text: str, guide: ScamGuide, platforms_named: Sequence[str] = ()) -> OfferCheck:
    """The warning signs of `guide` this message shows, in the store's order, and the verdict they give."""
    words = _words(text)
    spaced = _spaced(words)
    too_high = pay_too_high(text, guide.pay_ceiling)
    seen = [
        sign
        for sign in guide.signs
        if sign.id != "no_company"
        and (
            _any_cue(spaced, sign.cues)
            or (sign.id == "unrealistic_pay" and too_high)
            or (sign.id == "pay_to_work" and _FEES_ASKED.search(fold(text)))
        )
    ]
    describes_offer = bool(seen) or len(words) >= MIN_OFFER_WORDS and bool(OFFER_WORDS & set(words) or _amounts(text))
    if describes_offer and not _identifies_company(text, platforms_named):
        seen += [sign for sign in guide.signs if sign.id == "no_company"]
    if any(s.strength == "strong" for s in seen) or len(seen) >= SIGNS_FOR_STRONG:
        verdict = STRONG
    else:
        verdict = CAUTION if seen else NONE
    return OfferCheck(tuple(seen), verdict, describes_offer, too_high)
