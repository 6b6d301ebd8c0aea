"""Case and accent folding, so that "Français", "francais" and "FRANCAIS" read the same."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free text with a plain apostrophe."""
    text = unicodedata.normalize("NFKD", (text or "").casefold().replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


def name_key(name: str) -> str:
    """The folded name without spaces or punctuation ("Crème de la Crème" -> "cremedelacreme")."""
    return "".join(c for c in fold(name) if c.isalnum())


def spelling_key(name: str) -> str:
    """The lower-case name without spaces or punctuation, accents kept ("Retraité" -> "retraité")."""
    return "".join(c for c in unicodedata.normalize("NFC", (name or "").casefold()) if c.isalnum())
