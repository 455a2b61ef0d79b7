"""Backups that restore (issue 13): made with SQLite's online backup API while the store is
written, sealed with AES-GCM under a passphrase, verified, rotated; read back only with the
passphrase; a changed, cut or foreign file refused in words; a restore staged, then finished at
the next start with the replaced store kept aside."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.errors import KnownError, ValidationError
from desk_app.paths import database_path
from desk_app.services import backups
from desk_app.services.access import ForbiddenError
from desk_app.services.intake import receive
from desk_app.store import backup as bk
from desk_app.store.engine import Store
from desk_app.store.models import Clerk, Dossier
from desk_app.store.recovery import aside_dir
from tests.helpers import complete_request

PASS = "mùa lúa chín 2026"
NOW = datetime(2026, 11, 23, 17, 5)


def _ids(store: Store) -> tuple[int, int]:
    with store.read() as s:
        admin = s.scalar(select(Clerk.id).where(Clerk.username == "admin"))
        clerk = s.scalar(select(Clerk.id).where(Clerk.username == "binh"))
    assert admin is not None and clerk is not None
    return admin, clerk


def _receive(store: Store, clock: FixedClock, clerk: int, n: int) -> list[str]:
    codes = []
    for _ in range(n):
        with store.write() as s:
            codes.append(receive(s, clock, clerk, complete_request(s)).code)
    return codes


def _count(store: Store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count(Dossier.id))) or 0)


def _set_up(store: Store, clock: FixedClock, folder: Path, keep: int = 3) -> None:
    admin, _ = _ids(store)
    with store.write() as s:
        backups.save_backup_settings(s, clock, admin, str(folder), keep, PASS, PASS)


def test_a_backup_is_sealed_verified_and_only_the_newest_are_kept(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    admin, clerk = _ids(store)
    codes = _receive(store, clock, clerk, 5)
    folder = tmp_path / "usb"
    _set_up(store, clock, folder, keep=3)
    made = backups.run_backup(store, clock, "manual", admin)
    raw = made.path.read_bytes()
    assert raw.startswith(b"DESKBAK1")
    for secret in (b"SQLite format 3", "Trần".encode(), b"001090012345", codes[0].encode()):
        assert secret not in raw  # nothing readable without the passphrase
    plain = tmp_path / "read.sqlite3"
    summary = bk.read_backup(made.path, PASS, plain)
    assert summary.dossiers == 5 and summary.agency == "000.00.12.H26"
    assert summary.last_codes == [("2026-11-23", codes[-1])]
    with sqlite3.connect(plain) as conn:
        assert [r[0] for r in conn.execute("SELECT code FROM dossiers ORDER BY id")] == codes
    for n in range(4):  # three kept: the oldest go
        clock.set(datetime(2026, 11, 24 + n, 17, 5))
        backups.run_backup(store, clock, "daily")
    kept = bk.list_backups(folder, "000.00.12.H26")
    assert [b.made_at.day for b in kept] == [27, 26, 25]
    with store.read() as s:
        assert backups.backup_settings(s).last_error == ""
        assert not backups.backup_due(s, datetime(2026, 11, 27, 20, 0))
        assert backups.backup_due(s, datetime(2026, 11, 28, 7, 30))


def test_a_backup_taken_while_clerks_write_is_one_consistent_state(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    _, clerk = _ids(store)
    _receive(store, clock, clerk, 50)
    _set_up(store, clock, tmp_path / "usb")
    stop = threading.Event()

    def keep_receiving() -> None:
        while not stop.is_set():
            _receive(store, clock, clerk, 1)

    writer = threading.Thread(target=keep_receiving)
    writer.start()
    try:
        made = [backups.run_backup(store, clock, "manual") for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    for b in made:  # each verified against counts of its own snapshot, and readable
        summary = bk.read_backup(b.path, PASS, tmp_path / f"{b.path.name}.sqlite3")
        assert summary.dossiers >= 50
        assert summary.counts["outbox"] >= summary.dossiers


@pytest.mark.parametrize("damage", ["passphrase", "flipped", "cut", "chunk_dropped", "foreign"])
def test_a_bad_backup_is_refused_in_words(store: Store, clock: FixedClock, tmp_path: Path,
                                          damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bk, "CHUNK", 4096)  # several chunks from a small store
    _, clerk = _ids(store)
    _receive(store, clock, clerk, 10)
    _set_up(store, clock, tmp_path / "usb")
    path = backups.run_backup(store, clock, "manual").path
    data = bytearray(path.read_bytes())
    passphrase, expected = PASS, "backup_damaged"
    if damage == "passphrase":
        passphrase, expected = "mùa lúa chín 2025", "backup_passphrase"
    elif damage == "flipped":
        data[-100] ^= 0x01
    elif damage == "cut":
        del data[-1000:]
    elif damage == "chunk_dropped":  # a whole last chunk gone: the one before is not "last"
        data = data[:_last_chunk_start(bytes(data))]
    else:
        data[:8], expected = b"PK\x03\x04ABCD", "backup_not_ours"
    path.write_bytes(bytes(data))
    with pytest.raises(KnownError) as info:
        bk.read_backup(path, passphrase, tmp_path / "out.sqlite3")
    assert info.value.code == expected


def _last_chunk_start(data: bytes) -> int:
    import struct

    (head,) = struct.unpack(">I", data[8:12])
    pos, starts = 12 + head, []
    while pos < len(data):
        starts.append(pos)
        (size,) = struct.unpack(">I", data[pos:pos + 4])
        pos += 4 + size
    assert len(starts) > 1
    return starts[-1]


def test_settings_are_checked_and_the_passphrase_is_sealed(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    admin, clerk = _ids(store)
    with pytest.raises(ValidationError) as info, store.write() as s:
        backups.save_backup_settings(s, clock, admin, "usb", 0, "ngan", "ngan")
    assert {e.field: e.code for e in info.value.errors} == {
        "folder": "folder_not_absolute", "keep": "out_of_range", "passphrase": "too_short"}
    with pytest.raises(ValidationError) as info, store.write() as s:
        backups.save_backup_settings(s, clock, admin, str(tmp_path), 5, PASS, PASS + "x")
    assert info.value.errors[0].code == "mismatch"
    with pytest.raises(ForbiddenError), store.write() as s:
        backups.save_backup_settings(s, clock, clerk, str(tmp_path), 5, PASS, PASS)
    _set_up(store, clock, tmp_path / "usb")
    with store.write() as s:  # the folder changes, the passphrase stays
        backups.save_backup_settings(s, clock, admin, str(tmp_path / "share"), 5, "", "")
    store.dispose()
    assert PASS.encode() not in database_path(store.path.parent).read_bytes()
    with pytest.raises(ForbiddenError):
        backups.run_backup(store, clock, "manual", clerk)
    assert backups.run_backup(store, clock, "manual", admin).path.parent == tmp_path / "share"


def test_a_restore_is_staged_then_finished_at_the_next_start(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    admin, clerk = _ids(store)
    first = _receive(store, clock, clerk, 20)
    _set_up(store, clock, tmp_path / "usb")
    made = backups.run_backup(store, clock, "manual", admin)
    _receive(store, clock, clerk, 5)
    data_dir = store.path.parent
    summary = backups.stage_restore(store, admin, made.path, PASS)
    assert summary.dossiers == 20 and summary.last_codes[0][1] == first[-1]
    assert _count(store) == 25  # nothing changed yet
    with pytest.raises(ForbiddenError):
        backups.stage_restore(store, clerk, made.path, PASS)
    backups.confirm_restore(store, admin, made.path, summary, clock.now())
    store.dispose()
    moved = backups.complete_pending_restore(data_dir, clock.now())
    assert moved and moved[0].parent == aside_dir(data_dir)  # the replaced store, kept
    with sqlite3.connect(moved[0]) as conn:
        assert conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == 25
    again = open_store(data_dir, clock, check=False)
    try:
        assert _count(again) == 20
        with again.read() as s:
            mark = backups.restored_since(s)
            assert mark is not None and mark["backup"] == str(made.path)
    finally:
        again.dispose()
    assert backups.complete_pending_restore(data_dir, clock.now()) == []  # done once


def test_a_confirmed_restore_whose_copy_vanished_is_said_once(
        store: Store, clock: FixedClock, tmp_path: Path) -> None:
    admin, _ = _ids(store)
    _set_up(store, clock, tmp_path / "usb")
    made = backups.run_backup(store, clock, "manual", admin)
    summary = backups.stage_restore(store, admin, made.path, PASS)
    backups.confirm_restore(store, admin, made.path, summary, clock.now())
    data_dir = store.path.parent
    store.dispose()
    (data_dir / backups.PENDING_DB).unlink()  # someone cleaned the folder
    with pytest.raises(KnownError) as info:
        backups.complete_pending_restore(data_dir, clock.now())
    assert info.value.code == "restore_lost"
    assert backups.complete_pending_restore(data_dir, clock.now()) == []  # the next start opens
