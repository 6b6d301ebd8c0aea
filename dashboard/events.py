"""The one reader of the tracker store for the dashboard: rows of Rasa's events table within a period.

The database extracts the few JSON fields the figures need (SQLite json_extract, PostgreSQL ->>), so the
report never parses whole events: 100,000 events read in well under a second.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sqlite3
from pathlib import Path
from typing import Any, Dict, Iterator, NamedTuple, Optional, Set, Tuple

import sqlalchemy as sa

KEPT_TYPES = ("user", "slot", "action")  # what the figures need; bot texts are never read


class StoreUnavailable(Exception):
    """The tracker store's database did not answer (server down, connection refused, credentials refused)."""


class Row(NamedTuple):
    sender_id: str
    type_name: str
    timestamp: float
    intent_name: Optional[str]
    action_name: Optional[str]
    channel: Optional[str]  # user events: input_channel
    text: Optional[str]  # user events: the message
    slot: Optional[str]  # slot events: name
    value: Optional[str]  # slot events: value, as JSON text for lists and mappings


def store_url(config: Dict[str, Any]) -> str:
    """The SQLAlchemy URL of the tracker_store section of an endpoints file (SQLite or PostgreSQL)."""
    dialect = config.get("dialect", "sqlite")
    if dialect == "sqlite":
        return f"sqlite:///{config.get('db', 'rasa.db')}"
    return str(
        sa.engine.url.URL.create(
            "postgresql" if dialect.startswith("postgres") else dialect,
            username=config.get("username"),
            password=config.get("password"),
            host=config.get("url"),
            port=config.get("port"),
            database=config.get("db"),
        )
    )


def _field(data: sa.Column, key: str, dialect: str) -> Any:
    if dialect == "sqlite":
        return sa.func.json_extract(data, f"$.{key}")
    return sa.cast(data, sa.dialects.postgresql.JSONB)[key].astext


def read_events(url: str, since: Optional[dt.date] = None, until: Optional[dt.date] = None) -> Iterator[Row]:
    """Rows of the events table from `since` to `until` (inclusive days, UTC), oldest first; none from a store
    that Rasa has not written yet. StoreUnavailable when the database does not answer."""
    with _events_table(url) as (engine, events):
        if events is not None:
            yield from _rows(engine, events, since, until)


def senders_before(url: str, day: dt.date) -> Set[str]:
    """The senders who wrote before `day` (UTC): those of a period who are not new."""
    with _events_table(url) as (engine, events):
        if events is None:
            return set()
        query = sa.select(events.c.sender_id).where(events.c.type_name == "user", events.c.timestamp < _epoch(day))
        with engine.connect() as connection:
            return set(connection.execute(query.distinct()).scalars())


@contextlib.contextmanager
def _events_table(url: str) -> Iterator[Tuple[Optional[sa.engine.Engine], Optional[sa.Table]]]:
    """Rasa's events table, (None, None) before Rasa has written it; StoreUnavailable when the database does not
    answer."""
    engine = _engine(url)
    if engine is None:
        yield None, None
        return
    try:
        try:
            exists = sa.inspect(engine).has_table("events")
            events = sa.Table("events", sa.MetaData(), autoload_with=engine) if exists else None
        except sa.exc.DBAPIError as error:
            raise StoreUnavailable(type(error.orig).__name__) from error
        try:
            yield engine, events
        except (sa.exc.OperationalError, engine.dialect.dbapi.OperationalError) as error:  # lost while reading
            raise StoreUnavailable(type(error).__name__) from error
    finally:
        engine.dispose()


def _engine(url: str) -> Optional[sa.engine.Engine]:
    """An engine on the store; for SQLite, read-only and None while the file does not exist, so that the report
    never creates an empty database where Rasa would write its own."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url)
    path = Path(parsed.database or "")
    if not path.is_file():
        return None
    read_only = path.resolve().as_uri() + "?mode=ro"
    connect = functools.partial(sqlite3.connect, read_only, uri=True)
    return sa.create_engine("sqlite://", creator=connect, poolclass=sa.pool.NullPool)


def _rows(engine: sa.engine.Engine, events: sa.Table, since: Optional[dt.date], until: Optional[dt.date]):
    dialect = engine.dialect.name
    is_user = events.c.type_name == "user"
    is_slot = events.c.type_name == "slot"
    query = sa.select(
        events.c.sender_id,
        events.c.type_name,
        events.c.timestamp,
        events.c.intent_name,
        events.c.action_name,
        sa.case((is_user, _field(events.c.data, "input_channel", dialect))),
        sa.case((is_user, _field(events.c.data, "text", dialect))),
        sa.case((is_slot, _field(events.c.data, "name", dialect))),
        sa.case((is_slot, _value(events.c.data, dialect))),
    ).where(events.c.type_name.in_(KEPT_TYPES))
    if since:
        query = query.where(events.c.timestamp >= _epoch(since))
    if until:
        query = query.where(events.c.timestamp < _epoch(until + dt.timedelta(days=1)))
    statement = query.order_by(events.c.timestamp, events.c.id).compile(engine, compile_kwargs={"literal_binds": True})
    connection = engine.raw_connection()  # the DB-API cursor: SQLAlchemy's row processing would double the time
    try:
        cursor = connection.cursor()
        cursor.execute(str(statement))
        as_row = functools.partial(tuple.__new__, Row)  # the columns are Row's: no Python call per row
        while batch := cursor.fetchmany(10_000):
            yield from map(as_row, batch)
    finally:
        connection.close()


def _value(data: sa.Column, dialect: str) -> Any:
    """A slot value as text; lists and mappings as JSON (SQLite's json_extract already returns them so)."""
    if dialect == "sqlite":
        return sa.func.json_extract(data, "$.value")
    return sa.cast(data, sa.dialects.postgresql.JSONB)["value"].astext


def _epoch(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()
