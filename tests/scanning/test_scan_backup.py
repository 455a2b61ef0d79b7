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
    sealed = usb / "scans" / doc.sha256[:2] / f"{doc.sha256}.scan"
    first_bytes = sealed.read_bytes()
    assert original not in first_bytes and b"JFIF" not in first_bytes  # sealed, not readable
    backups.run_backup(store, clock, "daily")  # written once: the next backup keeps it as is
    assert sealed.read_bytes() == first_bytes
    assert sorted(p.name for p in (usb / "scans").rglob("*") if p.is_file()) == [sealed.name]

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
