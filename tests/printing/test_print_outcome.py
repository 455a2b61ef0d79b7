"""After "In" the clerk is told what became of the print; nothing slow runs on the GUI thread.

The hung spooler is a real one: the test cupsd stopped with SIGSTOP (it accepts connections and
answers nothing, as a wedged cupsd does), then continued with SIGCONT.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.errors import KnownError
from desk_app.gui.main_window import MainWindow
from desk_app.gui.printing import actions, install, job, uninstall
from desk_app.gui.printing.dialog import PrintDialog
from desk_app.gui.printing.texts import print_error_text
from desk_app.printing import service
from desk_app.printing.spool import _REASON_CODES, CupsSpooler
from desk_app.store.engine import Store
from tests.gui.conftest import open_window
from tests.printing.conftest import CLERK, Cups, Dossiers

pytestmark = pytest.mark.qt_log_ignore(
    r"This plugin does not support (propagateSizeHints|raise|grabbing)")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fonts(qapp: object) -> None:
    from desk_app.gui.fonts import install_fonts

    install_fonts(qapp)  # type: ignore[arg-type]


KNOWN = {cls.__name__ for cls in (KnownError, *KnownError.__subclasses__())}


def printing_codes() -> set[str]:
    """Every KnownError code the printing code raises, read from its source."""
    codes = {code for _reason, code in _REASON_CODES}
    for folder in ("desk_app/printing", "desk_app/gui/printing"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") in KNOWN \
                        and node.args and isinstance(node.args[0], ast.Constant):
                    codes.add(str(node.args[0].value))
    return codes


def test_every_print_fault_reads_in_vietnamese() -> None:
    codes = printing_codes()
    assert {"printer_not_found", "printer_stopped", "print_system_unavailable",
            "print_system_timeout", "printer_out_of_paper", "bad_layout"} <= codes
    for code in sorted(codes):
        text = print_error_text(KnownError(code, "detail", printer="Quầy 1", seconds=30,
                                           path="/media/usb/x.pdf", form="04"))
        assert code not in text and "detail" not in text, (code, text)
        assert "Không thực hiện được" not in text and "{" not in text, (code, text)


@pytest.fixture
def window(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
           ) -> Iterator[MainWindow]:
    """The real main window with printing plugged in (as start-up does)."""
    main = open_window(qtbot, store, clock, data_dir)
    ctl = install(main, store, clock, clerk_id=lambda: CLERK, data_dir=data_dir,
                  offer_after_intake=False)
    yield main
    uninstall(ctl)


def print_dialog(qtbot: QtBot, parent: QWidget, store: Store, clock: FixedClock,
                 dossier_id: int | None, form: str, printers: list[str] | None = None,
                 **kw: object) -> PrintDialog:
    """An open print dialog, preview shown; ``printers`` None: the system's (CUPS_SERVER)."""
    if printers is not None:
        kw["printers"] = lambda: printers
    dlg = PrintDialog(parent, store, clock, CLERK, dossier_id, form, **kw)  # type: ignore[arg-type]
    dlg.open()
    qtbot.waitUntil(lambda: dlg.idle, timeout=20_000)
    return dlg


def descends_from(widget: QWidget, ancestor: QWidget) -> bool:
    """``ancestor`` is a parent of ``widget``, at any level, windows included."""
    parent = widget.parentWidget()
    while parent is not None and parent is not ancestor:
        parent = parent.parentWidget()
    return parent is ancestor


