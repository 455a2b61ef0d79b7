"""The SQLite engine and the session helpers that every service call goes through.

Pragmas on every connection: WAL journal (readers never block the writer), foreign keys on,
``synchronous=FULL`` (in WAL mode a commit is on disk when it returns: a dossier whose slip was
printed survives a power cut), a busy timeout so two windows or processes wait their turn.

Write transactions start with ``BEGIN IMMEDIATE``: the write lock is taken before anything is
read, so two writers allocating dossier codes at the same moment are serialised, never
interleaved (no duplicate), and a waiting writer never fails half-way with SQLITE_BUSY.

Every write first passes the store's :class:`~desk_app.store.health.StoreGuard`: it waits for
the start-up ``quick_check`` and is refused once the file is known to be damaged. What SQLite
says when a write or a read fails (locked, read-only, full, damaged) comes out as a
:class:`~desk_app.errors.KnownError` naming the data folder (:func:`health.diagnose`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from desk_app.errors import KnownError, StoreProblemError
from desk_app.store import (
    schema,  # noqa: F401 (registers every table before any session)
    sealing,
)
from desk_app.store.health import StoreGuard, diagnose

BUSY_TIMEOUT_MS = 15_000


def make_engine(path: Path | str, *, echo: bool = False,
                connect: Callable[[], Any] | None = None) -> Engine:
    """The engine of the store at ``path``; ``connect`` opens a DB-API connection another way
    (an SQLCipher connection with its key set, in bench/bench_sqlcipher.py)."""
    extra: dict[str, Any] = {"creator": connect} if connect is not None else {}
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        echo=echo,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        **extra,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred-only).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA cache_size=-32000")  # 32 MB page cache
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "BEGIN")
        conn.exec_driver_sql(mode)

    return engine


class Store:
    """The database file plus its engine; hands out read and write sessions."""

    def __init__(self, path: Path | str, engine: Engine | None = None) -> None:
        self.path = Path(path)
        self.engine = engine or make_engine(self.path)
        # secrets in the store (the province credential) open with a key kept outside it
        sealing.attach(self.engine, sealing.Sealer(self.path.parent))
        self.guard = StoreGuard(self.path)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries. Closing it ends the read transaction; objects loaded in it
        stay readable (detached, not expired) afterwards."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            except DBAPIError as exc:
                known = self.known(exc)
                if known is None or known.code == "db_error":  # a query's bug stays a bug
                    raise
                raise known from exc

    @contextmanager
    def write(self, *, gated: bool = True) -> Iterator[Session]:
        """A session in one ``BEGIN IMMEDIATE`` transaction, committed if the block succeeds.

        ``gated=False`` skips waiting for the start-up check (the login's count of wrong
        passwords: a clerk must not wait for a big file's check to log in); a file found
        damaged refuses every write all the same.
        """
        if gated:
            self.guard.before_write()
        elif self.guard.state == "failed":
            raise self.guard.error()
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                session.connection(execution_options={"sqlite_begin": "BEGIN IMMEDIATE"})
                yield session
                session.commit()
            except DBAPIError as exc:
                _rollback(session)
                known = self.known(exc)
                if known is None:
                    raise
                raise known from exc
            except Exception:
                _rollback(session)
                raise

    def known(self, exc: DBAPIError) -> KnownError | None:
        """The environment's fault behind ``exc``, or None for a bug (a constraint broken)."""
        if isinstance(exc, IntegrityError):
            return None
        if not isinstance(exc, OperationalError) and not (
                isinstance(exc, DatabaseError) and _sounds_damaged(str(exc))):
            return None
        known = diagnose(exc, self.path.parent)
        if isinstance(known, StoreProblemError) and known.code == "store_corrupt":
            self.guard.fail([str(exc.orig) if exc.orig is not None else str(exc)])
        return known

    def dispose(self) -> None:
        self.guard.stop()
        self.engine.dispose()


def _sounds_damaged(text: str) -> bool:
    text = text.lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _rollback(session: Session) -> None:
    try:
        session.rollback()
    except DBAPIError:  # the connection itself failed (disk gone): nothing more to undo
        pass
