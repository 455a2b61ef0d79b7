"""The ticket kiosk (issue 17) driven like a touch screen: a tap issues the next number through
the real store and prints it (ESC/POS into a real file), a CCCD QR payload typed by the
"scanner" links the number to the card, a printer fault still shows the number; the hall
screen lists the calls."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.gui.queue import HallWindow, KioskWindow, printer_dialog
from desk_app.gui.queue.kiosk import DONE, FIELDS
from desk_app.printing.prefs import load_prefs
from desk_app.services import queue
from desk_app.store.engine import Store
from desk_app.store.models_queue import QueueTicket
from tests.gui.conftest import open_window, type_text, wait_writes

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = ("001090012345|123456789|Nguyễn Văn An|15031990|Nam|Thôn Phù Dực, Phù Đổng, Hà Nội|"
           "20042021")


def open_kiosk(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, printer: str,
               size: tuple[int, int] = (1366, 768), back_ms: int = 60_000) -> KioskWindow:
    kiosk = KioskWindow(store, clock, data_dir, printer=lambda: printer, back_ms=back_ms)
    qtbot.addWidget(kiosk)
    kiosk.resize(*size)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    qtbot.waitUntil(lambda: len(kiosk.buttons()) == 17)  # the demo catalogue's fields
    return kiosk


def tap(qtbot: QtBot, kiosk: KioskWindow, code: str) -> None:
    button = next(b for b in kiosk.buttons() if b.property("fieldCode") == code)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def rows(store: Store) -> list[QueueTicket]:
    with store.read() as s:
        found = list(s.scalars(select(QueueTicket).order_by(QueueTicket.number)))
        for row in found:
            s.expunge(row)
        return found


def test_a_tap_issues_prints_and_goes_back(qtbot: QtBot, store: Store, clock: FixedClock,
                                           data_dir: Path, tmp_path: Path) -> None:
    with store.write() as s:  # two citizens came before
        queue.issue(s, clock, "ho-tich")
        queue.issue(s, clock, "dat-dai")
    out = tmp_path / "thermal.bin"
    kiosk = open_kiosk(qtbot, store, clock, data_dir, f"escpos:file:{out}", back_ms=1500)
    hotich = next(b for b in kiosk.buttons() if b.property("fieldCode") == "ho-tich")
    assert hotich.text() == "Hộ tịch\nĐang chờ: 1"
    # big touch targets, all on screen at 1366x768
    for b in kiosk.buttons():
        assert b.height() >= 60 and b.width() >= 200, b.text()
        corner = b.mapTo(kiosk, b.rect().bottomRight())
        assert corner.x() <= kiosk.width() and corner.y() <= kiosk.height(), b.text()
    screens = os.environ.get("DESK_APP_SCREENS")
    if screens:
        kiosk.grab().save(str(Path(screens) / "kiosk.png"))
    with qtbot.waitSignal(kiosk.printed, timeout=30_000) as printed:
        tap(qtbot, kiosk, "ho-tich")
    assert printed.args == [True]
    assert kiosk.page() == DONE
    assert kiosk.number.text() == "003"
    assert kiosk.field.text() == "Lĩnh vực: Hộ tịch"
    assert kiosk.ahead.text() == "Số người đang chờ trước bạn: 2"
    assert kiosk.print_note.text() == "Xin mời nhận vé số thứ tự và ngồi chờ gọi số."
    stored = rows(store)
    assert [(r.number, r.field_code, r.status) for r in stored] == [
        (1, "ho-tich", "waiting"), (2, "dat-dai", "waiting"), (3, "ho-tich", "waiting")]
    assert stored[2].cccd_hash is None
    data = out.read_bytes()  # what the thermal printer received: a raster image, then a cut
    assert data.startswith(b"\x1dv0") and b"\x1dV\x00" in data
    if screens:
        kiosk.grab().save(str(Path(screens) / "kiosk-number.png"))
    qtbot.waitUntil(lambda: kiosk.page() == FIELDS, timeout=5_000)  # back for the next one
    qtbot.waitUntil(lambda: any(b.text() == "Hộ tịch\nĐang chờ: 2" for b in kiosk.buttons()))


def test_the_waiting_counts_follow_the_counters_calls(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen on a display: a ticket called at a counter still read "Đang chờ: 1" at the kiosk
    until the next citizen tapped. The fields page now reads the counts again every few
    seconds, changing the buttons' words only (a tap meanwhile still lands)."""
    from desk_app.gui.queue import kiosk as kiosk_module

    monkeypatch.setattr(kiosk_module, "REFRESH_MS", 200)
    with store.write() as s:
        queue.issue(s, clock, "ho-tich")
    kiosk = open_kiosk(qtbot, store, clock, data_dir, "")
    first = next(b for b in kiosk.buttons() if b.property("fieldCode") == "ho-tich")
    assert first.text() == "Hộ tịch\nĐang chờ: 1"
    with store.write() as s:  # counter 1 calls it
        assert queue.call_next(s, clock, 3, 1) is not None
    qtbot.waitUntil(lambda: first.text() == "Hộ tịch\nĐang chờ: 0", timeout=5_000)
    assert next(b for b in kiosk.buttons() if b.property("fieldCode") == "ho-tich") is first


