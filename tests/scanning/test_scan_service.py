"""Pages from SANE's test device into a component, the watched folder, one file for the same
bytes, re-use for a returning citizen, and the figures the reports read."""

from __future__ import annotations

import io
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.errors import KnownError, ValidationError
from desk_app.scanning import sane
from desk_app.scanning.assemble import pages_of
from desk_app.scanning.content import Limits
from desk_app.scanning.files import ScanFiles
from desk_app.scanning.watch import WatchedFolder
from desk_app.services import scans
from desk_app.services.reports import month_counts
from desk_app.store.engine import Store
from desk_app.store.models import DossierComponent
from desk_app.store.models_audit import AuditRecord
from desk_app.store.models_scans import ScanDocument
from tests.scanning.conftest import clerk_id, picture, received

needs_sane = pytest.mark.skipif(shutil.which("scanimage") is None,
                                reason="sane-utils (tools/apt/test-scanning.txt)")


@needs_sane
def test_two_pages_from_the_sane_test_device_into_a_component(
        store: Store, clock: FixedClock, data_dir: Path) -> None:
    got = sane.scan(sane.ScanSettings(device="test", resolution=200, mode="gray", fmt="png",
                                      pages=2, extra=("--test-picture", "Grid")))
    assert len(got) == 2
    pages = [p for data in got for p in pages_of(data)]
    dossier, comps = received(store, clock)
    files = ScanFiles.of_data_dir(data_dir)
    with store.write() as s:
        doc = scans.attach(s, clock, clerk_id(store), files, dossier, comps[0], pages,
                           source="scanner")
    assert (doc.pages, doc.source, doc.dpi, doc.mode, doc.role) == (2, "scanner", 200, "gray",
                                                                   "component")
    on_disk = data_dir / doc.path
    assert on_disk.read_bytes() == files.read(doc.sha256)
    reader = PdfReader(io.BytesIO(on_disk.read_bytes()))
    # SANE's test device gives 629 x 787 pixels at 200 dpi: 226.44 x 283.32 points
    assert [[round(float(v), 2) for v in p.mediabox] for p in reader.pages] == \
        [[0, 0, 226.44, 283.32]] * 2
    with store.read() as s:
        comp = s.get(DossierComponent, comps[0])
        assert comp is not None and comp.digitised and comp.scan_document_id == doc.id
        other = s.get(DossierComponent, comps[1]) if len(comps) > 1 else None
        assert other is None or not other.digitised
        last = s.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
        assert last is not None and last.action == "dossier.scan"
        assert last.change["sha256"] == doc.sha256 and last.change["pages"] == 2


@needs_sane
def test_a_scanner_that_is_not_there_is_a_known_error() -> None:
    with pytest.raises(KnownError) as exc:
        sane.scan(sane.ScanSettings(device="nosuchbackend:xyz", timeout=30))
    assert exc.value.code == "scanner_failed"
    with pytest.raises(KnownError) as exc:
        sane.scan(sane.ScanSettings(device="test"), program="no-scanimage-here")
    assert exc.value.code == "scanner_missing"


def test_the_same_bytes_are_one_file_and_orphans_go(tmp_path: Path) -> None:
    files = ScanFiles(tmp_path / "scans")
    first, again = files.put(b"%PDF-1.4 one"), files.put(b"%PDF-1.4 one")
    assert (first.written, again.written) == (True, False)
    assert first.path == again.path == tmp_path / "scans" / first.sha256[:2] / (
        first.sha256 + ".pdf")
    other = files.put(b"%PDF-1.4 two")
    stale = other.path.parent / f".{other.sha256}.123.tmp"
    stale.write_bytes(b"half")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [first.path.name, other.path.name, stale.name])
    old = other.path.stat().st_mtime + 10
    os.utime(first.path, (old - 3600, old - 3600))
    os.utime(other.path, (old - 3600, old - 3600))
    os.utime(stale, (old - 3600, old - 3600))
    assert sorted(files.remove_orphans({first.sha256}, older_than=old)) == sorted(
        [other.path, stale])
    assert files.hashes() == {first.sha256}
    assert files.remove_orphans(set(), older_than=old - 7200) == []  # too recent: kept


