"""A re-used document counts in its new dossier's limits as a scanned one does: re-using
earlier documents never makes a dossier larger than a clerk could scan into it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.clock import FixedClock
from desk_app.errors import ValidationError
from desk_app.scanning.assemble import pages_of
from desk_app.scanning.content import Limits
from desk_app.scanning.files import ScanFiles
from desk_app.services import scans
from desk_app.store.engine import Store
from desk_app.store.models import DossierComponent
from tests.scanning.conftest import clerk_id, picture, received


def test_a_reuse_over_the_dossiers_limit_is_refused(store: Store, clock: FixedClock,
                                                    data_dir: Path) -> None:
    files = ScanFiles.of_data_dir(data_dir)
    binh = clerk_id(store)
    first, comps1 = received(store, clock)
    two = pages_of(picture("PNG")) * 2
    with store.write() as s:  # the first visit: a two-page paper
        card = scans.attach(s, clock, binh, files, first, comps1[0], two, source="file")
    clock.advance(days=3)
    again, comps2 = received(store, clock)  # the citizen comes back
    with store.write() as s:  # two pages scanned into the new dossier
        scans.attach(s, clock, binh, files, again, comps2[1], two, source="file")
    # 2 + 2 pages would pass a limit of 4, not of 3
    with store.write() as s, pytest.raises(ValidationError) as exc:
        scans.reuse(s, clock, binh, files, again, comps2[0], card.id,
                    limits=Limits(dossier_pages=3))
    assert [(e.code, e.params["pages"]) for e in exc.value.errors] == [
        ("scan_dossier_too_many_pages", 4)]
    with store.read() as s:
        comp = s.get(DossierComponent, comps2[0])
        assert comp is not None and comp.scan_document_id is None
    with store.write() as s:
        got = scans.reuse(s, clock, binh, files, again, comps2[0], card.id,
                          limits=Limits(dossier_pages=4))
    assert got.source == "reused" and got.pages == 2
    # re-used again for the same component: it replaces itself, not counted twice
    with store.write() as s:
        scans.reuse(s, clock, binh, files, again, comps2[0], card.id,
                    limits=Limits(dossier_pages=4))
