"""The tables of a dashboard page as a reader sees them: the rows of cell texts under each heading."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Dict, List, Optional


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: Dict[str, List[List[str]]] = {}
        self.heading: Optional[List[str]] = None  # the text of the <h2> being read
        self.title = ""
        self.cell: Optional[List[str]] = None

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self.heading = []
        elif tag == "table":
            self.tables[self.title] = []
        elif tag == "tr":
            self.tables[self.title].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "h2" and self.heading is not None:
            self.title, self.heading = "".join(self.heading).strip(), None
        elif tag in ("td", "th") and self.cell is not None:
            self.tables[self.title][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        for part in (self.heading, self.cell):
            if part is not None:
                part.append(data)


def tables(page: str) -> Dict[str, List[List[str]]]:
    """Each table of the page by the title of the heading before it: its rows (header row first) of cell texts."""
    parser = _Tables()
    parser.feed(page)
    return parser.tables
