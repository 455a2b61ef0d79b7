"""The desk's own store is never replaced or trusted blindly (issue 10), below the GUI.

A data file missing or zero-length where the folder shows a store existed is refused, not
replaced by a new demo desk; a restore takes the newest backup that passes ``quick_check`` and
keeps the old file aside; a file with a damaged page (real bytes overwritten in the middle of a
real file) is caught by the check at start and refuses every write, while reading goes on.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.errors import StoreProblemError
from desk_app.paths import backups_dir, database_path
from desk_app.services.intake import receive
from desk_app.store import recovery
from desk_app.store.engine import Store
from desk_app.store.health import quick_check
from desk_app.store.migrate import backup_file
from desk_app.store.models import Clerk, Commune, Dossier
from tests.fs_faults import corrupt_index_entry, corrupt_table_page
from tests.helpers import complete_request


def add_dossiers(store: Store, clock: FixedClock, count: int) -> None:
    for _ in range(count):
        with store.write() as session:
            receive(session, clock, 3, complete_request(session, full_name="Lê Thị Hồng Nhung"))


def dossier_count(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count(Dossier.id))) or 0)


def make_backup(store: Store, data_dir: Path, label: str, age_minutes: int) -> Path:
    """A copy made the way the program makes one before a migration, dated in the past."""
    path = backup_file(store, backups_dir(data_dir), label)
    when = time.time() - age_minutes * 60
    os.utime(path, (when, when))
    return path


# -- a missing or empty file where a store existed --------------------------------------------

def test_a_missing_file_is_not_replaced_by_a_new_desk(
    data_dir: Path, store: Store, clock: FixedClock
) -> None:
    add_dossiers(store, clock, 3)
    backup = make_backup(store, data_dir, "before-0006", 60)
    store.dispose()
    db = database_path(data_dir)
    db.unlink()
    with pytest.raises(StoreProblemError) as caught:
        open_store(data_dir, clock)
    exc = caught.value
    assert exc.code == "store_missing"
    assert exc.params["folder"] == str(data_dir) and exc.params["backup"] == str(backup)
    assert exc.params["marker_created"]  # the marker written when the store was made
    assert not db.exists()  # nothing was created in its place


def test_a_zero_length_file_is_refused_and_left_as_it_is(
    data_dir: Path, clock: FixedClock
) -> None:
    db = database_path(data_dir)
    db.write_bytes(b"")
    with pytest.raises(StoreProblemError) as caught:
        open_store(data_dir, clock)
    assert caught.value.code == "store_empty"
    assert caught.value.params["backup"] == ""  # no backup in this folder
    assert db.stat().st_size == 0


def test_printed_forms_alone_show_that_a_store_existed(tmp_path: Path, clock: FixedClock) -> None:
    """A folder from before the marker existed: the PDFs printed for dossiers are evidence."""
    folder = tmp_path / "old-desk"
    (folder / "printed" / "3f2a").mkdir(parents=True)
    (folder / "printed" / "3f2a" / "mau01.pdf").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(StoreProblemError) as caught:
        open_store(folder, clock)
    assert caught.value.code == "store_missing" and caught.value.params["printed"] == 1
    assert not database_path(folder).exists()


def test_a_new_folder_still_starts_as_a_new_desk(tmp_path: Path, clock: FixedClock) -> None:
    folder = tmp_path / "fresh"
    store = open_store(folder, clock)
    try:
        with store.read() as session:
            assert session.scalar(select(func.count(Commune.id))) == 1
        assert recovery.marker_path(folder).exists()
        assert store.guard.wait(30) and store.guard.state == "ok"
    finally:
        store.dispose()


def test_a_store_from_before_the_marker_gets_one(data_dir: Path, clock: FixedClock) -> None:
    recovery.marker_path(data_dir).unlink()
    open_store(data_dir, clock).dispose()
    assert recovery.read_marker(data_dir)


def test_restore_takes_the_newest_sound_backup_and_keeps_the_old_file_aside(
    data_dir: Path, store: Store, clock: FixedClock
) -> None:
    add_dossiers(store, clock, 4)
    good = make_backup(store, data_dir, "before-0006", 120)
    add_dossiers(store, clock, 2)
    newer = make_backup(store, data_dir, "before-0007", 30)
    corrupt_table_page(newer)  # the newest copy is damaged: it must not be offered
    store.dispose()
    db = database_path(data_dir)
    db.write_bytes(b"")  # the live file emptied
    with pytest.raises(StoreProblemError) as caught:
        open_store(data_dir, clock)
    params = caught.value.params
    assert params["backup"] == str(good) and params["damaged_backups"] == [newer.name]
    moved = recovery.restore(data_dir, Path(str(params["backup"])))
    assert [p.stat().st_size for p in moved if p.name.endswith(".sqlite3")] == [0]
    assert all(p.parent == recovery.aside_dir(data_dir) for p in moved)
    assert sorted(p.name for p in data_dir.glob("*.restoring*")) == []  # no staging left over
    assert quick_check(db) == []
    reopened = open_store(data_dir, clock)
    try:
        assert dossier_count(reopened) == 4
        assert reopened.guard.wait(30) and reopened.guard.state == "ok"
    finally:
        reopened.dispose()
    assert good.exists() and newer.exists()  # backups are never consumed or deleted


def test_restore_of_a_damaged_copy_changes_nothing(
    data_dir: Path, store: Store, clock: FixedClock
) -> None:
    add_dossiers(store, clock, 2)
    bad = make_backup(store, data_dir, "copied-by-hand", 10)
    corrupt_table_page(bad)
    store.dispose()
    db = database_path(data_dir)
    before = db.read_bytes()
    with pytest.raises(StoreProblemError) as caught:
        recovery.restore(data_dir, bad)
    assert caught.value.code == "backup_damaged"
    assert db.read_bytes() == before and not recovery.aside_dir(data_dir).exists()


def test_a_confirmed_new_store_keeps_the_old_file_aside(
    data_dir: Path, clock: FixedClock
) -> None:
    db = database_path(data_dir)
    db.write_bytes(b"")
    moved = recovery.start_new(data_dir)
    assert [p.name.endswith(".sqlite3") for p in moved] == [True]
    store = open_store(data_dir, clock, allow_fresh=True)
    try:
        with store.read() as session:
            assert session.scalar(select(func.count(Clerk.id))) == 0  # a new desk
    finally:
        store.dispose()
    assert recovery.marker_path(data_dir).exists()


# -- a damaged page in the middle of the file -------------------------------------------------

def test_a_damaged_page_stops_writing_but_not_reading(
    data_dir: Path, store: Store, clock: FixedClock
) -> None:
    add_dossiers(store, clock, 300)  # enough for a dossiers b-tree of several pages
    store.dispose()
    db = database_path(data_dir)
    offset = corrupt_table_page(db)
    assert offset >= 4096  # not the header page
    opened = open_store(data_dir, clock)
    try:
        assert opened.guard.wait(30)
        assert opened.guard.state == "failed" and opened.guard.problems
        with pytest.raises(StoreProblemError) as caught:
            add_dossiers(opened, clock, 1)  # a save that works on a sound file
        assert caught.value.code == "store_corrupt"
        assert caught.value.params["folder"] == str(data_dir)
        with opened.read() as session:  # the accounts can still be read (to log in)
            assert session.scalar(select(func.count(Clerk.id))) == 3
    finally:
        opened.dispose()
    # the next start knows: it checks before it opens
    assert recovery.check_failed_before(data_dir)
    again = open_store(data_dir, clock)
    try:
        assert again.guard.state == "failed"
    finally:
        again.dispose()


def test_a_damaged_index_is_found_by_the_full_check_behind_the_quick_one(
    data_dir: Path, store: Store, clock: FixedClock
) -> None:
    """One phone number changed inside an index page: the page structure is intact, so
    quick_check passes (writes open at once); the full integrity_check behind it finds the
    index no longer matching its rows and refuses writes from then on."""
    add_dossiers(store, clock, 300)
    store.dispose()
    db = database_path(data_dir)
    corrupt_index_entry(db, "ix_dossiers_applicant_phone", b"0912345678", b"0912345679")
    assert quick_check(db) == []
    opened = open_store(data_dir, clock)
    try:
        assert opened.guard.wait(30) and opened.guard.state == "ok"
        deadline = time.monotonic() + 60
        while opened.guard.busy() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.guard.full == "failed" and opened.guard.state == "failed"
        assert any("ix_dossiers_applicant_phone" in p for p in opened.guard.problems)
        with pytest.raises(StoreProblemError):
            add_dossiers(opened, clock, 1)
    finally:
        opened.dispose()


def test_writes_wait_for_the_check(data_dir: Path, store: Store) -> None:
    """While the start-up check runs, a write waits for its verdict, then is refused if the
    file turned out damaged."""
    store.guard.state = "checking"
    store.guard._done.clear()
    outcome: list[str] = []

    def write() -> None:
        try:
            with store.write():
                pass
            outcome.append("written")
        except StoreProblemError as exc:
            outcome.append(exc.code)

    worker = threading.Thread(target=write)
    worker.start()
    worker.join(0.3)
    assert outcome == []  # still waiting
    store.guard.fail(["Tree 7 page 12: btreeInitPage() returns error code 11"])
    worker.join(5)
    assert outcome == ["store_corrupt"]


def test_a_damaged_file_found_while_working_refuses_later_writes(
    data_dir: Path, store: Store, clock: FixedClock
) -> None:
    """SQLite itself says 'malformed' mid-work (a page gone bad after the check)."""
    add_dossiers(store, clock, 300)
    store.dispose()
    db = database_path(data_dir)
    corrupt_table_page(db)
    live = Store(db)  # opened without a check (as a long-running program would be)
    try:
        with pytest.raises(StoreProblemError):
            with live.read() as session:
                session.scalars(select(Dossier.applicant_name)).all()
        assert live.guard.state == "failed"
        with pytest.raises(StoreProblemError):
            with live.write():
                pass
    finally:
        live.dispose()


def test_quick_check_reads_a_copy_without_touching_it(tmp_path: Path, data_dir: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(database_path(data_dir), copy)
    before = copy.read_bytes()
    assert quick_check(copy, immutable=True) == []
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == [
        "copy.sqlite3"]
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 300)
    assert quick_check(junk, immutable=True) != []
    assert sqlite3.sqlite_version_info >= (3, 33)  # quick_check as used here


def test_a_backups_time_is_told_in_vietnam_time_like_the_marker(tmp_path: Path) -> None:
    """The recovery dialog named the marker's time in Vietnam time and a backup's in the
    PC's own zone: on a PC set to UTC a newer backup read as six hours older."""
    data_dir = tmp_path / "data"
    copy = backups_dir(data_dir) / "desk-tay.sqlite3"
    copy.parent.mkdir(parents=True)
    copy.write_bytes(b"x" * 4096)
    # 2026-11-28 16:20:00 UTC, by hand: 23:20 in Vietnam (UTC+7)
    instant = 1795882800
    assert datetime.fromtimestamp(instant, UTC) == datetime(2026, 11, 28, 16, 20,
                                                                      tzinfo=UTC)
    os.utime(copy, (instant, instant))
    taken = [b.taken_at for b in recovery.find_backups(data_dir)]
    assert taken == [datetime(2026, 11, 28, 23, 20)]
