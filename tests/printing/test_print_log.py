"""The printed-forms log: the PDF kept with the dossier, reprints marked, failures harmless."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.errors import KnownError
from desk_app.printing import service
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from desk_app.store.models_printing import PrintedForm
from tests.printing.conftest import CLERK, Dossiers, pdf_text


def printed(store: Store) -> list[PrintedForm]:
    with store.read() as s:
        return list(s.scalars(select(PrintedForm).order_by(PrintedForm.id)))


@pytest.mark.requires_poppler
def test_first_print_then_reprint(store: Store, clock: FixedClock, data_dir: Path,
                                  dossiers: Dossiers, tmp_path: Path) -> None:
    sent: list[bytes] = []
    with store.read() as s:
        first = service.render_form(s, dossiers.received, "01", now=clock.now())
    assert not first.reprint
    row = service.deliver(store, clock, CLERK, data_dir, first,
                          lambda p: sent.append(p.read_bytes()), "Máy in quầy 1")
    assert sent == [first.pdf]
    with store.read() as s:
        uuid = s.get(Dossier, dossiers.received).uuid
    assert row.pdf_path.startswith(f"printed/{uuid}/01-")
    kept = data_dir / row.pdf_path
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == row.pdf_sha256 == first.sha256
    assert (row.form_code, row.layout, row.copies, row.printer, row.paper, row.reprint,
            row.clerk_id, row.printed_at) == ("01", "a4_two_up", "1,2", "Máy in quầy 1", "A4",
                                              False, CLERK, clock.now())

    clock.advance(minutes=5)
    with store.read() as s:
        again = service.render_form(s, dossiers.received, "01", now=clock.now())
    assert again.reprint
    assert pdf_text(again.pdf, tmp_path).count("BẢN IN LẠI") >= 2  # mark + code caption
    service.deliver(store, clock, CLERK, data_dir, again, lambda p: None, "Máy in quầy 1")
    rows = printed(store)
    assert [r.reprint for r in rows] == [False, True]
    assert all(service.verify_pdf(data_dir, r) for r in rows)
    # another form of the same dossier is not a reprint
    with store.read() as s:
        assert not service.render_form(s, dossiers.received, "06", now=clock.now()).reprint


def test_failed_print_logs_nothing_and_keeps_the_dossier(store: Store, clock: FixedClock,
                                                         data_dir: Path,
                                                         dossiers: Dossiers) -> None:
    with store.read() as s:
        rendered = service.render_form(s, dossiers.received, "01", now=clock.now())
        before = s.get(Dossier, dossiers.received).updated_at

    def out_of_paper(path: Path) -> None:
        raise KnownError("printer_out_of_paper", "media-empty-error", printer="Quầy 1")

    with pytest.raises(KnownError) as info:
        service.deliver(store, clock, CLERK, data_dir, rendered, out_of_paper, "Quầy 1")
    assert info.value.code == "printer_out_of_paper"
    assert printed(store) == []
    assert not any((data_dir / "printed").rglob("*.pdf"))
    with store.read() as s:
        d = s.get(Dossier, dossiers.received)
        assert d is not None and d.updated_at == before and d.status == "received"
        assert s.scalar(select(func.count(Dossier.id))) == 6
        # the retry is still the original print, not a reprint
        assert not service.render_form(s, dossiers.received, "01", now=clock.now()).reprint


def test_register_print_is_logged_without_a_dossier(store: Store, clock: FixedClock,
                                                    data_dir: Path, dossiers: Dossiers) -> None:
    from datetime import date

    with store.read() as s:
        reg = service.render_register(s, date(2026, 11, 1), date(2026, 11, 30), now=clock.now())
    row = service.deliver(store, clock, 1, data_dir, reg, lambda p: None, "")
    assert row.dossier_id is None and row.form_code == "07"
    assert row.params == {"from": "2026-11-01", "to": "2026-11-30", "rows": 6}
    assert row.pdf_path.startswith("printed/register/07-")


def test_a_changed_kept_pdf_is_detected(store: Store, clock: FixedClock, data_dir: Path,
                                        dossiers: Dossiers) -> None:
    with store.read() as s:
        rendered = service.render_form(s, dossiers.refused, "03", now=clock.now())
    row = service.deliver(store, clock, CLERK, data_dir, rendered, lambda p: None, "")
    (data_dir / row.pdf_path).write_bytes(b"%PDF-1.4 forged")
    assert not service.verify_pdf(data_dir, row)
