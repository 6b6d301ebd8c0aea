"""A named set of replacements of Rasa attributes: installed together on one Rasa version, undone together."""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Callable, Iterator, List, Sequence, Tuple

logger = logging.getLogger(__name__)


class RasaAdjustments:
    """Each adjustment is a function that calls `replace`; `uninstall` puts back exactly Rasa's attributes."""

    def __init__(self, name: str, rasa_version: str, adjustments: Sequence[Callable[[], None]], without: str) -> None:
        self.name, self.rasa_version, self.adjustments, self.without = name, rasa_version, adjustments, without
        # (owner class, attribute name, the attribute exactly as the class held it) for each replaced attribute
        self._stock: List[Tuple[type, str, Any]] = []

    def replace(self, owner: type, name: str, replacement: Any) -> None:
        """Sets owner.name, remembering the stock attribute for `uninstall`."""
        # the staticmethod/classmethod object itself, not the function it binds to
        self._stock.append((owner, name, owner.__dict__[name]))
        setattr(owner, name, replacement)

    def install(self) -> List[str]:
        """Installs every adjustment (once); returns their names, none on another Rasa version."""
        import rasa

        if rasa.__version__ != self.rasa_version:
            logger.warning(
                "%s written for Rasa %s, found %s: not installed (%s). Check it against the new Rasa.",
                self.name,
                self.rasa_version,
                rasa.__version__,
                self.without,
            )
            return []
        if not self._stock:
            for adjustment in self.adjustments:
                adjustment()
        return [adjustment.__name__ for adjustment in self.adjustments]

    def uninstall(self) -> None:
        """Puts back exactly the attributes Rasa had before `install`."""
        while self._stock:
            owner, name, stock = self._stock.pop()
            setattr(owner, name, stock)

    @contextlib.contextmanager
    def installed(self) -> Iterator[List[str]]:
        """The adjustments for the duration of the block (tests); Rasa is stock again afterwards."""
        try:
            yield self.install()
        finally:
            self.uninstall()
