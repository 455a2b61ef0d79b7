"""The clerk's call keys (issue 17) on the real main window: F2 calls the next ticket through
the write path, the citizen's screen shows "Mời số 001 — Quầy 1" (as a strip when a rating is
under way, which it does not disturb), the other keys recall, mark absent, transfer and
finish, and a locked desk calls nothing and shows nothing."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.announce.voice import Announcer
from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui import background
from desk_app.gui import queue as queue_gui
from desk_app.gui.main_window import MainWindow
from desk_app.gui.queue import QueueDesk
from desk_app.gui.rating import RatingController
from desk_app.gui.rating import install as install_rating
from desk_app.gui.rating import uninstall as uninstall_rating
from desk_app.gui.rating.citizen_window import RATING
from desk_app.services import lifecycle, queue
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from desk_app.store.models_queue import TicketVisit
from desk_app.store.models_rating import Rating
from tests.gui.conftest import press, wait_writes
from tests.rating.conftest import _receive


def issue(store: Store, clock: FixedClock, code: str = "ho-tich") -> queue.Ticket:
    with store.write() as s:
        return queue.issue(s, clock, code)


def ticket(store: Store, uuid: str) -> queue.Ticket:
    with store.read() as s:
        found = queue.find(s, uuid)
    assert found is not None
    return found


@pytest.fixture
def rating(window: MainWindow, store: Store, clock: FixedClock) -> Iterator[RatingController]:
    controller = install_rating(window, store, clock)
    yield controller
    uninstall_rating(controller)


@pytest.fixture
def desk(window: MainWindow, store: Store, clock: FixedClock, data_dir: Path,
         rating: RatingController, tmp_path: Path, qtbot: QtBot) -> Iterator[QueueDesk]:
    d = queue_gui.install(window, store, clock, data_dir, rating,
                          announcer=Announcer(workdir=tmp_path / "voice"))
    (tmp_path / "voice").mkdir()
    window.activateWindow()  # the citizen's window was shown after it
    window.intake.picker.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    yield d
    background.wait_all(30_000)
    QApplication.processEvents()


def keys(key: Qt.Key, qtbot: QtBot, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
         ) -> None:
    press(key, modifiers=mods)
    wait_writes(qtbot)


def test_f2_calls_the_next_ticket_and_the_citizen_screen_shows_it(
        qtbot: QtBot, window: MainWindow, desk: QueueDesk, rating: RatingController,
        store: Store, clock: FixedClock) -> None:
    first, second = issue(store, clock), issue(store, clock, "chung-thuc")
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: desk.current is not None and desk.current.uuid == first.uuid)
    called = ticket(store, first.uuid)
    assert (called.status, called.counter, called.calls) == ("called", 1, 1)
    banner = desk.screens.banner
    assert banner is not None and banner.isVisible()
    assert banner.text.text() == "Mời số 001 — Quầy 1"
    assert banner.geometry() == rating.window.rect()  # between citizens: the whole screen
    qtbot.waitUntil(lambda: desk.panel.state.text()
                    == "Đang phục vụ: 001 · Chờ: 1")
    window.resize(1366, 768)
    # at 1366 pixels the panel's line is whole (it gives way only on narrower windows)
    qtbot.waitUntil(lambda: desk.panel.state.width() >= desk.panel.state.sizeHint().width()
                    and QLabel.text(desk.panel.state) == desk.panel.state.text()
                    and desk.panel.call_button.text() == "Gọi số (F2)"
                    and desk.panel.call_button.width()
                    >= desk.panel.call_button.sizeHint().width())
    screens = os.environ.get("DESK_APP_SCREENS")
    if screens:
        window.grab().save(str(Path(screens) / "queue-panel-1366x768.png"))
        rating.window.resize(1366, 768)
        QApplication.processEvents()
        rating.window.grab().save(str(Path(screens) / "call-screen.png"))
    # the next F2 closes 001 as done and calls 002
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: desk.current is not None and desk.current.uuid == second.uuid)
    assert ticket(store, first.uuid).status == "done"
    assert banner.text.text() == "Mời số 002 — Quầy 1"
    # nobody left: F2 closes 002 and says so at the panel
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: desk.current is None)
    assert ticket(store, second.uuid).status == "done"
    assert desk.panel.note.text() == "Không còn ai chờ."


def test_the_panel_fits_the_top_row_at_1366(qtbot: QtBot, window: MainWindow,
                                            desk: QueueDesk) -> None:
    window.resize(1366, 768)
    QApplication.processEvents()
    assert desk.panel.isVisible()
    right = desk.panel.mapTo(window, desk.panel.rect().topRight()).x()
    search_right = window.search.mapTo(window, window.search.rect().topRight()).x()
    assert right < window.width() and search_right <= window.width()
    assert window.search.width() >= 420


def test_a_call_during_a_rating_is_a_strip_and_the_rating_goes_on(
        qtbot: QtBot, desk: QueueDesk, rating: RatingController, store: Store,
        clock: FixedClock) -> None:
    dossier = _receive(store, clock)
    assert rating.offer(dossier, "intake")
    assert rating.window.page() == RATING
    issue(store, clock)
    keys(Qt.Key.Key_F2, qtbot)
    banner = desk.screens.banner
    qtbot.waitUntil(lambda: banner.isVisible())
    assert rating.window.page() == RATING  # the slip stays
    assert banner.height() <= rating.window.height() * 0.15
    assert banner.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert banner.text.text() == "Mời số 001 — Quầy 1"
    screens = os.environ.get("DESK_APP_SCREENS")
    if screens:
        rating.window.resize(1366, 768)
        QApplication.processEvents()
        rating.window.grab().save(str(Path(screens) / "call-screen-rating.png"))


def test_recall_absent_transfer_finish_keys(qtbot: QtBot, window: MainWindow,
                                            desk: QueueDesk, store: Store,
                                            clock: FixedClock) -> None:
    a, b, c = issue(store, clock), issue(store, clock), issue(store, clock)
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: desk.current is not None)
    keys(Qt.Key.Key_F2, qtbot, Qt.KeyboardModifier.ShiftModifier)  # call again
    qtbot.waitUntil(lambda: ticket(store, a.uuid).calls == 2)
    keys(Qt.Key.Key_F4, qtbot)  # absent
    qtbot.waitUntil(lambda: ticket(store, a.uuid).status == "absent")
    assert desk.panel.note.text() == "Số 001: vắng mặt"
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: ticket(store, b.uuid).status == "called")
    press(Qt.Key.Key_F6)  # transfer: which counter?
    dialog = window.findChild(QInputDialog, "queueTransfer")
    assert dialog is not None and dialog.isVisible()
    dialog.setIntValue(2)
    dialog.accept()
    wait_writes(qtbot)
    window.activateWindow()  # offscreen, a closed dialog gives the focus back to no one
    window.intake.picker.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    moved = ticket(store, b.uuid)
    assert (moved.status, moved.counter) == ("waiting", 2)
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: ticket(store, c.uuid).status == "called")
    keys(Qt.Key.Key_F7, qtbot)  # finish
    qtbot.waitUntil(lambda: ticket(store, c.uuid).status == "done")
    # no ticket served now: F4 is refused in words at the panel
    keys(Qt.Key.Key_F4, qtbot)
    qtbot.waitUntil(lambda: "chưa gọi số nào" in desk.panel.note.text())


def test_a_locked_desk_calls_nothing_and_shows_nothing(
        qtbot: QtBot, window: MainWindow, desk: QueueDesk, store: Store,
        clock: FixedClock) -> None:
    a = issue(store, clock)
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: desk.current is not None)
    banner = desk.screens.banner
    assert banner.isVisible()
    b = issue(store, clock)
    window.lock()
    assert window.locked
    assert not banner.isVisible()  # the call leaves the citizen's screen
    assert desk.panel.state.text() == "" and desk.panel.note.text() == ""
    keys(Qt.Key.Key_F2, qtbot)  # the lock screen's password field has the keyboard
    assert desk.call_next() is False and desk.recall() is False
    assert desk.ask_transfer() is None
    assert desk.screens.open_kiosk() is None
    wait_writes(qtbot)
    assert ticket(store, b.uuid).status == "waiting"
    assert ticket(store, a.uuid).calls == 1
    desk.refresh()  # a timer's read while locked shows nothing either
    background.wait_all(10_000)
    QApplication.processEvents()
    assert desk.panel.state.text() == ""


def test_an_intake_saved_while_a_ticket_is_called_is_linked_to_it(
        qtbot: QtBot, window: MainWindow, desk: QueueDesk, store: Store,
        clock: FixedClock) -> None:
    from tests.gui.test_store_recovery import fill_intake

    first = issue(store, clock)  # 09:00
    clock.advance(minutes=12)
    keys(Qt.Key.Key_F2, qtbot)  # 09:12
    qtbot.waitUntil(lambda: desk.current is not None)
    clock.advance(minutes=5)
    window.intake.picker.edit.setFocus()
    fill_intake(window)
    press(Qt.Key.Key_Return, modifiers=Qt.KeyboardModifier.ControlModifier)
    wait_writes(qtbot)
    assert "Đã tiếp nhận hồ sơ" in window.intake.banner.text(), window.intake.banner.text()
    with store.read() as s:
        dossier = s.scalars(select(Dossier)).one()
        visit = s.scalars(select(TicketVisit)).one()
        assert (visit.dossier_id, visit.occasion, visit.ticket_uuid, visit.number,
                visit.counter) == (dossier.id, "intake", first.uuid, 1, 1)
        assert visit.called_at - visit.issued_at == timedelta(minutes=12)
        assert visit.served_at - visit.called_at == timedelta(minutes=5)


def test_without_a_voice_the_panel_says_so_and_the_call_is_shown(
        qtbot: QtBot, window: MainWindow, store: Store, clock: FixedClock, data_dir: Path,
        rating: RatingController, tmp_path: Path) -> None:
    mute = Announcer(espeak=None, player=None, find=False, workdir=tmp_path)
    d = queue_gui.install(window, store, clock, data_dir, rating, announcer=mute)
    qtbot.waitUntil(lambda: d.voice_status == "voice_missing")
    assert d.panel.note.text() == "Máy không có giọng đọc tiếng Việt: cài espeak-ng"
    issue(store, clock)
    assert d.call_next()
    wait_writes(qtbot)
    qtbot.waitUntil(lambda: d.current is not None)
    assert d.screens.banner.isVisible()
    assert d.screens.banner.text.text() == "Mời số 001 — Quầy 1"
    background.wait_all(10_000)
    QApplication.processEvents()
    assert d.panel.call_button.toolTip() == "Máy không có giọng đọc tiếng Việt: cài espeak-ng"


def test_a_result_returned_while_a_ticket_is_called_is_linked_to_it(
        qtbot: QtBot, window: MainWindow, desk: QueueDesk, rating: RatingController,
        store: Store, clock: FixedClock) -> None:
    dossier_id = _receive(store, clock)
    with store.write() as s:
        lifecycle.change_status(s, clock, 3, dossier_id, Status.RESULT_READY)
    clock.advance(days=2)  # the citizen comes back for the result and takes a number
    back = issue(store, clock)
    clock.advance(minutes=7)
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: desk.current is not None)
    clock.advance(minutes=2)
    assert window.open_dossier(dossier_id)
    press(Qt.Key.Key_F8)  # who collects it? the applicant, as prefilled: Enter confirms
    dialog = window.dossier.return_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dossier.view is not None
                    and window.dossier.view.status == "returned")
    with store.read() as s:
        visit = s.scalars(select(TicketVisit)).one()
        assert (visit.dossier_id, visit.occasion, visit.ticket_uuid) == (
            dossier_id, "return", back.uuid)
        assert visit.called_at - visit.issued_at == timedelta(minutes=7)
        assert visit.served_at - visit.called_at == timedelta(minutes=2)
    # the dossier's page says which tickets served it
    qtbot.waitUntil(lambda: "Số thứ tự 001 (trả kết quả, quầy 1): chờ 7 phút, phục vụ 2 phút"
                    in window.dossier.header.text())
    # the citizen rates on their screen (the call's strip lets the taps through): the rating
    # carries the wait and the service time
    citizen = rating.window
    qtbot.waitUntil(lambda: citizen.page() == RATING)
    assert citizen.overall is not None and citizen.send is not None
    qtbot.mouseClick(citizen.overall.buttons["very_satisfied"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(citizen.send, Qt.MouseButton.LeftButton)
    wait_writes(qtbot)
    with store.read() as s:
        rated = s.scalars(select(Rating)).one()
        assert (rated.dossier_id, rated.wait_s, rated.service_s) == (dossier_id, 420, 120)


def test_the_kiosk_beside_the_clerk_never_takes_the_keyboard(
        qtbot: QtBot, window: MainWindow, desk: QueueDesk, store: Store,
        clock: FixedClock) -> None:
    kiosk = desk.screens.open_kiosk(None)
    assert kiosk is not None
    qtbot.addWidget(kiosk)
    qtbot.waitUntil(lambda: len(kiosk.buttons()) == 17)
    assert kiosk.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert kiosk.windowHandle().flags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert not kiosk.scan.isVisible()  # a scanner here types into the clerk's window
    window.activateWindow()
    window.intake.applicant.line("email").setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # a tap at the kiosk issues a number and leaves the clerk's keyboard where it was
    with qtbot.waitSignal(kiosk.issued):
        button = next(b for b in kiosk.buttons() if b.property("fieldCode") == "ho-tich")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QApplication.activeWindow() is window
    assert QApplication.focusWidget() is window.intake.applicant.line("email")
    assert not any(w.hasFocus() for w in kiosk.findChildren(QWidget))
    keys(Qt.Key.Key_F2, qtbot)
    qtbot.waitUntil(lambda: desk.current is not None and desk.current.number == 1)
    background.wait_all(30_000)  # the ticket's print (the default printer: none here)


def test_calls_faster_than_the_voice_say_only_the_latest(
        qtbot: QtBot, window: MainWindow, store: Store, clock: FixedClock, data_dir: Path,
        rating: RatingController, tmp_path: Path) -> None:
    """A slow sound device (the fault): three F2 in a row while the first call is being
    said; the second, not begun yet, is dropped, the third is said."""
    said: list[str] = []

    def slow_device(args: list[str], **kw: Any) -> subprocess.CompletedProcess[Any]:
        if args[-1].endswith("chime.wav"):
            time.sleep(1.0)
        if "-w" in args:
            said.append(args[-1])
        return subprocess.run(args, **kw)

    d = queue_gui.install(window, store, clock, data_dir, rating,
                          announcer=Announcer(slow_device, workdir=tmp_path))
    window.activateWindow()
    window.intake.picker.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for _ in range(3):
        issue(store, clock)
    for number in (1, 2, 3):
        keys(Qt.Key.Key_F2, qtbot)
        qtbot.waitUntil(lambda n=number: d.current is not None and d.current.number == n)
    assert background.wait_all(30_000)
    QApplication.processEvents()
    assert said == ["Mời công dân có số thứ tự 1 đến quầy số 1",
                    "Mời công dân có số thứ tự 3 đến quầy số 1"]
