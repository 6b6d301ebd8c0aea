"""Today's date for the replies that depend on it (dated figures); one place for tests to freeze."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()
