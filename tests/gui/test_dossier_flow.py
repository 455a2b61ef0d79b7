"""Search, the life cycle to "returned" via a scanned slip code, refused transitions, form 04."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui import hooks
from desk_app.gui.main_window import MainWindow
from desk_app.services import intake, lifecycle
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.gui.conftest import (
    answer_question,
    focused,
    open_window,
    press,
    scan,
    take_message,
    type_text,
    wait_writes,
)
from tests.helpers import complete_request

CTRL = Qt.KeyboardModifier.ControlModifier


def receive(store: Store, clock: FixedClock, **applicant: object) -> tuple[int, str]:
    with store.write() as s:
        res = intake.receive(s, clock, 3, complete_request(s, "1.004873", **applicant))
    return res.dossier_id, res.code


def test_search_without_diacritics(qtbot: QtBot, store: Store, clock: FixedClock,
                                   window: MainWindow) -> None:
    duc, _ = receive(store, clock)  # Đặng Văn Đức
    hang, _ = receive(store, clock, full_name="Nguyễn Thị Hằng", id_number="001190054321",
                      gender="Nữ")
    receive(store, clock, full_name="Nguyễn Thị Hạnh", id_number="001190054322", gender="Nữ")
    window.register.refresh()
    press(Qt.Key.Key_F, modifiers=CTRL)
    assert focused() is window.search
    type_text("dang van duc")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.searching)  # the search runs on a worker
    assert window.last_search_ids == [duc]
    assert window.tabs.currentWidget() is window.dossier
    assert window.dossier.view is not None and window.dossier.view.applicant == "Đặng Văn Đức"
    press(Qt.Key.Key_F3)
    type_text("nguyen thi h")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.searching)  # the search runs on a worker
    assert len(window.last_search_ids) == 2 and hang in window.last_search_ids
    assert window.tabs.currentWidget() is window.register
    window.search.selectAll()
    type_text("nguyen thi hang")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.searching)  # the search runs on a worker
    assert window.last_search_ids == [hang]
    assert window.dossier.view is not None and window.dossier.view.id == hang


def test_full_life_cycle_to_returned_via_scanned_code(
    qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow
) -> None:
    returned: list[int] = []
    hooks.after_return.append(returned.append)
    dossier_id, code = receive(store, clock)
    # the clerk is half-way through another intake when the citizen hands over a slip
    name = window.intake.applicant.line("full_name")
    name.setFocus()
    type_text("Lê Văn")
    scan(code)
    qtbot.waitUntil(lambda: not window.searching)  # the search runs on a worker
    assert name.text() == "Lê Văn"  # the scanned code did not end up in the name
    page = window.dossier
    assert window.tabs.currentWidget() is page and page.view is not None
    assert page.view.id == dossier_id and page.view.status == "received"
    assert "Đã tiếp nhận" in page.header.text()
    # F8 on a dossier whose result is not ready: refused, with the reason
    press(Qt.Key.Key_F8)
    text = take_message(qtbot)
    assert text == "Không thể chuyển hồ sơ từ «Đã tiếp nhận» sang «Đã trả kết quả»."
    assert page.result.text() == text
    assert not page.buttons[Status.RETURNED].isEnabled()
    assert "Không thể chuyển" in page.buttons[Status.RETURNED].toolTip()
    # handed to the office, then the result comes back
    page.buttons[Status.IN_PROCESSING].setFocus()
    press(Qt.Key.Key_Space)
    assert page.view.status == "in_processing"
    clock.advance(days=2)  # Wed 25/11 09:00, before the Fri 27/11 appointment
    page.buttons[Status.RESULT_READY].click()
    wait_writes()
    assert page.view.status == "result_ready"
    assert page.buttons[Status.RETURNED].isEnabled()
    # the citizen comes back: the slip is scanned into the search box
    window.tabs.setCurrentWidget(window.intake)
    window.search.setFocus()
    scan(code.lower())
    qtbot.waitUntil(lambda: not window.searching)  # the search runs on a worker
    assert window.tabs.currentWidget() is page
    press(Qt.Key.Key_F8)  # who collects it? the applicant, as prefilled: Enter confirms
    dialog = page.return_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert page.view.status == "result_ready"  # nothing recorded before the confirmation
    press(Qt.Key.Key_Return)
    assert page.view.status == "returned" and not dialog.isVisible()
    assert "trước hạn" in page.result.text()
    assert returned == [dossier_id]
    with store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d.status == "returned" and d.return_timing == "early"
        assert [(e.from_status, e.to_status, e.clerk_id) for e in d.events] == [
            ("", "received", 3), ("received", "in_processing", 3),
            ("in_processing", "result_ready", 3), ("result_ready", "returned", 3),
        ]
    assert page.history.rowCount() == 4
    assert "trước hạn" in page.history.item(3, 3).text()
    assert not any(b.isEnabled() for b in page.buttons.values())


def test_reason_required_and_stale_transition_refused(
    qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow
) -> None:
    dossier_id, _ = receive(store, clock)
    assert window.open_dossier(dossier_id)
    page = window.dossier
    page.buttons[Status.WAITING_SUPPLEMENT].click()
    wait_writes()
    assert "Cần ghi lý do" in page.reason_msg.text()
    assert focused() is page.reason
    type_text("Thiếu xác nhận của trưởng thôn")
    page.buttons[Status.WAITING_SUPPLEMENT].click()
    wait_writes()
    assert page.view is not None and page.view.status == "waiting_supplement"
    assert page.history.item(1, 4).text() == "Thiếu xác nhận của trưởng thôn"
    # another window withdraws the dossier while this page still shows "waiting"
    with store.write() as s:
        lifecycle.change_status(s, clock, 2, dossier_id, Status.WITHDRAWN, "Công dân rút")
    page.buttons[Status.IN_PROCESSING].click()
    wait_writes()
    text = take_message(qtbot)
    assert "trạng thái cuối «Rút hồ sơ»" in text
    assert page.view.status == "withdrawn"  # the page shows the truth again
    with store.read() as s:
        assert s.get(Dossier, dossier_id).status == "withdrawn"


def test_leader_extends_a_late_dossier(qtbot: QtBot, store: Store, clock: FixedClock,
                                       data_dir: Path) -> None:
    dossier_id, _ = receive(store, clock)
    clerk_window = open_window(qtbot, store, clock, data_dir, "binh")
    clerk_window.open_dossier(dossier_id)
    assert not clerk_window.dossier.extend_box.isVisible()
    clerk_window.close()
    clock.set(datetime(2026, 11, 30, 8, 0))  # past the Fri 27/11 appointment
    window = open_window(qtbot, store, clock, data_dir, "lan")
    window.open_dossier(dossier_id)
    page = window.dossier
    assert page.extend_box.isVisible() and "quá hạn" in page.header.text()
    page.extend_button.click()
    wait_writes()
    assert page.extend_reason_msg.text() == "Chưa nhập thông tin bắt buộc."
    page.extend_reason.setFocus()
    type_text("Chờ xác minh của xã nơi cư trú trước đây")
    page.new_due.setDateTime(datetime(2026, 12, 3, 9, 0))
    answer_question(yes=True)
    page.extend_button.click()
    wait_writes()
    assert "hẹn trả mới 09:00 ngày 03/12/2026" in page.result.text()
    with store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d.due_at == datetime(2026, 12, 3, 9, 0)
        assert d.original_due_at == datetime(2026, 11, 27, 9, 0)
        assert d.events[-1].action == "extend" and d.events[-1].clerk_id == 2
    assert "Gia hạn" in page.history.item(1, 2).text()


def test_unknown_scanned_code(qtbot: QtBot, window: MainWindow) -> None:
    window.search.setFocus()
    scan("000.00.12.H26-261123-0099")
    assert "Không tìm thấy hồ sơ" in take_message(qtbot)
    assert window.dossier.view is None
    with window.store.read() as s:
        assert s.scalars(select(Dossier)).first() is None


def test_hooks_for_printing_rating_and_sync(qtbot: QtBot, store: Store, clock: FixedClock,
                                            data_dir: Path) -> None:
    from PySide6.QtWidgets import QLabel

    printed: list[int] = []
    hooks.dossier_menu_actions.append(
        hooks.DossierAction("In giấy hẹn (mẫu 01)", lambda _parent, i: printed.append(i),
                            statuses=frozenset({"received"}))
    )
    hooks.status_bar_widgets.append(lambda: QLabel("Đồng bộ: đã gửi hết"))

    def broken(_dossier_id: int) -> None:
        raise RuntimeError("printer on fire")

    hooks.after_return.append(broken)
    window = open_window(qtbot, store, clock, data_dir)
    assert any(isinstance(w, QLabel) and w.text() == "Đồng bộ: đã gửi hết"
               for w in window.statusBar().findChildren(QLabel))
    dossier_id, _ = receive(store, clock)
    window.open_dossier(dossier_id)
    button = next(b for b in window.dossier.actions_box.findChildren(QPushButton)
                  if b.text() == "In giấy hẹn (mẫu 01)")
    button.click()
    wait_writes()
    assert printed == [dossier_id]
    for target in (Status.RESULT_READY, Status.RETURNED):
        assert window.dossier.change(target)  # the broken hook is logged, the return stands
        wait_writes()
    assert window.dossier.view is not None and window.dossier.view.status == "returned"
    assert not any(b.text() == "In giấy hẹn (mẫu 01)" and b.isVisible()
                   for b in window.dossier.actions_box.findChildren(QPushButton))


def test_printing_rating_and_sync_plug_into_the_window(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    from desk_app.gui.startup import install_extensions

    window = open_window(qtbot, store, clock, data_dir)
    parts = install_extensions(window, store, clock, data_dir)
    try:
        assert sorted(parts) == ["backup", "printing", "queue", "rating", "reports", "sync"]
        assert len(hooks.after_return) == 1 and len(hooks.dossier_menu_actions) == 1
        assert len(hooks.after_intake) == 2
        dossier_id, _ = receive(store, clock)
        window.open_dossier(dossier_id)
        labels = [b.text() for b in window.dossier.actions_box.findChildren(QPushButton)
                  if b.isVisible()]
        assert hooks.dossier_menu_actions[0].label in labels
    finally:
        import desk_app.gui.printing as printing
        import desk_app.gui.rating as rating

        rating.uninstall(parts["rating"])  # type: ignore[arg-type]
        printing.uninstall(parts["printing"])  # type: ignore[arg-type]
        sync = parts.get("sync")
        if sync is not None and getattr(sync, "worker", None) is not None:
            sync.worker.stop(timeout=2.0)  # type: ignore[union-attr]
