"""Login and the three intake outcomes, driven through the real main window by keyboard."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.gui import hooks
from desk_app.gui.login import LoginDialog
from desk_app.gui.main_window import MainWindow
from desk_app.gui.startup import Launcher
from desk_app.services.drafts import draft_path
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.gui.conftest import focused, press, scan, type_text, wait_writes

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
# A CCCD QR payload as the card holds it (female, born 1992 in Hà Nội: 001 1 92 ...).
PAYLOAD = ("001192004567|013456789|Trần Thị Hồng Nhung|05061992|Nữ|"
           "Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội|12082021")


def login(qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
          username: str = "binh", password: str = "mat-khau-123") -> MainWindow:
    launcher = Launcher(store, clock, data_dir)
    dialog = launcher.start()
    assert isinstance(dialog, LoginDialog)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    QTest.keyClicks(dialog.username, username)
    QTest.keyClicks(dialog.password, "wrong-password")
    press(Qt.Key.Key_Return, dialog.password)
    assert dialog.password_msg.text().startswith("Sai tên đăng nhập hoặc mật khẩu. Còn 4 lần")
    assert launcher.window is None and dialog.username.text() == username
    QTest.keyClicks(dialog.password, password)
    with qtbot.waitSignal(launcher.windowReady, timeout=5000):
        press(Qt.Key.Key_Return, dialog.password)
    window = launcher.window
    assert window is not None
    qtbot.addWidget(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    return window


def pick_procedure(window: MainWindow, query: str) -> None:
    window.intake.picker.edit.setFocus()
    type_text(query)
    press(Qt.Key.Key_Return)


def test_login_and_receive_complete_dossier_with_scanned_cccd(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    seen: list[int] = []
    hooks.after_intake.append(seen.append)
    window = login(qtbot, store, clock, data_dir)
    assert "Nguyễn Văn Bình" in window.clerk_label.text()
    form = window.intake
    assert focused() is form.picker.edit
    # the procedure by a folded fragment of its name
    type_text("xac nhan tinh trang hon")
    assert form.picker.hits()[0].startswith("1.004873")
    press(Qt.Key.Key_Return)
    assert form.picker.current is not None and form.picker.current.code == "1.004873"
    assert form.limit_label.text() == "3 ngày làm việc"
    # Mon 23/11 09:00, Tue 24/11 a holiday -> Fri 27/11 09:00, shown live
    assert form.due_label.text() == "09:00, Thứ Sáu 27/11/2026"
    press(Qt.Key.Key_N, modifiers=ALT)  # "Nhận đủ tất cả"
    assert all(row.check.isChecked() for row in form.checklist.rows if row.spec.required)
    # the scanner types the card's QR payload into whatever has the focus (the checklist)
    before = focused()
    scan(PAYLOAD)
    a = form.applicant
    assert a.line("full_name").text() == "Trần Thị Hồng Nhung"
    assert a.line("id_number").text() == "001192004567"
    assert a.line("birth_date").text() == "05/06/1992"
    assert a.gender() == "Nữ"
    assert a.line("address").text().startswith("Thôn Phù Dực")
    assert "Cảnh báo" not in form.banner.text()
    assert before is not focused() and focused() is a.widgets["phone"]
    type_text("0912 345 678")
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "Đã tiếp nhận hồ sơ" in form.banner.text(), form.banner.text()
    with store.read() as s:
        d = s.scalars(select(Dossier)).one()
        assert d.applicant_name == "Trần Thị Hồng Nhung"
        assert d.applicant_birth_date == date(1992, 6, 5)
        assert d.applicant_phone == "0912345678"
        assert d.status == "received" and d.received_by == 3
        assert d.due_at == datetime(2026, 11, 27, 9, 0)
        code, dossier_id = d.code, d.id
    assert code in form.banner.text() and seen == [dossier_id]
    # the form is empty again and the draft is gone
    assert form.is_empty()
    qtbot.waitUntil(lambda: not draft_path(data_dir).exists())  # cleared on the draft lane
    assert focused() is form.picker.edit


def test_scanned_card_that_contradicts_itself_is_flagged(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.intake
    form.applicant.line("email").setFocus()
    type_text("an@")
    # gender digit says male (0), card says Nữ; year digits 90 but born 1992
    scan("001090012345||Lê Thị Mai|05061992|Nữ|Hà Nội|")
    assert form.applicant.line("full_name").text() == "Lê Thị Mai"
    warning = form.applicant.msgs["id_number"].text()
    assert "giới tính" in warning and "năm sinh" in warning
    assert "Cảnh báo" in form.banner.text()
    assert form.applicant.line("email").text() == "an@"  # what was typed is kept


def test_garbage_scan_gives_a_message_and_loses_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.intake
    form.applicant.line("full_name").setFocus()
    type_text("Phạm Văn")
    scan("079203001122|x|Bad|31139999|Nam|addr|")  # impossible date
    assert form.applicant.line("full_name").text() == "Phạm Văn"
    assert "ngày không đọc được" in form.banner.text()
    scan("001090012345|only|three")  # too few fields: a cut scan, nothing filled
    assert form.applicant.line("full_name").text() == "Phạm Văn"
    assert "chưa trọn" in form.banner.text()
    assert form.applicant.line("id_number").text() == ""


def test_receive_refused_until_fields_are_right(qtbot: QtBot, window: MainWindow,
                                                store: Store) -> None:
    form = window.intake
    press(Qt.Key.Key_Return, form.picker.edit, CTRL)
    assert form.procedure_msg.text() == "Chưa chọn thủ tục."
    pick_procedure(window, "1.004873")
    form.applicant.line("full_name").setFocus()
    type_text("Đỗ Minh 2")
    form.applicant.line("phone").setFocus()
    type_text("12345")
    form.applicant.line("birth_date").setFocus()
    type_text("31/02/1990")
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "chữ số" in form.applicant.msgs["birth_date"].text() or \
        "ngày/tháng/năm" in form.applicant.msgs["birth_date"].text()
    form.applicant.line("birth_date").clear()
    press(Qt.Key.Key_Return, form.applicant.line("birth_date"), CTRL)
    assert form.applicant.msgs["full_name"].text() == "Họ tên chỉ gồm chữ cái, không có chữ số."
    assert "10 chữ số" in form.applicant.msgs["phone"].text()
    assert "Chưa đủ số lượng" in form.checklist.rows[0].message.text()
    assert "Yêu cầu bổ sung" in form.checklist.rows[0].message.text()
    assert focused() is form.applicant.widgets["full_name"]
    assert form.applicant.line("full_name").text() == "Đỗ Minh 2"  # nothing lost
    with store.read() as s:
        assert s.scalars(select(Dossier)).first() is None


def test_supplement_request(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    form = window.intake
    pick_procedure(window, "dang ky ket hon")
    assert form.picker.current is not None and form.picker.current.code == "1.000894"
    form.checklist.rows[0].check.setFocus()
    press(Qt.Key.Key_Space)  # only the first component handed in
    form.applicant.line("full_name").setFocus()
    type_text("Vũ Quang Huy")
    press(Qt.Key.Key_B, modifiers=CTRL)
    dialog = form.dialog
    assert dialog is not None and dialog.isVisible()
    missing = dialog.missing()  # type: ignore[union-attr]
    required = [r.spec for r in form.checklist.rows[1:] if r.spec.required]
    assert [m.name for m in missing] == [c.name for c in required]
    dialog.table.item(0, 4).setText("Bản sao giấy tờ bị mờ")  # type: ignore[union-attr]
    dialog.reason.setFocus()
    press(Qt.Key.Key_End)
    type_text(" Công dân bổ sung trong 5 ngày.")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    wait_writes()
    assert not dialog.isVisible()
    assert "mẫu 02" in form.banner.text()
    with store.read() as s:
        d = s.scalars(select(Dossier)).one()
        assert d.status == "supplement_requested" and d.received_by == 3
        assert d.outcome_reason.endswith("Công dân bổ sung trong 5 ngày.")
        lines = d.events[0].data["missing"]
        assert [m["name"] for m in lines] == [c.name for c in required]
        assert lines[0]["reason"] == "Bản sao giấy tờ bị mờ"
        assert d.due_at is None


def test_refusal_needs_a_reason(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    form = window.intake
    pick_procedure(window, "khai sinh")
    form.applicant.line("full_name").setFocus()
    type_text("Hoàng Thị Lụa")
    press(Qt.Key.Key_R, modifiers=CTRL)
    dialog = form.dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    ok.click()
    wait_writes()
    assert dialog.reason_msg.text() == "Cần ghi rõ lý do."
    dialog.reason.setFocus()
    type_text("Không thuộc thẩm quyền giải quyết của UBND xã.")
    ok.click()
    wait_writes()
    assert "mẫu 03" in form.banner.text()
    with store.read() as s:
        d = s.scalars(select(Dossier)).one()
        assert d.status == "refused"
        assert d.outcome_reason == "Không thuộc thẩm quyền giải quyết của UBND xã."


def test_tab_order_follows_the_page(qtbot: QtBot, window: MainWindow) -> None:
    pick_procedure(window, "1.004873")
    window.intake.picker.edit.setFocus()
    seen = []
    for _ in range(30):
        seen.append(focused().objectName())
        press(Qt.Key.Key_Tab)
    order = ["procedureSearch", "allReceived", "component.1", "component.1.originals",
             "component.2", "applicant.full_name", "applicant.id_number",
             "applicant.birth_date", "applicant.gender", "applicant.address", "applicant.phone",
             "applicant.email", "representativeBox", "delivery", "sets_count", "note",
             "refuseButton", "supplementButton", "receiveButton"]
    positions = [seen.index(name) for name in order]
    assert positions == sorted(positions), seen


def test_scanning_another_card_says_what_it_replaced(qtbot: QtBot, window: MainWindow) -> None:
    form = window.intake
    form.applicant.line("full_name").setFocus()
    type_text("Bùi Thị Xuân")
    form.applicant.line("id_number").setFocus()
    type_text("001199001111")
    scan(PAYLOAD)
    assert form.applicant.line("full_name").text() == "Trần Thị Hồng Nhung"
    assert "Thông tin đã thay: Bùi Thị Xuân, số 001199001111." in form.banner.text()
    # the representative's card, scanned while the focus is in the representative's fields
    form.rep_box.setChecked(True)
    form.rep.line("phone").setFocus()
    scan("001085001234||Trần Văn Hùng|01011985|Nam|Hà Nội|")
    assert form.rep.line("full_name").text() == "Trần Văn Hùng"
    assert form.rep.line("phone").text() == ""
    assert form.applicant.line("full_name").text() == "Trần Thị Hồng Nhung"