def test_a_scanned_cccd_then_a_tap(qtbot: QtBot, store: Store, clock: FixedClock,
                                   data_dir: Path, tmp_path: Path) -> None:
    kiosk = open_kiosk(qtbot, store, clock, data_dir, f"escpos:file:{tmp_path / 'p.bin'}")
    assert QApplication.focusWidget() is kiosk.scan or kiosk.scan.hasFocus()
    type_text(PAYLOAD, kiosk.scan)  # the scanner types the card's QR (Vietnamese letters)
    QTest.keyClick(kiosk.scan, Qt.Key.Key_Return)
    assert kiosk.scan.text() == ""
    assert "…2345" in kiosk.prompt.text() and "Nguyễn" not in kiosk.prompt.text()
    with qtbot.waitSignal(kiosk.printed, timeout=30_000):
        tap(qtbot, kiosk, "chung-thuc")
    (row,) = rows(store)
    assert (row.number, row.field_code) == (1, "chung-thuc")
    with store.write() as s:  # the desk's keyed mark of that card, never the number
        assert row.cccd_hash == queue.cccd_hash(s, "001090012345")
    assert kiosk.cccd is None  # the next citizen starts without it
    # a payload that is not a card's: said on screen, nothing issued
    kiosk.to_fields()
    type_text("xin chào|abc", kiosk.scan)
    QTest.keyClick(kiosk.scan, Qt.Key.Key_Return)
    assert kiosk.prompt.text() == "Mã vừa quét không phải mã QR của thẻ CCCD."
    assert kiosk.cccd is None and len(rows(store)) == 1


def test_a_printer_fault_still_shows_the_number(qtbot: QtBot, store: Store, clock: FixedClock,
                                                data_dir: Path) -> None:
    with socket.socket() as s:  # a network printer that is off
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    kiosk = open_kiosk(qtbot, store, clock, data_dir, f"escpos:tcp:127.0.0.1:{port}",
                       size=(1920, 1080))
    with qtbot.waitSignal(kiosk.printed, timeout=30_000) as printed:
        tap(qtbot, kiosk, "dat-dai")
    assert printed.args == [False]
    assert kiosk.page() == DONE and kiosk.number.text() == "001"
    assert kiosk.print_note.text() == ("Máy in vé đang gặp sự cố. Xin Ông/Bà ghi nhớ số trên "
                                       "màn hình và báo cán bộ tại quầy.")
    assert [r.status for r in rows(store)] == ["waiting"]  # issued all the same
    note = kiosk.print_note
    qtbot.waitUntil(lambda: note.height() >= note.heightForWidth(note.width()))  # laid out
    screens = os.environ.get("DESK_APP_SCREENS")
    if screens:
        kiosk.grab().save(str(Path(screens) / "kiosk-printer-fault-1920x1080.png"))


def test_the_hall_screen_lists_the_calls(qtbot: QtBot, store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        for code in ("ho-tich", "dat-dai", "chung-thuc"):
            queue.issue(s, clock, code)
    for counter in (1, 2):
        with store.write() as s:
            queue.call_next(s, clock, 3, counter)
    hall = HallWindow(store, clock)
    qtbot.addWidget(hall)
    hall.show()
    qtbot.waitUntil(lambda: hall.board is not None)
    assert hall.latest.text() == "002 → Quầy 2"
    assert hall.waiting.text() == "Đang chờ: 1 người"
    screens = os.environ.get("DESK_APP_SCREENS")
    if screens:
        hall.grab().save(str(Path(screens) / "hall-screen.png"))


@pytest.mark.slow
def test_the_program_starts_as_a_kiosk(data_dir: Path) -> None:
    """``--kiosk``: the store opens and the kiosk is the first window, with no login."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "desk_app", "--data-dir", str(data_dir),
                          "--kiosk", "--smoke"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "ready: KioskWindow" in run.stdout
    assert "painted: LoginDialog" not in run.stdout


def test_the_ticket_printer_chosen_in_the_menu_prints_the_kiosk_tickets(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
        tmp_path: Path) -> None:
    out = tmp_path / "lp0"
    window = open_window(qtbot, store, clock, data_dir, "admin")
    dialog = printer_dialog.open_dialog(window, window.ops)
    assert dialog.textValue() == ""  # none chosen yet: the system's default printer
    dialog.setTextValue(f"  escpos:file:{out} ")
    dialog.accept()
    wait_writes(qtbot)
    with store.read() as s:
        assert load_prefs(s, "ticket").printer == f"escpos:file:{out}"
    kiosk = KioskWindow(store, clock, data_dir)  # as the menu and --kiosk make it
    qtbot.addWidget(kiosk)
    kiosk.show()
    qtbot.waitUntil(lambda: len(kiosk.buttons()) == 17)
    with qtbot.waitSignal(kiosk.printed, timeout=30_000) as printed:
        tap(qtbot, kiosk, "tu-phap")
    assert printed.args == [True]
    assert out.read_bytes().startswith(b"\x1dv0")


def test_a_failed_read_of_the_counts_is_tried_again(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A read that fails (the host silent on the LAN) must not stop the refresh for good."""
    from desk_app.errors import KnownError
    from desk_app.gui.queue import kiosk as kiosk_module

    monkeypatch.setattr(kiosk_module, "REFRESH_MS", 200)
    kiosk = open_kiosk(qtbot, store, clock, data_dir, "")
    real, fails = queue.fields, [1]

    def flaky(session, clock):  # type: ignore[no-untyped-def]
        if fails:
            fails.pop()
            raise KnownError("queue_unreachable", "test")
        return real(session, clock)

    monkeypatch.setattr(queue, "fields", flaky)
    qtbot.waitUntil(lambda: not fails, timeout=5_000)  # the failing read happened
    with store.write() as s:
        queue.issue(s, clock, "ho-tich")
    qtbot.waitUntil(lambda: any(b.text() == "Hộ tịch\nĐang chờ: 1" for b in kiosk.buttons()),
                    timeout=5_000)
