"""The hot paths' way to the database: the session's own sqlite3 cursor, in its transaction.

Receiving a dossier writes eleven rows and reads a dozen small ones; through the ORM's unit of
work that costs several times what SQLite itself spends (issue 14: 5.4x the same rows written
with bare sqlite3). :class:`Raw` runs prepared SQL on the DB-API cursor of the session's
connection: the same transaction (``BEGIN IMMEDIATE`` taken by :meth:`Store.write`), the same
rows, no identity map. Values are converted by the tables' own SQLAlchemy types (their bind and
result processors, their Python defaults), so a row written here is byte for byte what the ORM
would have written, and the ORM reads it back as usual.

Anything the session holds unflushed is flushed first, so what Raw reads includes it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

_Processor = Callable[[Any], Any] | None


class _Insert:
    """One table's INSERT over all its columns, with each column's default and converter."""

    def __init__(self, table: Table, dialect: Dialect) -> None:
        self.columns: list[tuple[str, Any, _Processor]] = []
        for col in table.columns:
            if col.primary_key and col.autoincrement in (True, "auto") and \
                    len(table.primary_key.columns) == 1:
                continue  # the rowid
            default = col.default
            if default is None and col.server_default is not None:
                continue  # the database fills it
            self.columns.append((col.name, default, col.type._cached_bind_processor(dialect)))
        names = ", ".join(f'"{n}"' for n, _d, _p in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'

    def params(self, values: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for name, default, proc in self.columns:
            if name in values:
                v = values[name]
            elif default is None:
                v = None
            elif default.is_callable:
                v = default.arg(None)
            else:
                v = default.arg
            out.append(proc(v) if proc is not None and v is not None else v)
        return tuple(out)


_INSERTS: dict[tuple[str, str], _Insert] = {}
_READERS: dict[tuple[str, str, str], Callable[[Any], Any]] = {}


class Raw:
    """Prepared SQL on the session's sqlite3 cursor, inside its transaction."""

    def __init__(self, session: Session) -> None:
        if session.new or session.dirty or session.deleted:
            session.flush()
        conn = session.connection()
        self.dialect = conn.dialect
        dbapi = conn.connection.driver_connection
        assert isinstance(dbapi, sqlite3.Connection)
        self.cur = dbapi.cursor()

    def insert(self, table: Table, values: dict[str, Any]) -> int:
        """Insert one row; returns its rowid."""
        ins = self._prepared(table)
        self.cur.execute(ins.sql, ins.params(values))
        return int(self.cur.lastrowid or 0)

    def insert_many(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        ins = self._prepared(table)
        self.cur.executemany(ins.sql, [ins.params(v) for v in rows])

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = self.cur.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.cur.execute(sql, params).fetchall()]

    def reader(self, table: Table, column: str) -> Callable[[Any], Any]:
        """The converter from what SQLite returns to the column's Python value."""
        key = (self.dialect.name, table.name, column)
        read = _READERS.get(key)
        if read is None:
            proc = table.columns[column].type._cached_result_processor(self.dialect, None)
            read = _READERS[key] = (lambda v: v) if proc is None else (
                lambda v: None if v is None else proc(v))
        return read

    def _prepared(self, table: Table) -> _Insert:
        key = (self.dialect.name, table.name)
        ins = _INSERTS.get(key)
        if ins is None:
            ins = _INSERTS[key] = _Insert(table, self.dialect)
        return ins
