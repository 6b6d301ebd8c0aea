"""French grammar for labels built into answers: contractions and capitals."""

from __future__ import annotations


def of(label: str) -> str:
    """French "de" + label with its contraction: "le freelance" -> "du freelance"."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if label.startswith(article):
            return contracted + label[len(article) :]
    return "de " + label


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
