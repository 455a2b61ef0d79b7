"""A counter whose queue is on another desk of the office (the host, over the LAN): the
clerk's keys call the host's tickets over HTTP on a worker lane, the intake here keeps the
visit and the rating its wait; a host that is off is said in words and the clerk works on;
the administrator's settings (Hàng đợi → "Nối hàng đợi giữa các quầy…").

Real parts: the host is another store (another data folder) with its server on a loopback
port; the counter is the real main window on its own store.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.announce.voice import Announcer
from desk_app.clock import FixedClock
from desk_app.gui import background
from desk_app.gui import queue as queue_gui
from desk_app.gui.main_window import MainWindow
from desk_app.gui.queue import QueueDesk
from desk_app.gui.queue.link_dialog import LinkDialog
from desk_app.gui.rating import RatingController
from desk_app.gui.rating import install as install_rating
from desk_app.gui.rating import uninstall as uninstall_rating
from desk_app.gui.rating.citizen_window import RATING
from desk_app.paths import database_path
from desk_app.queue_lan import server as queue_server
from desk_app.queue_lan.server import QueueServer
from desk_app.services import queue
from desk_app.services.counter import set_counter
from desk_app.services.queue_host import link, set_link
from desk_app.store.engine import Store
from desk_app.store.models import OutboxEvent
from desk_app.store.models_audit import AuditRecord
from desk_app.store.models_queue import QueueTicket, TicketVisit
from desk_app.store.models_rating import Rating
from tests.gui.conftest import open_window, press, type_text, wait_writes
from tests.tickets.lan_helpers import ADMIN, make_host, serve


@dataclass
class Host:
    store: Store
    server: QueueServer
    key: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"


def issue(host: Host, clock: FixedClock) -> queue.Ticket:
    with host.store.write() as s:
        return queue.issue(s, clock, "ho-tich")


def host_ticket(host: Host, uuid: str) -> queue.Ticket:
    with host.store.read() as s:
        found = queue.find(s, uuid)
    assert found is not None
    return found


@pytest.fixture
def host(template_dir: Path, tmp_path: Path, clock: FixedClock) -> Iterator[Host]:
    folder = tmp_path / "host"
    shutil.copytree(template_dir, folder)
    store = Store(database_path(folder))
    key = make_host(store, clock)
    h = Host(store, serve(store, clock), key)
    yield h
    h.server.stop()
    store.dispose()


@pytest.fixture
def counter_window(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
                   host: Host) -> MainWindow:
    """Counter 2: its own store, using the host's queue."""
    with store.write() as s:
        set_counter(s, 2)
        set_link(s, clock, ADMIN, "client", url=host.url, key=host.key)
    return open_window(qtbot, store, clock, data_dir)


@pytest.fixture
def rating(counter_window: MainWindow, store: Store, clock: FixedClock
           ) -> Iterator[RatingController]:
    controller = install_rating(counter_window, store, clock)
    yield controller
    uninstall_rating(controller)


@pytest.fixture
def desk(counter_window: MainWindow, store: Store, clock: FixedClock, data_dir: Path,
         rating: RatingController, tmp_path: Path, qtbot: QtBot) -> Iterator[QueueDesk]:
    (tmp_path / "voice").mkdir()
    d = queue_gui.install(counter_window, store, clock, data_dir, rating,
                          announcer=Announcer(workdir=tmp_path / "voice"))
    counter_window.activateWindow()
    counter_window.intake.picker.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    yield d
    background.wait_all(30_000)
    QApplication.processEvents()


def f2(qtbot: QtBot) -> None:
    press(Qt.Key.Key_F2)
    wait_writes(qtbot)


