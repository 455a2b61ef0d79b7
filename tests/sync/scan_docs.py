"""Digitised documents at a real desk for the sync tests: through the scan services (real
PDFs from images), or, for size, a file of given bytes recorded the way ``scans.attach``
records one (its row and its ``document.attached`` event in one transaction)."""

from __future__ import annotations

import hashlib
import os
import uuid as uuid_mod
from pathlib import Path

from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.scanning.assemble import Page
from desk_app.scanning.files import ScanFiles
from desk_app.services import scans
from desk_app.store.engine import Store
from desk_app.store.models import Dossier, DossierComponent
from desk_app.store.models_scans import ScanDocument
from tests.scanning.conftest import clerk_id, picture, received


def files_of(store: Store) -> ScanFiles:
    return ScanFiles.of_data_dir(store.path.parent)


def scanned(store: Store, clock: FixedClock, id_number: str = "001090012345",
            pages: int = 2) -> tuple[int, list[int], scans.DocumentInfo]:
    """A dossier received, its first component scanned (``pages`` real pages)."""
    dossier, comps = received(store, clock, id_number)
    imgs = [Page(picture("PNG", (300 + 10 * i, 400)), "png") for i in range(pages)]
    with store.write() as s:
        doc = scans.attach(s, clock, clerk_id(store), files_of(store), dossier, comps[0],
                           imgs, source="scanner")
    return dossier, comps, doc


def big_document(store: Store, clock: FixedClock, nbytes: int,
                 id_number: str = "001090054321") -> str:
    """A dossier whose first component holds ``nbytes`` random bytes; their SHA-256."""
    dossier_id, comps = received(store, clock, id_number)
    data = os.urandom(nbytes)
    stored = files_of(store).put(data)
    with store.write() as s:
        dossier = s.get(Dossier, dossier_id)
        comp = s.get(DossierComponent, comps[0])
        assert dossier is not None and comp is not None
        doc = ScanDocument(uuid=str(uuid_mod.uuid4()), dossier_id=dossier.id,
                           component_id=comp.id, role="component", name=comp.name,
                           sha256=stored.sha256, size=stored.size, pages=1, kind="pdf",
                           source="file", dpi=200, mode="gray", page_info=[],
                           created_at=clock.now(), created_by=clerk_id(store))
        s.add(doc)
        s.flush()
        comp.scan_document_id = doc.id
        scans.document_event(s, doc, dossier, comp)
    return stored.sha256


def desk_hashes(store: Store) -> set[str]:
    with store.read() as s:
        return set(s.scalars(select(ScanDocument.sha256)))


def hub_file(root: Path, sha: str) -> Path | None:
    """The hub's copy of a file (any commune's folder), checked by reading it whole."""
    found = list(root.glob(f"c*/{sha[:2]}/{sha}.pdf"))
    return found[0] if found else None


def hub_holds(root: Path, shas: set[str]) -> None:
    """Every file is at the hub exactly once, byte-identical (SHA-256 of the hub's bytes)."""
    for sha in shas:
        copies = list(root.glob(f"c*/{sha[:2]}/{sha}.pdf"))
        assert len(copies) == 1, f"{sha}: {len(copies)} copies at the hub"
        assert hashlib.sha256(copies[0].read_bytes()).hexdigest() == sha
    assert not [p for p in root.glob("c*/partial/*.part")], "a partial file was left behind"
