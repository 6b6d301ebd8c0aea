"""The chat page tells the truth about where a conversation is kept and for how long."""

import re

from runtime.launch import ROOT


def note() -> str:
    page = (ROOT / "web/index.html").read_text(encoding="utf-8")
    match = re.search(r'<p class="note" id="donnees">(.*?)</p>', page, re.DOTALL)
    assert match, "the page has no paragraph on where conversations are kept"
    return match[1]


def test_the_page_says_conversations_are_stored_on_the_server_until_erased():
    text = note()
    assert "enregistrés sur le serveur" in text  # the tracker store (SQLite or PostgreSQL), not the browser
    # scripts/retention.py purges idle conversations when RETENTION_DAYS is set (scripts/prod.sh, hourly)
    assert "durée de conservation fixée par l’exploitant du site, s’il en fixe une" in text
    assert "RETENTION_DAYS" in (ROOT / "scripts/prod.sh").read_text(encoding="utf-8")
    assert "«&nbsp;/oublier&nbsp;» pour les effacer tout de suite" in text  # the chat's own erasure command
    assert "sans limite de durée" not in text
    assert "ne garde que l’identifiant de la conversation, dans cet onglet" in text  # sessionStorage (web/app.js)
    assert 'storage: "session"' in (ROOT / "web/app.js").read_text(encoding="utf-8")
