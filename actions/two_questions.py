"""Finds a second question in a message (« c'est quoi le portage et ça coûte combien ? ») and offers it."""

from __future__ import annotations

import re
from typing import Dict, List, Optional

from actions.buttons import button
from actions.french import capitalise, of
from actions.knowledge.folding import fold
from actions.knowledge.queries import Knowledge
from actions.replies import Reply

CLAUSE_BREAK = r"\?|;|,|\bet\b|\bpuis\b|\baussi\b|\bsinon\b"
# kind of question -> words that ask it, in order of precedence inside one clause
KINDS = {
    "legal": r"statut|micro-?entrepr|auto-?entrepr|portage|urssaf|cotis|declar|impot|siret",
    "drawbacks": r"inconvenient|risque|defaut|points? faibles?|arnaque",
    "advantages": r"avantage|points? forts?|interet",
    "skills": r"competence|faut savoir|quel niveau|formation",
    "getting_started": r"commencer|debuter|demarrer|me lancer|se lancer",
    "platforms": r"plateforme|\bsites?\b|\bapplis?\b|ou trouver|ou s'inscrire",
    "income": r"combien|rapporte|gagne|paye|salaire|revenu|thune|\bcoute",
    "definition": r"c'?est quoi|c koi|c quoi|qu'est-ce que|definition|ca consiste|veut dire",
}
# the kind of question each reply topic answers
TOPIC_KIND = {"platform_info": "platforms", "platform_comparison": "platforms", "comparison": "definition"}
MAX_BUTTONS = 5


def question_kinds(text: str) -> List[str]:
    """The kinds of question a message asks, one per clause, in order and without repeats."""
    kinds: List[str] = []
    if text.startswith("/"):
        return kinds
    for clause in re.split(CLAUSE_BREAK, fold(text)):
        kind = next((k for k, pattern in KINDS.items() if re.search(pattern, clause)), None)
        if kind and kind not in kinds:
            kinds.append(kind)
    return [k for k in kinds if not (k == "income" and "legal" in kinds)]  # what a status costs is legal


def _button(knowledge: Knowledge, kind: str, concept_id: Optional[str], legal_topic: Optional[str]) -> Dict[str, str]:
    concept = {"concept": concept_id} if concept_id else {}
    label = knowledge.concept(concept_id).label if concept_id else ""
    if kind == "legal":
        topic = knowledge.legal_topic(legal_topic or "statuts") or knowledge.legal_topic("statuts")
        return button(capitalise(topic.label), "ask_legal_status", legal_topic=topic.id)
    if kind == "platforms":
        return button(f"Plateformes {of(label)}" if label else "Quelle plateforme ?", "ask_platforms", **concept)
    titles = {
        "definition": (f"C'est quoi {label} ?", "Les définitions", "ask_definition"),
        "income": (f"Ce que rapporte {label}", "Les revenus", "ask_income"),
        "advantages": (f"Les avantages {of(label)}", "Les avantages", "ask_advantages"),
        "drawbacks": (f"Les inconvénients {of(label)}", "Les inconvénients", "ask_disadvantages"),
        "skills": (f"Les compétences pour {label}", "Les compétences", "ask_skills"),
        "getting_started": ("Comment débuter ?", "Comment débuter ?", "ask_getting_started"),
    }
    with_label, without, intent = titles[kind]
    return button(with_label if label else without, intent, **concept)


def with_other_questions(
    knowledge: Knowledge, reply: Reply, text: str, concept_ids: List[str], legal_topics: List[str]
) -> Reply:
    """The reply, with a first button for each other question of the message it does not answer."""
    kinds = question_kinds(text)
    answered = TOPIC_KIND.get(reply.topic or "", reply.topic)
    others = [k for k in kinds if k != answered] if len(kinds) > 1 else []
    if not others:
        return reply
    concept_id = concept_ids[0] if len(concept_ids) == 1 else None
    legal_topic = next((t for t in legal_topics if t != "declaration"), legal_topics[0] if legal_topics else None)
    extra = [_button(knowledge, kind, concept_id, legal_topic) for kind in others]
    titles = {b["title"] for b in extra}
    buttons = (extra + [b for b in reply.buttons if b["title"] not in titles])[:MAX_BUTTONS]
    return Reply(reply.text, buttons, reply.facts, reply.topic, reply.slots)
