"""What every channel does with raw user text before Rasa sees it, and what it says when Rasa stays silent."""

from __future__ import annotations

import unicodedata
from typing import Optional, Tuple

MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
EMPTY_REPLY = "Votre message est vide. Posez-moi une question sur le micro-travail ou le freelance !"
TOO_LONG_REPLY = (
    f"Votre message est trop long pour moi (plus de {MAX_MESSAGE_CHARS} caractères). "
    "Pouvez-vous poser votre question en quelques phrases ?"
)
# after a refusal, the first steps (the payloads of domain.yml's greeting buttons; a test checks they are the domain's)
REFUSAL_BUTTONS = [
    {"title": "C'est quoi le micro-travail ?", "payload": '/ask_definition{"concept": "microwork"}'},
    {"title": "Vérifier une offre", "payload": "/check_offer"},
    {"title": "Aidez-moi à choisir", "payload": "/help_me_choose"},
]
SILENCE_REPLY = (
    "Désolé, un problème technique m'empêche de vous répondre pour le moment. "
    "Réessayez dans un instant : votre conversation est conservée."
)


def clean_text(raw: object) -> Tuple[Optional[str], Optional[str]]:
    """(text to give Rasa, None) or (None, polite reply) for empty, non-text or oversized input."""
    if not isinstance(raw, str):
        return None, EMPTY_REPLY
    if len(raw) > MAX_MESSAGE_CHARS:  # measured raw: a huge message costs nothing to refuse
        return None, TOO_LONG_REPLY
    text = normalised(raw)
    if not text:
        return None, EMPTY_REPLY
    return text, None


def normalised(raw: str) -> str:
    """The text with control and format characters as spaces and whitespace runs collapsed (never longer)."""
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs") and c not in "\n" else c for c in raw)
    return " ".join(text.split())


def valid_sender(raw: object) -> Optional[str]:
    """The sender id if it is a usable conversation key, else None."""
    if isinstance(raw, (str, int)) and not isinstance(raw, bool):
        sender = str(raw).strip()
        if 0 < len(sender) <= MAX_SENDER_CHARS and sender.isprintable():
            return sender
    return None
