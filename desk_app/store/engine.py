"""The SQLite engine and the session helpers that every service call goes through.

Pragmas on every connection: WAL journal (readers never block the writer), foreign keys on,
``synchronous=FULL`` (in WAL mode a commit is on disk when it returns: a dossier whose slip was
printed survives a power cut), a busy timeout so two windows or processes wait their turn.

Write transactions start with ``BEGIN IMMEDIATE``: the write lock is taken before anything is
read, so two writers allocating dossier codes at the same moment are serialised, never
interleaved (no duplicate), and a waiting writer never fails half-way with SQLITE_BUSY.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desk_app.errors import KnownError

BUSY_TIMEOUT_MS = 15_000


def make_engine(path: Path | str, *, echo: bool = False) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        echo=echo,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
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

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries. Closing it ends the read transaction; objects loaded in it
        stay readable (detached, not expired) afterwards."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one ``BEGIN IMMEDIATE`` transaction, committed if the block succeeds."""
        with Session(self.engine, expire_on_commit=False) as session:
            session.connection(execution_options={"sqlite_begin": "BEGIN IMMEDIATE"})
            try:
                yield session
                session.commit()
            except OperationalError as exc:  # pragma: no cover - environment fault
                session.rollback()
                raise _known(exc) from exc
            except Exception:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()


def _known(exc: OperationalError) -> KnownError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return KnownError("db_locked", str(exc))
    if "disk" in text or "full" in text:
        return KnownError("disk_full", str(exc))
    return KnownError("db_error", str(exc))