def test_the_watched_folder_takes_finished_files_once(tmp_path: Path) -> None:
    folder = tmp_path / "may-quet"
    folder.mkdir()
    jpg = picture("JPEG")
    (folder / "scan001.jpg").write_bytes(jpg[: len(jpg) // 2])  # being written
    (folder / "scan002.pdf.part").write_bytes(b"%PDF-")  # a temporary name
    (folder / "ghi-chu.txt").write_bytes(b"not a scan")
    watch = WatchedFolder(folder)
    assert watch.poll().taken == []  # first sight: nothing is known stable
    second = watch.poll()
    assert second.taken == [] and "scan001.jpg" in second.waiting  # stable but cut: waits
    (folder / "scan001.jpg").write_bytes(jpg)  # the scanner finished it
    assert watch.poll().taken == []  # changed since: not yet
    third = watch.poll()
    assert [(t.name, t.data) for t in third.taken] == [("scan001.jpg", jpg)]
    assert third.taken[0].moved_to == folder / "da-nhan" / "scan001.jpg"
    # the text file, the same at four polls in a row and not a document, is put aside
    assert third.refused == [("ghi-chu.txt", "scan_not_document")]
    later = watch.poll()
    assert (later.taken, later.refused) == ([], [])  # each file once
    assert (folder / "khong-nhan" / "ghi-chu.txt").exists()
    assert sorted(p.name for p in folder.iterdir()) == ["da-nhan", "khong-nhan",
                                                          "scan002.pdf.part"]


def test_reuse_for_a_returning_citizen_and_the_figures(
        store: Store, clock: FixedClock, data_dir: Path) -> None:
    files = ScanFiles.of_data_dir(data_dir)
    binh = clerk_id(store)
    first, comps1 = received(store, clock)
    card = pages_of(picture("JPEG"))
    with store.write() as s:
        id_copy = scans.attach(s, clock, binh, files, first, comps1[0], card, source="file",
                               valid_until=date(2035, 3, 15))
        result = scans.attach(s, clock, binh, files, first, None, pages_of(picture("PNG")),
                              source="folder")
    assert result.role == "result" and result.component_id is None
    other, _ = received(store, clock, id_number="001085000123", birth=date(1985, 6, 1))
    clock.set(datetime(2026, 11, 25, 9, 0))
    again, comps2 = received(store, clock)  # the same citizen comes back
    with store.read() as s:
        offered = scans.reusable(s, "001090012345", clock.now().date(), exclude_dossier=again)
    assert [(r.document.id, r.document.name) for r in offered] == [(id_copy.id, id_copy.name)]
    with store.write() as s:
        reused = scans.reuse(s, clock, binh, files, again, comps2[0], id_copy.id)
    assert (reused.source, reused.reused_from_id, reused.sha256) == ("reused", id_copy.id,
                                                                     id_copy.sha256)
    with store.read() as s:  # one file for both dossiers
        assert files.hashes() == {id_copy.sha256, result.sha256}
        assert s.scalar(select(ScanDocument.id).where(ScanDocument.dossier_id == again)) \
            == reused.id
    fourth, comps3 = received(store, clock, id_number="001085000123", birth=date(1985, 6, 1))
    with store.write() as s, pytest.raises(KnownError) as exc:  # not this citizen's
        scans.reuse(s, clock, binh, files, fourth, comps3[0], id_copy.id)
    assert exc.value.code == "scan_not_reusable"
    with store.read() as s:  # expired documents are not offered
        assert scans.reusable(s, "001090012345", date(2035, 3, 16)) == []
        counts = month_counts(s, date(2026, 11, 1), date(2026, 11, 30), clock.now())
    # 4 dossiers received; the first has its ID copy and its result digitised, the third
    # re-uses the ID copy: 2 dossiers and 2 components digitised, 1 result, 1 re-use
    assert counts.kinds["received"] == 4 and other != fourth
    assert (counts.digitised_results, counts.digitised_dossiers, counts.digitised_components,
            counts.reused_documents) == (1, 2, 2, 1)


def test_limits_of_a_component_and_a_dossier(store: Store, clock: FixedClock,
                                              data_dir: Path) -> None:
    files = ScanFiles.of_data_dir(data_dir)
    dossier, comps = received(store, clock)
    three = pages_of(picture("PNG")) * 3
    with store.write() as s, pytest.raises(ValidationError) as exc:
        scans.attach(s, clock, clerk_id(store), files, dossier, comps[0], three,
                     source="file", limits=Limits(component_pages=2))
    assert [e.code for e in exc.value.errors] == ["scan_too_many_pages"]
    with store.write() as s:
        scans.attach(s, clock, clerk_id(store), files, dossier, comps[0], three[:2],
                     source="file", limits=Limits(dossier_pages=4))
    with store.write() as s, pytest.raises(ValidationError) as exc:
        scans.attach(s, clock, clerk_id(store), files, dossier, None, three,
                     source="file", limits=Limits(dossier_pages=4))
    assert [(e.code, e.params["pages"]) for e in exc.value.errors] == [
        ("scan_dossier_too_many_pages", 5)]
    with store.read() as s:
        assert len(scans.documents_of(s, dossier)) == 1
    with store.write() as s, pytest.raises(KnownError) as known:  # no month without a name
        scans.attach(s, clock, 999, files, dossier, None, three, source="file")
    assert known.value.code == "clerk_not_found"


def test_a_province_may_keep_digitising_from_a_role(
        store: Store, clock: FixedClock, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Digitising is its own action (not "hand over for processing"): narrowed to leaders, a
    clerk is refused with its own words and nothing is kept."""
    from desk_app.core import permissions
    from tests.scanning.conftest import picture

    monkeypatch.setitem(permissions.ALLOWED, permissions.Action.DIGITISE,
                        frozenset({"leader", "admin"}))
    dossier, comps = received(store, clock)
    files = ScanFiles.of_data_dir(data_dir)
    with pytest.raises(KnownError) as info, store.write() as s:
        scans.attach(s, clock, clerk_id(store), files, dossier, comps[0],
                     pages_of(picture("PNG")), source="file")
    assert info.value.code == "forbidden" and info.value.params["action"] == "digitise"
    with store.read() as s:
        assert s.scalar(select(ScanDocument.id)) is None
    assert not list((data_dir / "scans").rglob("*.pdf"))
    with store.write() as s:  # a leader still may
        doc = scans.attach(s, clock, clerk_id(store, "lan"), files, dossier, comps[0],
                           pages_of(picture("PNG")), source="file")
    assert doc.pages == 1