class Heartbeat(QObject):
    """Asks ``widget`` to repaint every 50 ms and counts the paints it got."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget, self.paints = widget, 0
        widget.installEventFilter(self)
        self.timer = QTimer(self, interval=50)
        self.timer.timeout.connect(widget.update)
        self.timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False

    def stop(self) -> None:
        self.timer.stop()
        self.widget.removeEventFilter(self)


@contextmanager
def hung(cups: Cups) -> Iterator[None]:
    os.kill(cups.proc.pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(cups.proc.pid, signal.SIGCONT)


@pytest.mark.slow
def test_the_clerk_reads_the_queue_and_job_id_or_why_not(
        qtbot: QtBot, cups: Cups, store: Store, clock: FixedClock, window: MainWindow,
        dossiers: Dossiers, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("CUPS_SERVER", str(cups.socket))
    dlg = print_dialog(qtbot, window, store, clock, dossiers.received, "01", [cups.queue])
    code = dlg.rendered.code  # type: ignore[union-attr]
    before = len(list(cups.out.glob("*.pdf")))
    with caplog.at_level(logging.INFO), qtbot.waitSignal(dlg.outcome, timeout=60_000) as sig:
        dlg.print_button.click()
    outcome: job.Outcome = sig.args[0]
    assert outcome.sent and re.fullmatch(rf"{cups.queue}-\d+", outcome.job)
    expected = (f"Đã gửi lệnh in mẫu 01 (hồ sơ {code}) tới máy in \"{cups.queue}\", "
                f"mã lệnh in: {outcome.job}.")
    assert window.statusBar().currentMessage() == expected
    assert not dlg.isVisible()
    assert f"to {cups.queue}, job {outcome.job}" in caplog.text
    cups.wait_for_output(before + 1)

    cups.run("cupsdisable", cups.queue)  # the printer is paused: the reason, in words
    try:
        dlg = print_dialog(qtbot, window, store, clock, dossiers.received, "01", [cups.queue])
        with qtbot.waitSignal(dlg.outcome, timeout=60_000) as sig:
            dlg.print_button.click()
    finally:
        cups.run("cupsenable", cups.queue)
    assert not sig.args[0].sent
    reason = f"Máy in \"{cups.queue}\" đang tạm dừng."
    assert window.statusBar().currentMessage() == f"Không in được: {reason}"
    assert dlg.isVisible() and dlg.error_label.text().startswith(reason)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text().split("\n")[0] for b in boxes] == [reason]
    assert "printer_stopped" not in window.statusBar().currentMessage()


@pytest.mark.requires_posix
@pytest.mark.slow
def test_a_hung_cupsd_never_freezes_the_window(
        qtbot: QtBot, cups: Cups, store: Store, clock: FixedClock, window: MainWindow,
        dossiers: Dossiers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUPS_SERVER", str(cups.socket))
    dlg = print_dialog(qtbot, window, store, clock, None, "07")
    assert dlg.printer_box.currentText() == cups.queue  # the first of the system's printers
    before = len(list(cups.out.glob("*.pdf")))
    beat = Heartbeat(dlg)
    with hung(cups):
        started = time.monotonic()
        dlg.print_button.click()
        assert time.monotonic() - started < 1.0  # the click handler returned at once
        assert dlg.sending and "Đang gửi lệnh in" in dlg.busy_label.text()
        screens = os.environ.get("DESK_APP_SCREENS")  # docs/screens to refresh them
        if screens:
            qtbot.wait(100)
            dlg.grab().scaled(900, 620).save(str(Path(screens) / "print_dialog_sending.png"))
        paints_before = beat.paints
        qtbot.wait(1500)
        assert beat.paints - paints_before >= 10  # ~30 asked for in 1.5 s
        # typing still reaches the dialog, and the preview follows it while the print hangs
        dlg.date_from.setFocus()
        dlg.date_from.setSelectedSection(dlg.date_from.Section.DaySection)
        qtbot.keyClicks(dlg.date_from, "05")
        assert dlg.date_from.date().day() == 5
        with qtbot.waitSignal(dlg.previewed, timeout=10_000) as preview:
            pass
        assert preview.args[0].params["from"] == "2026-12-05"
        assert dlg.sending  # the spooler still answers nothing
        dlg.close_button.click()  # the clerk goes back to work; the job keeps waiting
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        window.search.setFocus()
        qtbot.keyClicks(window.search, "tim ho so")
        assert window.search.text() == "tim ho so"
    beat.stop()
    # cupsd continued: the job goes out and the clerk reads it (the dialog is gone)
    qtbot.waitUntil(lambda: "mã lệnh in" in window.statusBar().currentMessage(),
                    timeout=60_000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Đã gửi lệnh in mẫu 07 tới máy in \"DeskPDF\", mã lệnh in: DeskPDF-")
    if screens:
        window.grab().save(str(Path(screens) / "print_sent_statusbar.png"))
    cups.wait_for_output(before + 1)


@pytest.mark.requires_posix
@pytest.mark.slow
def test_the_slip_offered_after_intake_opens_and_prints_while_cupsd_hangs(
        qtbot: QtBot, cups: Cups, store: Store, clock: FixedClock, data_dir: Path,
        window: MainWindow,
        dossiers: Dossiers, monkeypatch: pytest.MonkeyPatch) -> None:
    """The printer list is asked off the GUI thread too (Qt's own list waits 2 minutes on a
    hung cupsd); "In" pressed before it came prints once it comes."""
    monkeypatch.setenv("CUPS_SERVER", str(cups.socket))
    before = len(list(cups.out.glob("*.pdf")))
    with hung(cups):
        started = time.monotonic()
        dlg = actions.offer_form01(window, store, clock, CLERK, dossiers.received,
                                   data_dir=data_dir)
        assert time.monotonic() - started < 1.0
        qtbot.waitUntil(lambda: dlg.rendered is not None, timeout=10_000)  # the preview
        assert dlg.printer_box.count() == 0  # the spooler has not said which printers yet
        code = dlg.rendered.code  # type: ignore[union-attr]
        assert dlg.print_button.hasFocus()
        qtbot.keyClick(dlg.print_button, Qt.Key.Key_Space)  # the clerk presses "In"
        assert "Đang tìm máy in" in dlg.busy_label.text()
        qtbot.wait(1000)
        assert dlg.isVisible() and not dlg.sending
    qtbot.waitUntil(lambda: "mã lệnh in" in window.statusBar().currentMessage(),
                    timeout=60_000)
    assert re.fullmatch(rf"Đã gửi lệnh in mẫu 01 \(hồ sơ {re.escape(code)}\) tới "
                        rf"máy in \"{cups.queue}\", mã lệnh in: {cups.queue}-\d+\.",
                        window.statusBar().currentMessage())
    cups.wait_for_output(before + 1)


@pytest.mark.requires_posix
@pytest.mark.slow
def test_a_spooler_that_never_answers_times_out_in_words(
        qtbot: QtBot, cups: Cups, store: Store, clock: FixedClock, window: MainWindow,
        dossiers: Dossiers) -> None:

    def impatient(pdf: Path, printer: str, rendered: service.Rendered) -> object:
        return CupsSpooler(cups.lp_env(), timeout=3).submit(pdf, printer, paper=rendered.paper)

    dlg = print_dialog(qtbot, window, store, clock, dossiers.received, "01", [cups.queue],
                       sender=impatient)
    with hung(cups):
        with qtbot.waitSignal(dlg.outcome, timeout=30_000) as sig:
            dlg.print_button.click()
    outcome: job.Outcome = sig.args[0]
    assert outcome.error is not None and outcome.error.code == "print_system_timeout"
    assert window.statusBar().currentMessage() == (
        "Không in được: Dịch vụ in của máy tính không phản hồi sau 3 giây. Lệnh in có thể chưa "
        "được gửi: xem máy in đã in chưa trước khi in lại.")
    assert dlg.isVisible() and "không phản hồi sau 3 giây" in dlg.error_label.text()
    with store.read() as s:
        assert service.printed_history(s, dossiers.received) == []


def test_typing_a_date_renders_the_register_once(
        qtbot: QtBot, store: Store, clock: FixedClock, dossiers: Dossiers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[date, date]] = []
    real = service.render_register

    def counted(session: object, first: date, last: date, **kw: object) -> service.Rendered:
        calls.append((first, last))
        return real(session, first, last, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "render_register", counted)
    host = QWidget()
    qtbot.addWidget(host)
    dlg = print_dialog(qtbot, host, store, clock, None, "07", ["Quầy 1"])
    assert len(calls) == 1
    changes: list[object] = []
    dlg.date_from.dateChanged.connect(changes.append)
    dlg.date_from.setFocus()
    dlg.date_from.setSelectedSection(dlg.date_from.Section.DaySection)
    qtbot.keyClicks(dlg.date_from, "15")  # day
    qtbot.keyClicks(dlg.date_from, "10")  # month
    qtbot.keyClicks(dlg.date_from, "2025")  # year
    assert len(changes) >= 3  # the date changed on several keys...
    qtbot.waitUntil(lambda: dlg.idle, timeout=10_000)
    assert calls[1:] == [(date(2025, 10, 15), date(2026, 12, 23))]  # ...rendered once
    assert dlg.rendered is not None and dlg.rendered.params["from"] == "2025-10-15"

    # "In" right after typing prints what was typed, not the preview of a moment before
    sent: list[dict[str, object]] = []
    dlg.send_pdf = lambda _pdf, _printer, rendered: sent.append(rendered.params)
    dlg.date_from.setSelectedSection(dlg.date_from.Section.DaySection)
    qtbot.keyClicks(dlg.date_from, "20")
    with qtbot.waitSignal(dlg.outcome, timeout=10_000):
        dlg.print_button.click()
    assert [p["from"] for p in sent] == ["2025-10-20"]


def test_an_older_render_never_replaces_a_newer_one(
        qtbot: QtBot, store: Store, clock: FixedClock, dossiers: Dossiers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = service.render_form

    def slow_two_up(session: object, dossier_id: int, form: str, **kw: object
                    ) -> service.Rendered:
        if kw.get("layout") == "a4_two_up":
            time.sleep(0.5)
        return real(session, dossier_id, form, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "render_form", slow_two_up)
    host = QWidget()
    qtbot.addWidget(host)
    dlg = PrintDialog(host, store, clock, CLERK, dossiers.received, "01",
                      printers=lambda: ["Quầy 1"])
    shown: list[str] = []
    dlg.previewed.connect(lambda r: shown.append(r.layout))
    assert dlg.rendering  # the a4_two_up render is on its worker, slowly
    dlg.layout_box.setCurrentIndex(dlg.layout_box.findData("thermal80"))
    qtbot.waitUntil(lambda: dlg.idle, timeout=10_000)
    qtbot.wait(700)  # the slow render has landed by now
    assert shown == ["thermal80"]
    assert dlg.rendered is not None and dlg.rendered.layout == "thermal80"


def test_print_dialogs_and_messages_belong_to_the_main_window(
        qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow,
        dossiers: Dossiers) -> None:
    from desk_app.gui import hooks

    action = next(a for a in hooks.dossier_menu_actions if a.shortcut == "Ctrl+P")
    action.run(window.dossier, dossiers.received)  # from the dossier page

    def out_of_paper(_pdf: Path, printer: str, _r: service.Rendered) -> None:
        raise KnownError("printer_out_of_paper", "media-empty-error", printer=printer)

    dlg = next(d for d in window.findChildren(PrintDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dlg.idle, timeout=20_000)
    dlg.send_pdf = out_of_paper
    if not dlg.printer_box.count():
        dlg.printer_box.addItem("Quầy 1")
    with qtbot.waitSignal(dlg.outcome, timeout=10_000):
        dlg.print_button.click()
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert dlg in shown and any(isinstance(w, QMessageBox) for w in shown)
    assert all(descends_from(w, window) for w in shown), shown
    window.lock()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
