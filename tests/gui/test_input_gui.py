"""Input the desk refuses or understands, typed and scanned into the real main window."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.clock import FixedClock
from desk_app.gui.main_window import MainWindow
from desk_app.services import intake
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.gui.conftest import focused, press, scan, type_text, wait_writes
from tests.gui.test_intake_flow import pick_procedure
from tests.helpers import complete_request

CTRL = Qt.KeyboardModifier.ControlModifier


def _count(store: Store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count(Dossier.id))) or 0)


def test_a_wrong_phone_is_flagged_at_the_field_and_a_fixed_line_accepted(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    form = window.intake
    pick_procedure(window, "1.004873")
    press(Qt.Key.Key_N, modifiers=Qt.KeyboardModifier.AltModifier)  # every component
    a = form.applicant
    a.line("full_name").setFocus()
    type_text("Trần Thị Hồng Nhung")
    a.line("phone").setFocus()
    type_text("0912 abc 345")
    press(Qt.Key.Key_Tab)  # leaving the field checks it
    assert "«a» (U+0061), «b» (U+0062), «c» (U+0063)" in a.msgs["phone"].text()
    assert a.line("phone").text() == "0912 abc 345"  # nothing typed is changed
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "ký tự không hợp lệ" in a.msgs["phone"].text()
    assert focused() is a.widgets["phone"] and _count(store) == 0
    a.line("phone").clear()
    type_text("01688 123 456")
    press(Qt.Key.Key_Tab)
    assert "số mới là 0388123456" in a.msgs["phone"].text()
    a.line("phone").setFocus()
    a.line("phone").selectAll()
    type_text("024 3825 1234")  # a Hà Nội fixed line: 11 digits
    assert a.msgs["phone"].text() == ""  # gone as soon as the number is right
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "Đã tiếp nhận hồ sơ" in form.banner.text(), form.banner.text()
    with store.read() as s:
        assert s.scalars(select(Dossier.applicant_phone)).one() == "02438251234"


def test_an_emoji_is_refused_at_the_field_and_nothing_is_lost(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    form = window.intake
    pick_procedure(window, "1.004873")
    press(Qt.Key.Key_N, modifiers=Qt.KeyboardModifier.AltModifier)
    a = form.applicant
    a.line("full_name").setFocus()
    type_text("Lê Thị Hoa 🌸")
    press(Qt.Key.Key_Tab)
    assert "không in được" in a.msgs["full_name"].text()
    assert "«🌸» (U+1F338)" in a.msgs["full_name"].text()
    form.note.setFocus()
    type_text("Gọi ☎ trước")
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "«🌸» (U+1F338)" in a.msgs["full_name"].text()
    assert "«☎» (U+260E)" in form.note_msg.text()
    assert focused() is a.widgets["full_name"]
    assert a.line("full_name").text() == "Lê Thị Hoa 🌸" and form.note.text() == "Gọi ☎ trước"
    assert _count(store) == 0
    # the refusal's reason (printed on form 03) is checked in its dialog, which stays open
    a.line("full_name").setText("Lê Thị Hoa")
    form.note.clear()
    press(Qt.Key.Key_R, modifiers=CTRL)
    dialog = form.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reason.setFocus()
    type_text("Không thuộc thẩm quyền 🙏")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    wait_writes()
    assert dialog.isVisible() and "«🙏» (U+1F64F)" in dialog.reason_msg.text()
    assert dialog.reason_text() == "Không thuộc thẩm quyền 🙏" and _count(store) == 0


CUT = "001192004567|013456789|Trần Thị Hồng Nhung|05061992|Nữ|Thôn Phù Dực, xã Ph"


def test_a_cut_payload_and_an_old_9_digit_payload_fill_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.intake
    a = form.applicant
    a.line("email").setFocus()
    type_text("an@")
    scan(CUT)  # 6 fields: the scan stopped inside the address
    assert "chưa trọn" in form.banner.text()
    assert a.line("full_name").text() == "" and a.line("address").text() == ""
    assert a.line("email").text() == "an@"  # the field the payload was typed into is back
    a.line("full_name").setFocus()
    type_text("Phạm Văn")
    scan("123456789||Nguyễn Văn An|15031990|Nam|Hà Nội|20042021")
    assert "9 chữ số (số CMND cũ)" in form.banner.text()
    assert a.line("full_name").text() == "Phạm Văn"  # no digits, no payload left in the name
    assert a.line("id_number").text() == ""


def test_the_representatives_card_is_checked_too(qtbot: QtBot, window: MainWindow) -> None:
    form = window.intake
    form.rep_box.setChecked(True)
    form.rep.line("phone").setFocus()
    # the number says a man born in 1990 (0 = 1900s male, 90); the card says born 1985
    scan("001090012345||Trần Văn Hùng|01011985|Nam|Hà Nội|01022022")
    assert form.rep.line("full_name").text() == "Trần Văn Hùng"
    assert "năm sinh" in form.rep.msgs["id_number"].text()
    assert "Cảnh báo" in form.banner.text() and "năm sinh" in form.banner.text()
    assert form.rep.mismatch_text.startswith("Cảnh báo")


def test_search_by_the_end_of_a_code_and_in_lower_case(
    qtbot: QtBot, window: MainWindow, store: Store, clock: FixedClock
) -> None:
    ids = {}
    for day, count in ((20, 3), (23, 2)):
        clock.set(datetime(2026, 11, day, 9, 0))
        for _ in range(count):
            with store.write() as s:
                res = intake.receive(s, clock, 3, complete_request(s))
            ids[res.code] = res.dossier_id
    window.register.refresh()

    def search(text: str) -> None:
        press(Qt.Key.Key_F, modifiers=CTRL)
        assert focused() is window.search
        type_text(text)
        press(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not window.searching)  # the search runs on a worker

    search("261120-1003")
    assert window.last_search_ids == [ids["000.00.12.H26-261120-1003"]]
    assert window.tabs.currentWidget() is window.dossier
    assert window.dossier.view is not None
    assert window.dossier.view.id == ids["000.00.12.H26-261120-1003"]
    search("h26-261123-1001")  # lower case, from the agency code's end
    assert window.dossier.view.id == ids["000.00.12.H26-261123-1001"]
    search("000.00.12.h26-261120-1001")  # a whole code in lower case
    assert window.dossier.view.id == ids["000.00.12.H26-261120-1001"]
    search("1003")  # the sequence alone (counter 1): only 20/11 had a third dossier
    assert window.dossier.view.id == ids["000.00.12.H26-261120-1003"]
    search("1002")  # both days: listed in the register, newest first
    assert window.last_search_ids == [ids["000.00.12.H26-261123-1002"],
                                      ids["000.00.12.H26-261120-1002"]]
    assert window.tabs.currentWidget() is window.register
    model = window.register.model
    qtbot.waitUntil(lambda: not model.loading)
    assert [model.dossier_id(r) for r in range(model.rowCount())] == window.last_search_ids


def test_a_scan_after_typed_digits_takes_back_only_the_scan(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The clerk typed a phone number; a moment later a card is scanned into the same field.
    Only the scanner's digits belong to the card: the phone stays whole (the 12-digit look-up
    used to reach back into the typed digits and cut the phone to 0912345)."""
    phone = window.intake.applicant.line("phone")
    phone.setFocus()
    type_text("0912345678")
    qtbot.wait(350)  # a person's pause, then the scanner's burst
    scan("123456789|Lê Văn Tám|01011980|Nam|Hà Nội|")
    assert phone.text() == "0912345678"
    assert "9 chữ số" in window.intake.banner.text() or "CMND" in window.intake.banner.text()
    phone.selectAll()
    type_text("0987 654 321")
    qtbot.wait(350)
    scan("001192004567|013456789|Trần Thị Hồng Nhung|05061992|Nữ|Hà Nội|12082021")
    assert phone.text() == "0987 654 321"
    assert window.intake.applicant.line("full_name").text() == "Trần Thị Hồng Nhung"
