"""Two platforms side by side: kind, fees for the worker, payment, access from France, language, audience."""

from __future__ import annotations

from typing import List, Optional, Tuple

from actions.buttons import button
from actions.knowledge.model import Platform
from actions.knowledge.queries import Knowledge
from actions.rendering import BARRIER_WORDS, render_fact
from actions.replies import Reply

KIND_WORDS = {"microwork": "micro-travail", "freelancing": "freelance"}
ACCESS_WORDS = {"yes": "oui", "no": "non", "varies": "selon les cas", "unknown": "non confirmé"}
AUDIENCE_WORDS = {"microwork": "tâches simples, sans qualification", "freelancing": "indépendants avec une compétence"}
LANGUAGE_WORDS = {True: "en français", False: "pas de version française", None: "non confirmée"}
COMMISSION_WORDS = {
    "none": "aucune commission sur vos gains",
    "some": "une commission sur vos gains",
    "unknown": "commission non confirmée",
}
MAX_BUTTONS = 4  # a details button for each platform, then payment buttons while there is room
MAX_LENGTH = 700  # beyond it, the store's fee sentences give way to the short commission words


def _rows(platform: Platform, detailed: bool, with_origin: bool = True) -> List[str]:
    fees = render_fact(platform.fees[0]) if detailed and platform.fees else COMMISSION_WORDS[platform.worker_commission]
    origin = f", {platform.origin}" if with_origin else ""
    return [
        f"Type : {KIND_WORDS[platform.kind]}{origin}",
        f"Frais pour vous : {fees}",
        f"Accès depuis la France : {ACCESS_WORDS[platform.available_in_france]}",
        f"Langue : {LANGUAGE_WORDS[platform.french_speaking]}",
        f"Public : {AUDIENCE_WORDS[platform.kind]}, barrière d'entrée {BARRIER_WORDS[platform.entry_barrier]}",
    ]


def platform_comparison_text(platforms: List[Platform], detailed: bool, with_origin: bool = True) -> str:
    names = " ou ".join(p.name for p in platforms)
    blocks = [f"{p.name}\n" + "\n".join(f"• {row}" for row in _rows(p, detailed, with_origin)) for p in platforms]
    return f"{names}, côte à côte :\n\n" + "\n\n".join(blocks)


def platform_comparison_reply(knowledge: Knowledge, platforms: List[Platform]) -> Reply:
    """The two (or three) platforms criterion by criterion; the detail stays one button away when long."""
    payment_titles = [f"Paiement {p.name}" for p in platforms[: MAX_BUTTONS - len(platforms)]]
    note = "\n\nModes de paiement : " + " et ".join(f"« {title} »" for title in payment_titles) + "."
    room = MAX_LENGTH - len(note)
    text = platform_comparison_text(platforms, detailed=True)
    if len(text) > room:
        text = platform_comparison_text(platforms, detailed=False)
    if len(text) > room:  # the origin (« Yandex, site exploité par … ») stays behind the details button
        text = platform_comparison_text(platforms, detailed=False, with_origin=False)
    text += note if len(text) <= room else ""  # three platforms may leave no room: the buttons stay
    facts = [f for p in platforms for f in p.fees[:1] + p.payment[:1] + p.availability[:1]]  # behind each row
    buttons = [button(f"Détails {p.name}", "ask_platform_info", platform=p.id) for p in platforms]
    buttons += [
        button(title, "ask_platform_info", platform=p.id, aspect="payment")
        for title, p in zip(payment_titles, platforms)
    ]
    return Reply(text, buttons, facts, "platform_comparison")


def compared_platforms(knowledge: Knowledge, names: List[str]) -> Tuple[List[Platform], Optional[str]]:
    """The known platforms among the names (three at most, no repeats) and the first name the store lacks."""
    known: List[Platform] = []
    unknown: Optional[str] = None
    for name in names:
        platform = knowledge.find_platform(name)
        if platform is None:
            unknown = unknown or name
        elif platform not in known:
            known.append(platform)
    return known[:3], unknown


def which_platforms_reply() -> Reply:
    return Reply(
        "Quelles plateformes voulez-vous comparer ? Par exemple : « Malt ou Codeur.com ? »",
        [button("Toutes les plateformes", "ask_platforms"), button("Aidez-moi à choisir", "help_me_choose")],
        topic="platform_comparison",
    )