def test_f2_calls_the_hosts_ticket_and_the_intake_here_keeps_the_visit_and_the_wait(
        qtbot: QtBot, counter_window: MainWindow, desk: QueueDesk, rating: RatingController,
        store: Store, clock: FixedClock, host: Host) -> None:
    from tests.gui.test_store_recovery import fill_intake

    first = issue(host, clock)  # 09:00 at the host
    qtbot.waitUntil(lambda: desk.link.mode == "client")
    clock.advance(minutes=12)
    f2(qtbot)  # 09:12
    qtbot.waitUntil(lambda: desk.current is not None)
    assert desk.current is not None and desk.current.uuid == first.uuid
    called = host_ticket(host, first.uuid)
    assert (called.status, called.counter) == ("called", 2)
    assert desk.screens.banner.text.text() == "Mời số 001 — Quầy 2"
    qtbot.waitUntil(lambda: desk.panel.state.text() == "Đang phục vụ: 001 · Chờ: 0")
    with host.store.read() as s:
        event = s.scalars(select(OutboxEvent.payload).where(
            OutboxEvent.kind == "ticket.called")).one()
    assert event["clerk"] == "binh, quầy 2"
    clock.advance(minutes=5)  # 09:17
    counter_window.intake.picker.edit.setFocus()
    fill_intake(counter_window)
    press(Qt.Key.Key_Return, modifiers=Qt.KeyboardModifier.ControlModifier)
    wait_writes(qtbot)
    assert "Đã tiếp nhận hồ sơ" in counter_window.intake.banner.text()
    with store.read() as s:
        visit = s.scalars(select(TicketVisit)).one()
        assert s.scalars(select(QueueTicket)).all() == []  # the ticket stays the host's
    assert (visit.ticket_uuid, visit.number, visit.counter) == (first.uuid, 1, 2)
    assert visit.called_at - visit.issued_at == timedelta(minutes=12)
    assert visit.served_at - visit.called_at == timedelta(minutes=5)
    citizen = rating.window
    qtbot.waitUntil(lambda: citizen.page() == RATING)
    assert citizen.overall is not None and citizen.send is not None
    qtbot.mouseClick(citizen.overall.buttons["satisfied"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(citizen.send, Qt.MouseButton.LeftButton)
    wait_writes(qtbot)
    with store.read() as s:
        rated = s.scalars(select(Rating)).one()
    assert (rated.wait_s, rated.service_s) == (720, 300)


def test_the_host_off_the_panel_says_so_the_clerk_works_on_and_calls_resume(
        qtbot: QtBot, counter_window: MainWindow, desk: QueueDesk, clock: FixedClock,
        host: Host) -> None:
    first = issue(host, clock)
    f2(qtbot)
    qtbot.waitUntil(lambda: desk.current is not None)
    port = host.server.port
    host.server.stop()  # the host's program closed
    issue_words = "Không nối được tới máy giữ hàng đợi"
    f2(qtbot)
    qtbot.waitUntil(lambda: issue_words in desk.panel.note.text(), timeout=15_000)
    desk.refresh()  # the timer's read says it too, and keeps the ticket being served
    background.wait_all(15_000)
    QApplication.processEvents()
    assert issue_words in desk.panel.note.text()
    assert desk.panel.state.text().startswith("Đang phục vụ: 001")
    visit = desk.visit()
    assert visit is not None and visit.ticket_uuid == first.uuid  # the intake still links
    # the clerk keeps typing: nothing lost
    counter_window.intake.applicant.line("full_name").setFocus()
    type_text("Lê Văn Tám")
    assert counter_window.intake.applicant.line("full_name").text() == "Lê Văn Tám"
    host.server = serve(host.store, clock, port)  # started again
    second = issue(host, clock)
    assert second.number == 2  # the numbering goes on
    counter_window.intake.picker.edit.setFocus()
    f2(qtbot)
    qtbot.waitUntil(lambda: desk.current is not None and desk.current.uuid == second.uuid)
    qtbot.waitUntil(lambda: issue_words not in desk.panel.note.text())
    assert host_ticket(host, first.uuid).status == "done"
    assert counter_window.intake.applicant.line("full_name").text() == "Lê Văn Tám"


def test_a_locked_counter_calls_nothing_at_the_host_and_shows_nothing(
        qtbot: QtBot, counter_window: MainWindow, desk: QueueDesk, clock: FixedClock,
        host: Host) -> None:
    waiting = issue(host, clock)
    counter_window.lock()
    assert desk.call_next() is False and desk.recall() is False and desk.finish() is False
    desk.refresh()
    background.wait_all(10_000)
    QApplication.processEvents()
    assert desk.panel.state.text() == "" and desk.panel.note.text() == ""
    assert host_ticket(host, waiting.uuid).status == "waiting"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_admin_links_this_counter_to_the_host_and_tests_it(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, host: Host) -> None:
    window = open_window(qtbot, store, clock, data_dir, username="admin")
    queue_gui.install(window, store, clock, data_dir)
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.objectName() == "queueLinkAction")
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(LinkDialog, "queueLink")
    assert dialog is not None and dialog.isVisible()
    dialog.radios["client"].setChecked(True)
    dialog.url.setText("127.0.0.1:1")  # nobody there
    dialog.key.setText(host.key.lower())
    dialog.test()
    qtbot.waitUntil(lambda: "Không nối được" in dialog.outcome.text(), timeout=15_000)
    dialog.url.setText(host.url.removeprefix("http://"))
    dialog.test()
    qtbot.waitUntil(lambda: "Nối được với máy giữ hàng đợi" in dialog.outcome.text())
    dialog.save()
    wait_writes(qtbot)
    with store.read() as s:
        saved = link(s)
        audited = s.scalars(select(AuditRecord.clerk).where(
            AuditRecord.action == "settings.queue_link")).all()
    assert (saved.mode, saved.url, saved.key) == ("client", host.url, host.key)
    assert audited == ["admin"]
    # this desk hosts instead: its address, port and a new key are shown, its server runs
    port = _free_port()
    dialog.radios["host"].setChecked(True)
    dialog.port.setValue(port)
    dialog.save()
    wait_writes(qtbot)
    try:
        qtbot.waitUntil(lambda: "cổng" in dialog.outcome.text())
        key = dialog.key_label.text()
        screens = os.environ.get("DESK_APP_SCREENS")
        if screens:
            dialog.grab().save(str(Path(screens) / "queue-link-host.png"))
        assert len(key) == 39 and key != host.key
        running = queue_server.running(store)
        assert running is not None and running.port == port
        dialog.test()
        qtbot.waitUntil(lambda: "Nối được với máy giữ hàng đợi" in dialog.outcome.text())
        renew = next(b for b in dialog.findChildren(QPushButton) if b is dialog.renew)
        renew.click()
        wait_writes(qtbot)
        qtbot.waitUntil(lambda: dialog.key_label.text() != key)
    finally:
        queue_server.stop_all()
    dialog.close()


def test_a_clerk_cannot_open_the_queue_link_settings(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir)  # binh, a clerk
    queue_gui.install(window, store, clock, data_dir)
    action = next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
                  if a.objectName() == "queueLinkAction")
    assert not action.isEnabled()


