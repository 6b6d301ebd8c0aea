"""Long lists shown a page at a time, with a button asking for the next page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Generic, List, Optional, Sequence, TypeVar

from actions.buttons import button

PAGE_SIZE = 5
Item = TypeVar("Item")


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: List[Item]
    number: int
    next: Optional[int]


def page_of(
    items: Sequence[Item],
    page: int,
    size: int = PAGE_SIZE,
    budget: Optional[int] = None,
    length: Callable[[Item], int] = lambda item: 1,
) -> Page[Item]:
    """One page (1-based) of a list: at most `size` items, and at most `budget` in total `length`. Each item goes
    on the first page with room for it, so a long item waits for a later page instead of cutting the first one
    short (an item longer than the budget has a page of its own); a page past the end shows the first one."""
    pages: List[List[Item]] = []
    used: List[int] = []
    for item in items:
        cost = length(item)
        fits = [i for i, page_items in enumerate(pages) if len(page_items) < size]
        if budget is not None:
            fits = [i for i in fits if used[i] + cost <= budget]
        if not fits:
            pages.append([])
            used.append(0)
            fits = [len(pages) - 1]
        pages[fits[0]].append(item)
        used[fits[0]] += cost
    number = max(1, page) if page <= len(pages) else 1
    items_shown = pages[number - 1] if pages else []
    return Page(items_shown, number, number + 1 if number < len(pages) else None)


def more_button(page: Page, intent: str, title: str = "Voir la suite", **entities: str) -> List[Dict[str, str]]:
    """A button re-asking the same question for the next page, when there is one."""
    return [button(title, intent, page=str(page.next), **entities)] if page.next else []
