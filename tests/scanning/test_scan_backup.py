"""Backups carry the scanned documents: sealed once each beside the store's backup, put back
by a restore into a data folder that lost them, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.scanning.assemble import pages_of
from desk_app.scanning.files import ScanFiles
from desk_app.services import backups, scans
from desk_app.store.engine import Store
from tests.scanning.conftest import clerk_id, picture, received

PASS = "mùa lúa chín 2026"


def test_a_restore_brings_the_scanned_files_back(
        data_dir: Path, store: Store, clock: FixedClock, tmp_path: Path) -> None:
    files = ScanFiles.of_data_dir(data_dir)
    dossier, comps = received(store, clock)
    with store.write() as s:
        doc = scans.attach(s, clock, clerk_id(store), files, dossier, comps[0],
                           pages_of(picture("JPEG")), source="file")
    original = files.read(doc.sha256)
    admin, usb = clerk_id(store, "admin"), tmp_path / "usb"
    with store.write() as s:
        backups.save_backup_settings(s, clock, admin, str(usb), 3, PASS, PASS)
    made = backups.run_backup(store, clock, "manual", admin)
    found = list((usb / "scans" / doc.sha256[:2]).glob(f"{doc.sha256}.*.scan"))
    assert len(found) == 1  # <sha256>.<the passphrase's tag>.scan
    sealed = found[0]
    first_bytes = sealed.read_bytes()
    assert original not in first_bytes and b"JFIF" not in first_bytes  # sealed, not readable
    backups.run_backup(store, clock, "daily")  # written once: the next backup keeps it as is
    assert sealed.read_bytes() == first_bytes
    assert sorted(p.name for p in (usb / "scans").rglob("*") if p.is_file()) == [
        sealed.name, "tag.salt"]

    shutil.rmtree(data_dir / "scans")  # the disk lost the documents
    summary = backups.stage_restore(store, admin, made.path, PASS)
    assert files.read(doc.sha256) == original  # back, checked against its name
    backups.confirm_restore(store, admin, made.path, summary, clock.now())
    store.dispose()
    backups.complete_pending_restore(data_dir, clock.now())
    again = Store(database_path(data_dir))
    try:
        with again.read() as s:
            docs = scans.documents_of(s, dossier)
        assert [(d.sha256, d.size) for d in docs] == [(doc.sha256, len(original))]
        assert (data_dir / docs[0].path).read_bytes() == original
    finally:
        again.dispose()


def test_a_restore_after_the_passphrase_changed_brings_every_file_back(
        data_dir: Path, store: Store, clock: FixedClock, tmp_path: Path) -> None:
    """Documents sealed under the old passphrase stay in the backup folder (sealed once):
    the newest backup, opened with the new passphrase, must still bring them back; and an
    older backup, opened with the old one, still brings back its own."""
    files = ScanFiles.of_data_dir(data_dir)
    admin, usb = clerk_id(store, "admin"), tmp_path / "usb"
    first, comps1 = received(store, clock)
    with store.write() as s:
        old_doc = scans.attach(s, clock, clerk_id(store), files, first, comps1[0],
                               pages_of(picture("JPEG")), source="file")
        backups.save_backup_settings(s, clock, admin, str(usb), 3, PASS, PASS)
    older = backups.run_backup(store, clock, "manual", admin)
    clock.advance(days=1)
    new_pass = "gió mùa đông bắc 2027"
    with store.write() as s:  # the admin sets a new passphrase
        backups.save_backup_settings(s, clock, admin, str(usb), 3, new_pass, new_pass)
    second, comps2 = received(store, clock, "001090054329")
    with store.write() as s:
        new_doc = scans.attach(s, clock, clerk_id(store), files, second, comps2[0],
                               pages_of(picture("PNG")), source="file")
    newest = backups.run_backup(store, clock, "manual", admin)
    wanted = {old_doc.sha256: files.read(old_doc.sha256),
              new_doc.sha256: files.read(new_doc.sha256)}

    shutil.rmtree(data_dir / "scans")  # the disk lost the documents
    backups.stage_restore(store, admin, newest.path, new_pass)
    assert {sha: files.read(sha) for sha in wanted} == wanted
    shutil.rmtree(data_dir / "scans")
    backups.stage_restore(store, admin, older.path, PASS)  # the older one, its passphrase
    assert files.read(old_doc.sha256) == wanted[old_doc.sha256]


def test_a_backup_folder_sealed_before_tags_is_taken_over(
        data_dir: Path, store: Store, clock: FixedClock, tmp_path: Path) -> None:
    """Documents sealed as ``<sha256>.scan`` (before passphrases had tags) under today's
    passphrase are named with its tag, not sealed again; a restore still finds one left
    under its old name."""
    from desk_app.scanning import backup_files

    files = ScanFiles.of_data_dir(data_dir)
    dossier, comps = received(store, clock)
    with store.write() as s:
        doc = scans.attach(s, clock, clerk_id(store), files, dossier, comps[0],
                           pages_of(picture("JPEG")), source="file")
    admin, usb = clerk_id(store, "admin"), tmp_path / "usb"
    with store.write() as s:
        backups.save_backup_settings(s, clock, admin, str(usb), 3, PASS, PASS)
    made = backups.run_backup(store, clock, "manual", admin)
    tagged = next((usb / "scans" / doc.sha256[:2]).glob(f"{doc.sha256}.*.scan"))
    legacy = usb / "scans" / doc.sha256[:2] / f"{doc.sha256}.scan"
    tagged.rename(legacy)  # as an earlier version left it
    (usb / "scans" / "tag.salt").unlink()
    shutil.rmtree(data_dir / "scans")
    backups.stage_restore(store, admin, made.path, PASS)  # found under its old name
    assert files.read(doc.sha256)
    sealed_before = legacy.read_bytes()
    assert backup_files.save_files(store.path, data_dir, usb, PASS) == 0  # not sealed again
    now = next((usb / "scans" / doc.sha256[:2]).glob(f"{doc.sha256}.*.scan"))
    assert now.read_bytes() == sealed_before and not legacy.exists()
