"""« Appen, c'est fiable ? »: a real platform is said to be one, an unknown one unknown, and the rule that holds."""

from __future__ import annotations

import re
from typing import Dict, List, Sequence

from actions.buttons import button
from actions.knowledge.folding import fold
from actions.knowledge.queries import Knowledge
from actions.rendering import platform_heading, render_fact, safe_name
from actions.replies import Reply

TRUST_QUESTION = re.compile(r"fiable|arnaqu|arnak|serieu|legit|bidon|escroc|vraie plateforme|confiance|fake|louche")
MAX_CHARS = 700
CHECK_AN_OFFER = "Si l'on vous a contacté avec une offre, collez-moi son texte : je vérifie les signes d'alerte."


def asks_trust(text: str) -> bool:
    """Whether a typed message asks if a platform can be trusted."""
    return not text.startswith("/") and bool(TRUST_QUESTION.search(fold(text)))


def platform_warning(knowledge: Knowledge, platform_ids: Sequence[str]) -> List[str]:
    platforms = [p for p in (knowledge.find_platform(pid) for pid in platform_ids) if p]
    return [
        f"{p.name} est une vraie plateforme, mais son nom ne garantit rien : inscrivez-vous seulement sur {p.website}."
        for p in platforms[:1]
    ]


def platform_trust_reply(knowledge: Knowledge, name: str, advice: Dict[str, str]) -> Reply:
    """Whether the platform named is a real one (its official site, and that its name can be borrowed), or unknown;
    then never to pay, and the offer check. `advice` is the button to what to do about a suspicious offer."""
    guide = knowledge.store.scams
    platform = knowledge.find_platform(name)
    never_pay = guide.advice[0]
    if platform is None:
        return Reply(
            f"Je ne connais pas « {safe_name(name)} » : je ne peux pas vous dire si c'est fiable, et je préfère ne "
            f"rien inventer.\n{render_fact(never_pay)}\n{CHECK_AN_OFFER}",
            [button("Les vraies plateformes", "ask_platforms"), advice],
            [never_pay],
            "offer_check",
        )
    borrowed = next(s for s in guide.signs if s.id == "no_company").facts[0]
    what = platform.tasks[0]  # « c'est quoi Zorglub ? c'est fiable ? » asks both
    facts = [what, borrowed, never_pay]
    lines = [platform_heading(platform), render_fact(what), *platform_warning(knowledge, [platform.id])]
    text = "\n".join([*lines, render_fact(borrowed), render_fact(never_pay), CHECK_AN_OFFER])
    if len(text) > MAX_CHARS:  # a long description: the borrowed names, said in the offer check, give way
        facts.remove(borrowed)
        text = "\n".join([*lines, render_fact(never_pay), CHECK_AN_OFFER])
    return Reply(
        text,
        [button(f"Détails {platform.name}", "ask_platform_info", platform=platform.id), advice],
        facts,
        "offer_check",
        slots={"platform": platform.id},
    )
