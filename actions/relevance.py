"""Orders a topic's facts so that those sharing the question's distinctive words come first."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Set

from actions.knowledge.folding import fold
from actions.knowledge.model import Fact

STEM_LENGTH = 6  # « cotisation » and « cotisations », « deguise » and « deguisee » share a stem
MIN_WORD = 4  # shorter words are mostly grammar (« les », « est »); « sens » still counts
ELSEWHERE_MARGIN = 0.1  # a fact of another topic comes first only when it answers clearly better
ELSEWHERE_BELOW = 0.1  # under the search's threshold: the fact only has to beat the topic's own (seed dev 31 → 32)
ELSEWHERE_FACTS = 2  # « combien de micro-travailleurs en France ? »: the study's title, then its count
OWNED_WORDS = 2  # one word alone (« inconvénients ») names the question, not which concept it is about


def stems(text: str, short: Set[str] = frozenset()) -> Set[str]:
    """The text's words cut to STEM_LENGTH, grammar-short words left out unless `short` keeps them (« tva »)."""
    return {
        word[:STEM_LENGTH] for word in re.findall(r"[a-z0-9]+", fold(text)) if len(word) >= MIN_WORD or word in short
    }


ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,3}\b")


def acronyms(facts: Sequence[Fact]) -> Set[str]:
    """The short capitalised words of the facts (TVA, ARE, CFE, RSA), folded: words, however short."""
    return {fold(word) for fact in facts for word in ACRONYM.findall(fact.text)}


def relevant_first(facts: Sequence[Fact], question: str, searched: bool = False, topic_words: str = "") -> List[Fact]:
    """The facts, those naming the question's rarer words first; the store's order otherwise.

    A word found in half the facts or more (« travail » in a topic about micro-travail) tells them apart
    from nothing, so only the rarer ones count. With `searched`, between facts naming as many, the knowledge
    search's score decides (its lemmas, lexicon and the questions people ask for each fact: « je peux choisir mes
    horaires ? » is about flexibility even without the word). The `topic_words` (« atouts du freelance ») name
    what is asked, not which of its facts: a question saying nothing more keeps the store's order, where a fact may
    go on from the one before it (« Il offre… »).
    """
    short = acronyms(facts)
    asked = stems(question, short) - stems(topic_words) if question and not question.startswith("/") else set()
    if not asked or not facts or (topic_words and says_nothing_more(question, topic_words)):
        return list(facts)
    fact_stems = [stems(f.text, short) for f in facts]
    held_by = {s: sum(s in fs for fs in fact_stems) for s in asked}
    distinctive = {s for s in asked if 2 * held_by[s] < len(facts)}
    # the rarer a word among the facts, the more it tells which one is asked (« tva » beside « chiffre d'affaires »)
    words = [sum(1 / held_by[s] for s in distinctive & fs) for fs in fact_stems]
    scores = search_scores(facts, question) if searched and distinctive else [0.0] * len(facts)
    order = sorted(range(len(facts)), key=lambda i: (-words[i], -scores[i]))
    return [facts[i] for i in order]


# a fact that goes on from the one before it in the store (« Le montant d’ARE est alors recalculé… », « Dans cette
# étude… »); in a concept's lists, « Il »/« Elle » is the concept of the heading, not the fact before
CONTINUES = re.compile(r"^(Ce|Cet|Cela|Ces|Cette)\b|^Dans (ce|cet|cette|ces)\b|^\S+(\s+\S+){0,3}\s+alors\b")
PRONOUN = re.compile(r"^(Il|Elle|Ils|Elles)\b")


def continues(text: str, pronouns: bool = True) -> bool:
    """Whether a fact goes on from the one before it (CONTINUES, or opening on a pronoun unless `pronouns` is False)."""
    return bool(CONTINUES.search(text) or (pronouns and PRONOUN.search(text)))


def with_continuations(ordered: Sequence[Fact], stored: Sequence[Fact], pronouns: bool = True) -> List[Fact]:
    """The facts in the given order, each fact that goes on from another (CONTINUES, or a fact opening on a pronoun
    unless `pronouns` is False) kept right after it."""
    follows = {id(stored[i - 1]): fact for i, fact in enumerate(stored) if i and continues(fact.text, pronouns)}
    attached = {id(fact) for fact in follows.values()}
    result: List[Fact] = []
    for fact in ordered:
        if id(fact) in attached:
            continue
        result.append(fact)
        while id(result[-1]) in follows:
            result.append(follows[id(result[-1])])
    return result


def says_nothing_more(question: str, topic_words: str) -> bool:
    """Whether the question's words, as the search reads them, are all among the topic's own."""
    from actions.knowledge.search import get_index

    lemmatize = get_index().lemmatize
    return not set(lemmatize(question)) - set(lemmatize(topic_words))


def search_scores(facts: Sequence[Fact], question: str, asked: bool = True) -> List[float]:
    """The knowledge search's score of each fact for the question (0 for a fact it does not index), read with the
    questions people ask for it or (`asked` false) on its own words."""
    from actions.knowledge.search import get_index

    index = get_index()
    scores = index.scores(question, asked=asked)
    return [float(scores[index.position[id(f)]]) if id(f) in index.position else 0.0 for f in facts]


def only_owner(groups: Dict[str, Sequence[Fact]], question: str) -> Optional[str]:
    """The one group (a concept's facts on a topic) whose facts alone hold two or more of the question's words:
    « salariat déguisé, c'est quoi ? » belongs to micro-travail's drawbacks; None when several or none do."""
    asked = stems(question) if question and not question.startswith("/") else set()
    held = {key: set().union(*(stems(f.text) for f in facts)) for key, facts in groups.items()}
    owned = {key: asked & words - set().union(*(held[k] for k in held if k != key)) for key, words in held.items()}
    owners = {key for key, words in owned.items() if len(words) >= OWNED_WORDS}
    return owners.pop() if len(owners) == 1 else None


def answering_elsewhere(
    asked: Sequence[Fact], others: Sequence[Fact], question: str, topic_words: str = ""
) -> List[Fact]:
    """The facts (two at most) of the same subject, outside the facts asked for, that answer the question when
    none of those does: « le micro-travail, ça assure un revenu stable ? » asks for income, the answer is a
    drawback. A question that says nothing beyond `topic_words` (« quels sont les avantages du micro-travail ? »)
    asks for the topic itself."""
    from actions.knowledge.search import THRESHOLD

    if not question or question.startswith("/") or not others or says_nothing_more(question, topic_words):
        return []
    scores = search_scores([*asked, *others], question)  # one scoring of the question for both
    inside, outside = max(scores[: len(asked)], default=0.0), scores[len(asked) :]
    best = sorted(range(len(others)), key=lambda i: -outside[i])[:ELSEWHERE_FACTS]
    floor = THRESHOLD - ELSEWHERE_BELOW
    return [others[i] for i in best if outside[i] >= floor and outside[i] > inside + ELSEWHERE_MARGIN]