def test_the_kiosk_at_a_counter_takes_its_numbers_from_the_host(
        qtbot: QtBot, counter_window: MainWindow, desk: QueueDesk, clock: FixedClock,
        host: Host) -> None:
    issue(host, clock)  # number 1, at the host's own kiosk
    kiosk = desk.screens.open_kiosk(None)
    assert kiosk is not None
    qtbot.addWidget(kiosk)
    qtbot.waitUntil(lambda: len(kiosk.buttons()) == 17)
    button = next(b for b in kiosk.buttons() if b.property("fieldCode") == "ho-tich")
    assert "Đang chờ: 1" in button.text()  # the host's waiting count
    with qtbot.waitSignal(kiosk.issued) as issued:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    ticket = issued.args[0]
    assert ticket.number == 2 and host_ticket(host, ticket.uuid).status == "waiting"
    background.wait_all(30_000)  # the ticket's print (the default printer: none here)


def test_a_host_whose_port_is_taken_says_so_at_its_panel(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path) -> None:
    with socket.socket() as other:  # another program holds the port
        other.bind(("0.0.0.0", 0))
        other.listen()
        port = other.getsockname()[1]
        with store.write() as s:
            set_link(s, clock, ADMIN, "host", port=port)
        window = open_window(qtbot, store, clock, data_dir)
        try:
            d = queue_gui.install(window, store, clock, data_dir)
            assert queue_server.running(store) is None
            assert "cổng mạng đang bị chương trình khác dùng" in d.panel.note.text()
        finally:
            queue_server.stop_all()
        background.wait_all(10_000)
        QApplication.processEvents()


def test_the_hosts_refusals_are_said_at_the_counters_panel(
        qtbot: QtBot, counter_window: MainWindow, desk: QueueDesk, clock: FixedClock,
        host: Host) -> None:
    first = issue(host, clock)
    qtbot.waitUntil(lambda: desk.link.mode == "client")
    assert desk.finish()  # nothing called yet at counter 2
    qtbot.waitUntil(lambda: "Quầy 2 chưa gọi số nào" in desk.panel.note.text())
    assert desk.call_next()
    qtbot.waitUntil(lambda: desk.current is not None)
    assert desk.transfer(2)  # to itself: refused by the host, in words
    qtbot.waitUntil(lambda: "hãy chọn một quầy khác" in desk.panel.note.text())
    assert desk.transfer(3)
    qtbot.waitUntil(lambda: desk.current is None and "quầy 3" in desk.panel.note.text())
    moved = host_ticket(host, first.uuid)
    assert (moved.status, moved.counter) == ("waiting", 3)
