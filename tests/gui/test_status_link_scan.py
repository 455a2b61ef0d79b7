"""A form 01 slip whose QR holds the status link on the hub still opens its dossier when
scanned at the desk (the scanner types the QR's text, then Enter)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui.main_window import MainWindow
from desk_app.printing import service
from desk_app.store.engine import Store
from tests.gui.conftest import scan, type_text
from tests.gui.test_dossier_flow import receive
from tests.printing.conftest import pdf_pages_png
from tests.printing.test_print_barcodes import decode
from tests.printing.test_print_status_qr import HUB, enrol, expected_key


@pytest.mark.requires_poppler
def test_the_scanned_status_link_opens_the_dossier(qtbot: QtBot, store: Store,
                                                   clock: FixedClock, window: MainWindow,
                                                   tmp_path: Path) -> None:
    enrol(store, clock)
    dossier_id, code = receive(store, clock)
    with store.read() as s:
        pdf = service.render_form(s, dossier_id, "01", now=clock.now(), layout="a5").pdf
        uuid = service.load_dossier(s, dossier_id).uuid
    qr = [text for kind, text in decode(pdf_pages_png(pdf, tmp_path, 200)[0]) if kind == "QRCode"]
    assert qr == [f"{HUB}/tra-cuu/{code}?k={expected_key(uuid)}"]
    # the clerk is half-way through another intake when the citizen hands over the slip
    name = window.intake.applicant.line("full_name")
    name.setFocus()
    type_text("Lê Văn")
    scan(qr[0])
    qtbot.waitUntil(lambda: not window.searching)
    assert name.text() == "Lê Văn"  # the link did not end up in the name
    assert window.tabs.currentWidget() is window.dossier
    assert window.dossier.view is not None and window.dossier.view.id == dossier_id
    # into the search box, as F8 asks for the slip
    window.dossier.view = None
    window.tabs.setCurrentWidget(window.intake)
    window.search.setFocus()
    scan(qr[0])
    qtbot.waitUntil(lambda: not window.searching)
    assert window.search.text() == ""
    assert window.dossier.view is not None and window.dossier.view.id == dossier_id
