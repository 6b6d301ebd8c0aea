"""Answers « est-ce une arnaque ? »: for a described or pasted offer, the signs seen, a verdict and what to do; for
a platform named alone (« Appen, c'est fiable ? »), whether it is a real one."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.context import latest_entities, requested_page
from actions.french import capitalise
from actions.knowledge.folding import fold
from actions.knowledge.model import Fact
from actions.knowledge.queries import Knowledge
from actions.offer_signs import CAUTION, STRONG, check_offer
from actions.paging import page_of
from actions.rendering import ANSWER_LIMIT, bullets, platform_heading, render_fact, safe_name
from actions.replies import Reply

VERDICTS = {
    STRONG: "⚠️ Cette offre présente de forts signes d'arnaque.",
    CAUTION: "Cette offre présente un signe d'alerte : soyez prudent.",
}
NO_SIGN = "Je ne vois pas de signe évident d'arnaque dans ce message, mais restez prudent."
ADVICE_PAGE = 3
ADVICE_INTENT = "check_offer"  # the advice pages are asked with a page number and no offer text


def advice_button(page: int = 2) -> Dict[str, str]:
    return button("Que faire et où signaler ?" if page == 2 else "Où signaler ?", ADVICE_INTENT, page=str(page))


TRUST_QUESTION = re.compile(r"fiable|arnaqu|arnak|serieu|legit|bidon|escroc|vraie plateforme|confiance|fake|louche")
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


def platform_trust_reply(knowledge: Knowledge, name: str) -> Reply:
    """Whether the platform named is a real one (its official site, and that its name can be borrowed), or unknown;
    then never to pay, and the offer check."""
    guide = knowledge.store.scams
    platform = knowledge.find_platform(name)
    never_pay = guide.advice[0]
    if platform is None:
        return Reply(
            f"Je ne connais pas « {safe_name(name)} » : je ne peux pas vous dire si c'est fiable, et je préfère ne "
            f"rien inventer.\n{render_fact(never_pay)}\n{CHECK_AN_OFFER}",
            [button("Les vraies plateformes", "ask_platforms"), advice_button()],
            [never_pay],
            "offer_check",
        )
    borrowed = next(s for s in guide.signs if s.id == "no_company").facts[0]
    what = platform.tasks[0]  # « c'est quoi Zorglub ? c'est fiable ? » asks both
    facts = [what, borrowed, never_pay]
    lines = [platform_heading(platform), render_fact(what), *platform_warning(knowledge, [platform.id])]
    text = "\n".join([*lines, render_fact(borrowed), render_fact(never_pay), CHECK_AN_OFFER])
    if len(text) > ANSWER_LIMIT:  # a long description: the borrowed names, said in the offer check, give way
        facts.remove(borrowed)
        text = "\n".join([*lines, render_fact(never_pay), CHECK_AN_OFFER])
    return Reply(
        text,
        [button(f"Détails {platform.name}", "ask_platform_info", platform=platform.id), advice_button()],
        facts,
        "offer_check",
        slots={"platform": platform.id},
    )


def advice_reply(knowledge: Knowledge, page: int = 2):
    """What to do about a suspicious offer, a page at a time (page 1 is the check itself, so pages start at 2)."""

    shown = page_of(knowledge.store.scams.advice, page - 1, ADVICE_PAGE)
    buttons = [advice_button(shown.next + 1)] if shown.next else []
    buttons.append(button("Vérifier une autre offre", ADVICE_INTENT))
    buttons.append(button("Les vraies plateformes", "ask_platforms", concept="microwork"))
    return Reply(f"Que faire face à une offre suspecte :\n{bullets(shown.items)}", buttons, shown.items, "offer_check")


# someone already taken in: says so, or asks where to complain or how to get the money back
TAKEN_IN = re.compile(
    r"\b(je me suis fait (avoir|arnaqu|escroqu|pieger)|j'?\s?ai (ete|etais) (arnaqu|escroqu|piege|victime)"
    r"|on m'?\s?a (arnaqu|escroqu|vole|pieg)|victime|porter plainte|deposer plainte|je porte plainte"
    r"|(ou|comment) (je )?(le |la )?signal|recuperer (mon|mes) (argent|sous)|me faire rembourser)"
)
# or has already paid, or given papers or bank details (with no real platform named: paying Malt is no loss)
ALREADY_GIVEN = re.compile(
    r"\b(j'?\s?ai|je leur ai|je lui ai) (deja |tout |aussi )?((payee?s?|payer|versee?s?|verser|vire|transfere)\b"
    r"|(envoy|donn|transmi)\w*\b.{0,40}\b(rib|iban|carte|papiers|passeport|identite|selfie|codes?|argent|bitcoin|usdt))"
)


def is_victim(text: str, platform_ids: Sequence[str] = (), paying_tells: bool = True) -> bool:
    """Whether the user says they were taken in (« où porter plainte ? »), or (`paying_tells`: about an offer) that
    they already paid or gave their papers (« j'ai déjà versé 200 € »)."""
    if text.startswith("/"):
        return False
    folded = fold(text)
    paid = paying_tells and not platform_ids and bool(ALREADY_GIVEN.search(folded))
    return paid or bool(TAKEN_IN.search(folded))


def victim_reply(knowledge: Knowledge) -> Reply:
    """For someone already taken in: act now (bank, block, complain), then where to report."""
    advice = knowledge.store.scams.advice
    act_now = [advice[1], advice[4], advice[0]]  # block and alert the bank, complain, pay nothing more
    return Reply(
        f"Voici ce qu'il faut faire maintenant :\n{bullets(act_now)}",
        [
            advice_button(3),
            button("Vérifier une autre offre", ADVICE_INTENT),
            button("Parler à un humain", "ask_human"),
        ],
        act_now,
        "offer_check",
    )


def offer_reply(knowledge: Knowledge, text: str, platform_ids: Sequence[str] = ()):
    """The check of one message: which signs it shows, the verdict, the first thing to do, and buttons."""

    guide = knowledge.store.scams
    found = check_offer(text, guide, platform_ids)
    if not found.describes_offer and platform_ids:  # « Appen, c'est une arnaque ? »: no offer, a platform
        return platform_trust_reply(knowledge, platform_ids[0])
    if not found.describes_offer:
        signs = "\n".join(f"• {s.label}" for s in guide.signs)
        return Reply(
            "Collez-moi le texte de l'offre ou décrivez-la (qui vous contacte, où, pour quelles tâches, "
            f"quel paiement) : je vérifie ces signes d'alerte :\n{signs}",
            [advice_button(), button("Les vraies plateformes", "ask_platforms", concept="microwork")],
            topic="offer_check",
        )
    facts: List[Fact] = [s.facts[0] for s in found.signs]
    if found.pay_too_high:
        facts += list(guide.pay_ceiling.facts)
    lines = [VERDICTS.get(found.verdict, NO_SIGN)]
    if found.signs:
        lines.append("Ce que je repère dans ce message :\n" + "\n".join(f"• {s.label}" for s in found.signs))
    lines += platform_warning(knowledge, platform_ids)
    first_step = guide.advice[0]
    lines.append(render_fact(first_step))
    facts.append(first_step)
    buttons = [advice_button(), button("Sources de ces signes", "ask_source")] if found.signs else [advice_button()]
    buttons.append(button("Les vraies plateformes", "ask_platforms", concept="microwork"))
    return Reply("\n".join(lines), buttons, facts, "offer_check")


WHY = r"^\W*(mais |et )?(pourquoi|pk|pq|comment (ca|vous le savez|tu le sais)|qu'est-ce qui (vous|te) fait dire)"


def follows_offer_check(tracker: Tracker) -> bool:
    """The bot has just checked an offer and the user asks why (« pourquoi ? »)."""
    text = fold(tracker.latest_message.get("text") or "")
    return tracker.get_slot("last_topic") == "offer_check" and bool(re.search(WHY, text))


def why_reply(knowledge: Knowledge, offer: str, platform_ids: Sequence[str] = ()) -> Reply:
    """Why the signs seen in the offer are warning signs: each one's fact from the store."""
    found = check_offer(offer, knowledge.store.scams, platform_ids)
    if not found.signs:
        return Reply(
            "Je n'ai repéré aucun des signes d'alerte que je connais dans ce message : c'est pourquoi je n'ai rien "
            "signalé. Cela ne garantit pas que l'offre soit sérieuse.",
            [advice_button(), button("Vérifier une autre offre", ADVICE_INTENT)],
            topic="offer_check",
        )
    header, lines, facts = "Pourquoi ces signes alertent :", [], []
    for sign in found.signs:
        line = f"• {capitalise(sign.label)} : {render_fact(sign.facts[0])}"
        if facts and len(header) + sum(len(x) + 1 for x in lines) + len(line) > ANSWER_LIMIT:
            break
        lines.append(line)
        facts.append(sign.facts[0])
    buttons = [
        advice_button(),
        button("Sources de ces signes", "ask_source"),
        button("Vérifier une autre offre", ADVICE_INTENT),
    ]
    return Reply("\n".join([header, *lines]), buttons, facts, "offer_check")


class ActionCheckOffer(Action):
    """Answers check_offer: checks the user's message, or shows the advice page a button asked for."""

    def name(self) -> Text:
        return "action_check_offer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        knowledge = Knowledge()
        page = requested_page(tracker)
        if page > 1:
            return advice_reply(knowledge, page).send(dispatcher)
        text = tracker.latest_message.get("text") or ""
        platforms = latest_entities(tracker, "platform")
        if is_victim(text, platforms):
            return victim_reply(knowledge).send(dispatcher)
        return offer_reply(knowledge, text, platforms).send(dispatcher)
