"""The hub's database engine: PostgreSQL via psycopg 3 in production, SQLite by default.

``PROVINCE_HUB_DB`` holds the SQLAlchemy URL (``postgresql+psycopg://user@host/db`` or
``sqlite:///path``). Workers keep nothing but this engine: any number of them may serve one
PostgreSQL. Writes on SQLite start with ``BEGIN IMMEDIATE`` (one writer at a time, no half-way
SQLITE_BUSY); on PostgreSQL a transaction-scoped advisory lock per commune serialises the
batches that touch one commune's dossiers (communes proceed in parallel).
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Dialect,
    Engine,
    Table,
    any_,
    create_engine,
    event,
    literal,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

DEFAULT_URL = "sqlite:///province_hub.sqlite3"


def database_url() -> str:
    return os.environ.get("PROVINCE_HUB_DB", DEFAULT_URL)


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

        return engine
    # pre-ping: a connection the database dropped (a restart, a failover) is replaced when it is
    # taken from the pool, not found dead by a request (one round trip per checkout, ~0.1 ms
    # on a LAN); connections older than 30 min are replaced; a request waits at most 10 s for
    # a connection, then the hub answers 503. At most 30 connections per worker, as many kept
    # open as busy desks use at once: a connection closed when it comes back (beyond the
    # pool's size) costs a new server process and its cold caches on the next checkout
    return create_engine(url, pool_size=25, max_overflow=5, pool_recycle=1800,
                         pool_pre_ping=True, pool_timeout=10)


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def one_of(session: Session, column: Any, values: Collection[Any]) -> ColumnElement[bool]:
    """``column IN (values)``; on PostgreSQL ``column = ANY(:array)``: one parameter, so the
    statement's text is the same for every batch (psycopg parses and prepares it once) instead
    of one placeholder per value."""
    if is_postgres(session):
        return column == any_(literal(list(values), ARRAY(column.type)))
    return column.in_(values)


@contextmanager
def write(engine: Engine) -> Iterator[Session]:
    """One transaction, committed at the end of the block."""
    with Session(engine, expire_on_commit=False) as session:
        if engine.dialect.name == "sqlite":
            session.connection(execution_options={"sqlite_begin": "BEGIN IMMEDIATE"})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]], *,
                skip_taken: str | None = None, returning: str | None = None) -> list[Any]:
    """Insert ``rows`` (dicts with the same keys) in one statement; ``skip_taken``: the unique
    column whose taken values are skipped (``ON CONFLICT DO NOTHING``); ``returning``: the
    column whose values of the inserted rows come back.

    On PostgreSQL one ``INSERT ... SELECT FROM jsonb_to_recordset(:rows)``: the rows travel as
    one JSON text (parsed once by the server; a JSON column's value is taken as it is), the
    statement is short and the same for every batch (psycopg parses it once, the server
    prepares it), where a multi-row VALUES list is parsed afresh for every batch size and an
    executemany costs a round of Python per row."""
    if not rows:
        return []
    conn = session.connection()
    if not is_postgres(session):
        rows = [{k: v.value if isinstance(v, RawJson) else v for k, v in r.items()}
                for r in rows]
        ins = sqlite_insert(table)
        if skip_taken:
            ins = ins.on_conflict_do_nothing(index_elements=[skip_taken])
        if returning:
            return list(conn.execute(ins.returning(table.c[returning]), rows).scalars())
        conn.execute(ins, rows)
        return []
    sql = _recordset_insert(table, tuple(rows[0]), skip_taken, returning, conn.dialect)
    result = conn.execute(text(sql), {"rows": "[" + ",".join(map(_row_json, rows)) + "]"})
    return list(result.scalars()) if returning else []


class RawJson(str):
    """JSON text made already, with the value it encodes: :func:`insert_rows` puts the text
    into the statement as it is (PostgreSQL) or stores the value (SQLite)."""

    value: Any

    def __new__(cls, text: str, value: Any) -> RawJson:
        made = super().__new__(cls, text)
        made.value = value
        return made


def _row_json(row: dict[str, Any]) -> str:
    raw = [(k, v) for k, v in row.items() if isinstance(v, RawJson)]
    if not raw:
        return json.dumps(row, default=_iso)
    plain = json.dumps({k: v for k, v in row.items() if not isinstance(v, RawJson)},
                       default=_iso)[:-1]
    return plain + ("," if len(plain) > 1 else "") + ",".join(
        f"{json.dumps(k)}:{v}" for k, v in raw) + "}"


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


@lru_cache(maxsize=64)
def _recordset_insert(table: Table, cols: tuple[str, ...], skip_taken: str | None,
                      returning: str | None, dialect: Dialect) -> str:
    fields = ", ".join(f"{c} {table.c[c].type.compile(dialect=dialect)}" for c in cols)
    sql = (f"INSERT INTO {table.name} ({', '.join(cols)}) SELECT {', '.join(cols)} "
           f"FROM jsonb_to_recordset(CAST(:rows AS JSONB)) AS u({fields})")
    if skip_taken:
        sql += f" ON CONFLICT ({skip_taken}) DO NOTHING"
    if returning:
        sql += f" RETURNING {returning}"
    return sql


def lock_commune(session: Session, commune_id: int) -> None:
    """Serialise writers of one commune until the transaction ends (PostgreSQL only)."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(7, :c)"), {"c": commune_id})


def lock_feed(session: Session) -> None:
    """Feed rows must commit in id order, or a desk could pull past one still uncommitted."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(8, 0)"))
