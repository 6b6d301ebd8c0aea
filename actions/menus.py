"""The next-step buttons offered after an answer about a concept."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence

from actions.buttons import button
from actions.french import capitalise
from actions.knowledge.model import CONCEPT_IDS
from actions.knowledge.queries import Knowledge


def concept_buttons(intent: str, knowledge: Knowledge) -> List[Dict[str, str]]:
    """One button per concept ("Micro-travail", "Freelance") re-asking an intent for it."""
    return [button(capitalise(knowledge.concept(cid).name), intent, concept=cid) for cid in CONCEPT_IDS]


# the answer (last_topic) each next-step intent gives, so that a button never leads back to the answer just given
NEXT_STEP_TOPICS = {
    "ask_advantages": "advantages",
    "ask_disadvantages": "drawbacks",
    "ask_platforms": "platforms",
    "ask_getting_started": "getting_started",
    "ask_comparison": "comparison",
    "help_me_choose": "recommendation",
}


def other_steps(concept_id: Optional[str], answered_topic: Optional[str]) -> List[Dict[str, str]]:
    """The next steps, without the one that gives the answer of `answered_topic` again."""
    return next_steps(concept_id, exclude=[i for i, t in NEXT_STEP_TOPICS.items() if t == answered_topic])


def next_steps(concept_id: Optional[str], exclude: Sequence[str] = ()) -> List[Dict[str, str]]:
    """The usual next-step buttons after an answer about a concept (or both)."""
    options = []
    if concept_id:
        options += [
            button("Avantages", "ask_advantages", concept=concept_id),
            button("Inconvénients", "ask_disadvantages", concept=concept_id),
            button("Plateformes", "ask_platforms", concept=concept_id),
            button("Comment débuter ?", "ask_getting_started", concept=concept_id),
        ]
    options += [button("Comparer les deux", "ask_comparison"), button("Aidez-moi à choisir", "help_me_choose")]
    return [b for b in options if b["payload"].split("{")[0][1:] not in exclude][:4]
