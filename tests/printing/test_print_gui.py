"""The print dialog: preview, printing through CUPS and QPrinter, remembered choices, faults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.errors import KnownError
from desk_app.gui import hooks
from desk_app.gui.printing import install, job, qt_spool, uninstall
from desk_app.gui.printing.dialog import PrintDialog
from desk_app.printing import service
from desk_app.printing.prefs import load_prefs
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.printing.conftest import CLERK, Cups, Dossiers, contains, pdf_pages_png, pdf_text

# the offscreen platform's notes about window-manager features it lacks
pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing)")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fonts(qapp: object) -> None:
    from desk_app.gui.fonts import install_fonts

    install_fonts(qapp)  # type: ignore[arg-type]


def has_ink(dlg: PrintDialog) -> bool:
    img = dlg.view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = img.width(), img.height()
    return any(img.pixelColor(x, y).value() < 100 for x in range(0, w, 3)
               for y in range(0, h // 2, 3))


def close_boxes(dialog: PrintDialog) -> list[str]:
    texts = [b.text() for b in dialog.findChildren(QMessageBox)]
    for b in dialog.findChildren(QMessageBox):
        b.close()
    return texts


def dialog_for(qtbot: QtBot, store: Store, clock: FixedClock, dossier_id: int | None,
               form: str = "01", **kw: object) -> PrintDialog:
    dlg = PrintDialog(None, store, clock, CLERK, dossier_id, form, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    return settled(qtbot, dlg)


def settled(qtbot: QtBot, dlg: PrintDialog) -> PrintDialog:
    """The dialog once its preview (rendered on a worker) is shown."""
    qtbot.waitUntil(lambda: dlg.idle, timeout=20_000)
    return dlg


def print_and_wait(qtbot: QtBot, dlg: PrintDialog, timeout: int = 60_000) -> job.Outcome:
    with qtbot.waitSignal(dlg.outcome, timeout=timeout) as blocker:
        dlg.print_now()
    return blocker.args[0]  # type: ignore[no-any-return]


def test_preview_shows_the_pdf_that_will_print(qtbot: QtBot, store: Store, clock: FixedClock,
                                               dossiers: Dossiers, tmp_path: Path) -> None:
    dlg = dialog_for(qtbot, store, clock, dossiers.extended, "04",
                     printers=lambda: ["Quầy 1", "Quầy 2"])
    assert [dlg.form_box.itemData(i) for i in range(dlg.form_box.count())] == ["01", "04", "06"]
    assert dlg.form == "04" and not dlg.copies_row.isVisibleTo(dlg)
    assert dlg.doc.status() == QPdfDocument.Status.Ready and dlg.doc.pageCount() >= 1
    dlg.form_box.setCurrentIndex(0)
    settled(qtbot, dlg)
    assert dlg.form == "01" and dlg.copies_row.isVisibleTo(dlg)
    assert dlg.layout_box.currentData() == "a4_two_up" and dlg.paper_label.text() == "A4"
    dlg.layout_box.setCurrentIndex(dlg.layout_box.findData("thermal80"))
    settled(qtbot, dlg)
    assert dlg.rendered is not None and dlg.rendered.layout == "thermal80"
    assert dlg.paper_label.text() == "80mm"
    dlg.layout_box.setCurrentIndex(dlg.layout_box.findData("a4_two_up"))
    settled(qtbot, dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    qtbot.waitUntil(lambda: has_ink(dlg), timeout=5000)  # QPdfView renders in a thread
    screens = Path(os.environ.get("DESK_APP_SCREENS") or tmp_path)  # docs/screens to refresh
    screens.mkdir(parents=True, exist_ok=True)
    assert dlg.grab().scaled(900, 620).save(str(screens / "print_dialog.png"))


def test_printer_fault_is_a_message_and_nothing_is_lost(qtbot: QtBot, store: Store,
                                                        clock: FixedClock, dossiers: Dossiers,
                                                        data_dir: Path) -> None:
    def out_of_paper(_pdf: Path, printer: str, _r: service.Rendered) -> None:
        raise KnownError("printer_out_of_paper", "media-empty-error", printer=printer)

    dlg = dialog_for(qtbot, store, clock, dossiers.received, sender=out_of_paper,
                     printers=lambda: ["Quầy 1"])
    dlg.show()
    outcome = print_and_wait(qtbot, dlg)
    assert not outcome.sent and outcome.row is None
    assert outcome.text.startswith("Không in được: Máy in \"Quầy 1\" hết giấy")
    assert dlg.isVisible()  # still open: retry or another printer
    assert "Máy in \"Quầy 1\" hết giấy" in dlg.error_label.text()
    assert "Hồ sơ đã được lưu, không bị mất" in dlg.error_label.text()
    assert any("hết giấy" in t for t in close_boxes(dlg))
    with store.read() as s:
        assert service.printed_history(s, dossiers.received) == []
        assert s.get(Dossier, dossiers.received).status == "received"

    dlg2 = dialog_for(qtbot, store, clock, dossiers.received, printers=lambda: [])
    dlg2.print_now()
    assert dlg2.idle and dlg2.error_label.text().startswith("Chưa chọn máy in")


def test_qprinter_path_prints_a_scannable_page(qtbot: QtBot, store: Store, clock: FixedClock,
                                               dossiers: Dossiers, tmp_path: Path) -> None:
    """The Windows path (QPrinter, pages rendered by QtPdf) into a PDF file."""
    with store.read() as s:
        rendered = service.render_form(s, dossiers.received, "01", now=clock.now(),
                                       layout="a5")
        code = s.get(Dossier, dossiers.received).code
    src = tmp_path / "in.pdf"
    src.write_bytes(rendered.pdf)
    out = tmp_path / "qt.pdf"
    pages = len(PdfReader(src).pages)
    assert qt_spool.print_pdf(src, "", title=rendered.title, output_file=str(out)) == pages
    assert len(PdfReader(out).pages) == pages
    img = pdf_pages_png(out, tmp_path, 200, stem="qt")[0]
    assert img.size[0] < img.size[1]  # A5 portrait kept
    found = {(b.format.name, b.text) for b in zxingcpp.read_barcodes(img.convert("L"))}
    assert ("Code128", code) in found
    with pytest.raises(KnownError) as info:
        qt_spool.print_pdf(src, "Khong-co-may-in-nay")
    assert info.value.code == "printer_not_found"


def test_intake_offers_the_slip_and_the_dossier_page_can_print(
        qtbot: QtBot, store: Store, clock: FixedClock, dossiers: Dossiers) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    ctl = install(window, store, clock, clerk_id=lambda: CLERK)
    try:
        assert ctl.action in hooks.dossier_menu_actions
        hooks.call_all(hooks.after_intake, dossiers.received)
        assert ctl.last_dialog is not None and ctl.last_dialog.form == "01"
        assert ctl.last_dialog.isVisible()
        hooks.call_all(hooks.after_intake, dossiers.refused)
        assert ctl.last_dialog.form == "03"
        hooks.call_all(hooks.after_intake, dossiers.supplement)
        assert ctl.last_dialog.form == "02"
        ctl.action.run(window, dossiers.stopped)
        assert [ctl.last_dialog.form_box.itemData(i)
                for i in range(ctl.last_dialog.form_box.count())] == ["01", "05", "06"]
        ctl.print_register()
        assert ctl.last_dialog.form == "07" and ctl.last_dialog.dates_row.isVisibleTo(
            ctl.last_dialog)
        assert [a.text() for a in window.menuBar().actions()] == ["&In"]
    finally:
        uninstall(ctl)
    assert ctl.action not in hooks.dossier_menu_actions
    assert ctl.after_intake not in hooks.after_intake


@pytest.mark.requires_poppler
@pytest.mark.slow
def test_print_dialog_through_cups_remembers_the_printer(
        qtbot: QtBot, cups: Cups, store: Store, clock: FixedClock, dossiers: Dossiers,
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUPS_SERVER", str(cups.socket))
    assert os.environ["CUPS_SERVER"] == str(cups.socket)
    dlg = dialog_for(qtbot, store, clock, dossiers.received, printers=lambda: [cups.queue])
    dlg.layout_box.setCurrentIndex(dlg.layout_box.findData("a5"))
    dlg.copy1.setChecked(False)  # only the applicant's copy
    before = len(list(cups.out.glob("*.pdf")))
    outcome = print_and_wait(qtbot, dlg)
    row = outcome.row
    assert outcome.sent and row is not None and not dlg.isVisible()
    assert outcome.job.startswith(f"{cups.queue}-")
    code = dlg.rendered.code  # type: ignore[union-attr]
    assert outcome.text == (f"Đã gửi lệnh in mẫu 01 (hồ sơ {code}) tới máy in "
                            f"\"{cups.queue}\", mã lệnh in: {outcome.job}.")
    assert (row.printer, row.layout, row.copies, row.reprint) == (cups.queue, "a5", "2", False)
    out = cups.wait_for_output(before + 1)[-1]
    text = pdf_text(out, tmp_path)
    assert contains(text, "(Liên 2: Giao người nộp)") and "Liên 1" not in text
    with store.read() as s:
        prefs = load_prefs(s, "01")
    assert (prefs.printer, prefs.layout, prefs.copies) == (cups.queue, "a5", [2])

    again = dialog_for(qtbot, store, clock, dossiers.received,
                       printers=lambda: ["Khác", cups.queue])
    assert again.printer_box.currentText() == cups.queue
    assert again.layout_box.currentData() == "a5" and not again.copy1.isChecked()
    assert again.rendered is not None and again.rendered.reprint
    assert not again.reprint_label.isHidden()


def test_save_as_pdf_keeps_and_logs_the_copy(qtbot: QtBot, store: Store, clock: FixedClock,
                                             dossiers: Dossiers, tmp_path: Path) -> None:
    dlg = dialog_for(qtbot, store, clock, dossiers.refused, printers=lambda: [])
    assert dlg.form == "03"
    target = tmp_path / "phieu03.pdf"
    row = dlg.save_pdf_to(target)
    assert row is not None and row.printer == "" and row.form_code == "03"
    assert dlg.rendered is not None and target.read_bytes() == dlg.rendered.pdf
    bad = dlg.save_pdf_to(tmp_path / "no-such-folder" / "x.pdf")
    assert bad is None and "Không lưu được tệp PDF" in dlg.error_label.text()
    close_boxes(dlg)
    with store.read() as s:
        assert [r.form_code for r in service.printed_history(s, dossiers.refused)] == ["03"]
