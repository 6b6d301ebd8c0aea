"""Long lists shown a page at a time, with a button asking for the next page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Generic, List, Optional, Sequence, TypeVar

from actions.buttons import button

PAGE_SIZE = 5
Item = TypeVar("Item")


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: List[Item]
    number: int
    next: Optional[int]


def page_of(items: Sequence[Item], page: int, size: int = PAGE_SIZE) -> Page[Item]:
    """One page (1-based) of a list; a page past the end shows the first one."""
    number = max(1, page)
    start = (number - 1) * size
    if start >= len(items):
        number, start = 1, 0
    return Page(list(items[start : start + size]), number, number + 1 if start + size < len(items) else None)


def more_button(page: Page, intent: str, title: str = "Voir la suite", **entities: str) -> List[Dict[str, str]]:
    """A button re-asking the same question for the next page, when there is one."""
    return [button(title, intent, page=str(page.next), **entities)] if page.next else []
