"""Form 01's QR holds the status link on the hub when the desk syncs with one (issue 15)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.printing import service
from desk_app.store.engine import Store
from desk_app.store.models import Commune, Dossier
from desk_app.sync import protocol as p
from desk_app.sync import state
from tests.printing.conftest import Dossiers, pdf_pages_png
from tests.printing.test_print_barcodes import LOOKUP, decode

HUB = "https://hanhchinhcong.tinh.gov.vn"


def enrol(store: Store, clock: FixedClock, url: str = HUB + "/") -> None:
    """The desk as the enrolment leaves it: an active credential for the hub at ``url``."""
    with store.write() as s:
        agency = s.scalars(select(Commune.agency_code)).one()
        state.save_enrolment(s, url, p.Enrolment(7, "dk.7.secret", agency, "Xã thử",
                                                 clock.now()), clock.now())


def expected_key(uuid: str) -> str:
    digest = hashlib.sha256(b"desk_app citizen status link v1\x00" + uuid.encode()).digest()
    return base64.urlsafe_b64encode(digest[:15]).decode()


@pytest.mark.requires_poppler
@pytest.mark.parametrize("layout,copies", [("a4_two_up", 2), ("thermal80", 1)])
def test_with_a_hub_the_qr_holds_the_status_link(store: Store, clock: FixedClock,
                                                 dossiers: Dossiers, tmp_path: Path,
                                                 layout: str, copies: int) -> None:
    enrol(store, clock)
    with store.read() as s:
        rendered = service.render_form(s, dossiers.received, "01", now=clock.now(),
                                       layout=layout)
        d = s.get(Dossier, dossiers.received)
        code, uuid = d.code, d.uuid
    link = f"{HUB}/tra-cuu/{code}?k={expected_key(uuid)}"
    assert len(link) < 100  # a small QR: version 5 at most with error correction M
    got = decode(pdf_pages_png(rendered.pdf, tmp_path, 200)[0])
    assert got == sorted([("Code128", code)] * copies + [("QRCode", link)] * copies)


@pytest.mark.requires_poppler
def test_without_a_hub_the_qr_is_as_before(store: Store, clock: FixedClock,
                                           dossiers: Dossiers, tmp_path: Path) -> None:
    with store.write() as s:  # enrolled once, then the enrolment was given up
        agency = s.scalars(select(Commune.agency_code)).one()
        state.save_enrolment(s, HUB, p.Enrolment(7, "dk.7.secret", agency, "Xã thử",
                                                 clock.now()), clock.now())
    with store.write() as s:
        for row in s.scalars(select(state.SyncEnrolment)):
            row.active = False
    with store.read() as s:
        rendered = service.render_form(s, dossiers.received, "01", now=clock.now(),
                                       layout="a5")
        code = s.get(Dossier, dossiers.received).code
    assert decode(pdf_pages_png(rendered.pdf, tmp_path, 200)[0]) == [
        ("Code128", code), ("QRCode", LOOKUP.format(code=code))]
