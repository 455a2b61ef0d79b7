"""The province credential at rest (Luật Bảo vệ dữ liệu cá nhân 91/2025): sealed with AES-GCM,
its key outside the data folder; an older store's clear credential sealed at the next start; a
store brought to a PC without the key asks for enrolment again instead of failing."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.store import sealing
from desk_app.store.models_sync import SyncEnrolment
from desk_app.sync import state

CLOCK = FixedClock(datetime(2026, 11, 23, 9, 0))
SECRET = "dk.4.Zq3vQf1m2c8LrT0yH6bNwXkP9sJdAeUo7gVzYiRlM5E"


def _raw(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database_path(data_dir)) as conn:
        return conn.execute(sql).fetchall()


def _every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_the_credential_is_sealed_and_its_key_is_not_in_the_data_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = tmp_path / "keys"
    monkeypatch.setenv("DESK_APP_KEYS", str(keys))
    data_dir = tmp_path / "data"
    store = open_store(data_dir, CLOCK, check=False)
    try:
        with store.write() as s:
            s.add(SyncEnrolment(hub_url="https://dongbo.hanoi.gov.vn", desk_id=4,
                                credential=SECRET, agency_code="000.00.12.H26",
                                enrolled_at=CLOCK.now()))
            pending = state.pending_secret(s, "rotate", 4)
        with store.read() as s:
            assert s.scalars(select(SyncEnrolment.credential)).one() == SECRET
            assert state.pending_secret(s, "rotate", 4) == pending  # the same one comes back
    finally:
        store.dispose()
    (stored,), = _raw(data_dir, "SELECT credential FROM sync_enrolments")
    assert str(stored).startswith("sealed:v1:") and SECRET not in str(stored)
    # nothing in the data folder holds either secret, nor the key
    everything = _every_byte(data_dir)
    assert SECRET.encode() not in everything and pending.encode() not in everything
    key_files = list(keys.glob("*.key"))
    assert len(key_files) == 1 and key_files[0].read_bytes() not in everything
    assert (key_files[0].stat().st_mode & 0o777) == 0o600
    assert (data_dir / "desk-key.id").read_text() == key_files[0].stem


def test_a_clear_credential_of_an_older_version_is_sealed_at_the_next_start(
        tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_store(data_dir, CLOCK, check=False).dispose()
    with sqlite3.connect(database_path(data_dir)) as conn:  # as version 0.12 wrote it
        conn.execute("INSERT INTO sync_enrolments (hub_url, desk_id, credential, agency_code, "
                     "enrolled_at, active) VALUES ('https://h', 4, ?, '000.00.12.H26', "
                     "'2026-11-01 08:00:00', 1)", (SECRET,))
    store = open_store(data_dir, CLOCK, check=False)
    try:
        with store.read() as s:
            assert state.active_enrolment(s).credential == SECRET  # type: ignore[union-attr]
    finally:
        store.dispose()
    (stored,), = _raw(data_dir, "SELECT credential FROM sync_enrolments")
    assert str(stored).startswith("sealed:v1:")


def test_on_a_pc_without_the_key_the_credential_reads_empty_and_sync_asks_to_enrol(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desk_app.sync.worker import SyncWorker

    monkeypatch.setenv("DESK_APP_KEYS", str(tmp_path / "old-pc-keys"))
    data_dir = tmp_path / "data"
    store = open_store(data_dir, CLOCK, check=False)
    with store.write() as s:
        s.add(SyncEnrolment(hub_url="http://127.0.0.1:9", desk_id=4, credential=SECRET,
                            agency_code="000.00.12.H26", enrolled_at=CLOCK.now()))
    store.dispose()
    monkeypatch.setenv("DESK_APP_KEYS", str(tmp_path / "new-pc-keys"))  # the folder carried
    store = open_store(data_dir, CLOCK, check=False)
    try:
        with store.read() as s:
            assert state.active_enrolment(s).credential == ""  # type: ignore[union-attr]
        SyncWorker(store, CLOCK).run_once()
        with store.read() as s:
            assert state.status_row(s).last_error_code == "credential_key_missing"
    finally:
        store.dispose()


def test_a_sealed_value_does_not_open_in_another_column_or_after_a_change(
        tmp_path: Path) -> None:
    sealer = sealing.Sealer(tmp_path / "data", tmp_path / "keys")
    (tmp_path / "data").mkdir()
    token = sealer.seal(SECRET, "sync_enrolments.credential")
    assert sealer.open(token, "sync_enrolments.credential") == SECRET
    assert sealer.open(token, "sync.pending_secret") is None
    flipped = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    assert sealer.open(flipped, "sync_enrolments.credential") is None
