"""The return (F8) with who collected it, and resuming a dossier left waiting for a supplement
(form 02), driven through the real main window."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui.main_window import MainWindow
from desk_app.printing import service
from desk_app.services import intake, lifecycle
from desk_app.store.engine import Store
from desk_app.store.models import Dossier, OutboxEvent
from tests.gui.conftest import focused, open_window, press, scan, take_message, type_text
from tests.helpers import complete_request, load_test_release
from tests.printing.conftest import contains, pdf_text

CTRL = Qt.KeyboardModifier.ControlModifier


def ready(store: Store, clock: FixedClock) -> tuple[int, str]:
    with store.write() as s:
        res = intake.receive(s, clock, 3, complete_request(s))
        lifecycle.change_status(s, clock, 3, res.dossier_id, Status.IN_PROCESSING)
        lifecycle.change_status(s, clock, 3, res.dossier_id, Status.RESULT_READY)
    return res.dossier_id, res.code


def last_outbox(store: Store) -> OutboxEvent:
    with store.read() as s:
        ev = s.scalars(select(OutboxEvent).where(OutboxEvent.kind != "audit.recorded")
                       .order_by(OutboxEvent.id.desc())).first()
        assert ev is not None
        s.expunge(ev)
        return ev


# -- F8 ----------------------------------------------------------------------------------------

@pytest.mark.requires_poppler
def test_f8_asks_who_collects_and_records_a_representative(
    qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow, tmp_path: Path
) -> None:
    dossier_id, code = ready(store, clock)
    window.search.setFocus()
    scan(code)  # the citizen's slip
    qtbot.waitUntil(lambda: not window.searching)  # the code is looked up on a worker
    page = window.dossier
    assert window.tabs.currentWidget() is page and page.view is not None
    press(Qt.Key.Key_F8)
    dialog = page.return_dialog
    assert dialog is not None and dialog.isVisible() and dialog.parent() is window
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog.applicant_radio
    assert "Đặng Văn Đức" in dialog.applicant_radio.text()
    assert dialog.applicant_id.text() == "001090012345"  # prefilled from the dossier
    press(Qt.Key.Key_Down)  # someone else collects it
    assert dialog.rep_radio.isChecked() and focused() is dialog.rep_name
    type_text("Trần Văn Hùng")
    press(Qt.Key.Key_Tab)
    type_text("0010850012")  # ten digits
    press(Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.rep_id_msg.text() == "Số CCCD phải gồm 12 chữ số (CMND cũ: 9 chữ số)."
    assert focused() is dialog.rep_id and dialog.rep_name.text() == "Trần Văn Hùng"
    with store.read() as s:
        assert s.get(Dossier, dossier_id).status == "result_ready"
    type_text("34")
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert not dialog.isVisible()
    assert page.view.status == "returned"
    assert "cho <b>Trần Văn Hùng</b>" in page.result.text()
    # the history row, the line under the header
    last = page.history.rowCount() - 1
    assert page.history.item(last, 4).text() == (
        "người nhận: Trần Văn Hùng (người nhận thay), CCCD/CMND 001085001234")
    assert "Người nhận kết quả: <b>Trần Văn Hùng</b> (người nhận thay)" in page.links.text()
    # the sync payload
    ev = last_outbox(store)
    assert ev.kind == "dossier.status" and ev.payload["to"] == "returned"
    assert ev.payload["collector"] == {"kind": "representative", "full_name": "Trần Văn Hùng",
                                       "id_number": "001085001234"}
    # form 06, as printed
    with store.read() as s:
        pdf = service.render_form(s, dossier_id, "06", now=clock.now()).pdf
    text = pdf_text(pdf, tmp_path)
    assert contains(text, "Chuyển trạng thái: Đã trả kết quả. Người nhận kết quả: Trần Văn "
                          "Hùng (người nhận thay), số CCCD/CMND 001085001234"), text


def test_f8_applicant_by_enter_and_esc_goes_back(
    qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow
) -> None:
    dossier_id, _ = ready(store, clock)
    assert window.open_dossier(dossier_id)
    page = window.dossier
    press(Qt.Key.Key_F8)
    dialog = page.return_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with store.read() as s:
        assert s.get(Dossier, dossier_id).status == "result_ready"  # nothing happened
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.buttons[Status.RETURNED].click()  # the button asks too
    dialog = page.return_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    press(Qt.Key.Key_Return)  # the applicant, as prefilled
    assert not dialog.isVisible() and page.view is not None
    assert page.view.status == "returned"
    with store.read() as s:
        data = s.get(Dossier, dossier_id).events[-1].data
    assert data["collector"] == {"kind": "applicant", "full_name": "Đặng Văn Đức",
                                 "id_number": "001090012345"}


def test_a_scanned_card_in_the_return_dialog_fills_the_collector(
    qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow
) -> None:
    dossier_id, _ = ready(store, clock)
    window.open_dossier(dossier_id)
    press(Qt.Key.Key_F8)
    dialog = window.dossier.return_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    scan("001085001234||Trần Văn Hùng|01011985|Nam|Hà Nội|")
    assert dialog.rep_radio.isChecked()
    assert (dialog.rep_name.text(), dialog.rep_id.text()) == ("Trần Văn Hùng", "001085001234")
    assert window.intake.applicant.is_empty()  # the intake form did not take it
    press(Qt.Key.Key_Return)
    with store.read() as s:
        assert s.get(Dossier, dossier_id).events[-1].data["collector"]["kind"] == \
            "representative"


# -- resuming a supplement request ----------------------------------------------------------

def supplement(store: Store, clock: FixedClock) -> tuple[int, str]:
    """Form 02 at the desk: the marriage-status certificate, only the application form brought,
    a representative, a note."""
    with store.write() as s:
        req = complete_request(s, "1.004873")
        req.components = req.components[:1]
        req.representative = intake.Person(full_name="Đặng Thị Mai", id_number="001190054321",
                                           phone="0987654321", relation="vợ")
        req.note = "Hẹn quay lại trong tuần"
        res = intake.request_supplement(s, clock, 3, req, intake.missing_components(s, req),
                                        "Thiếu giấy tờ tùy thân")
    return res.dossier_id, res.code


def test_resume_a_supplement_request_end_to_end(
    qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow
) -> None:
    first_id, first_code = supplement(store, clock)
    clock.advance(days=2)  # Wed 25/11 09:00, the citizen comes back with the ID card
    window.search.setFocus()
    scan(first_code)  # the barcode of form 02
    qtbot.waitUntil(lambda: not window.searching)  # the code is looked up on a worker
    page = window.dossier
    assert window.tabs.currentWidget() is page and page.view is not None
    assert page.view.id == first_id
    assert focused() is page.resume_button
    assert page.resume_button.text() == "Tiếp tục hồ sơ (công dân đã bổ sung)"
    press(Qt.Key.Key_Space)
    form = window.intake
    assert window.tabs.currentWidget() is form
    assert form.resume_bar.isVisible() and f"Tiếp tục hồ sơ {first_code}" in \
        form.resume_bar.text()
    assert "Còn thiếu: Giấy tờ tùy thân của người yêu cầu" in form.resume_bar.text()
    assert form.picker.current is not None and form.picker.current.code == "1.004873"
    assert form.applicant.line("full_name").text() == "Đặng Văn Đức"
    assert form.applicant.line("birth_date").text() == "15/03/1990"
    assert form.rep_box.isChecked() and form.rep.line("relation").text() == "vợ"
    assert form.note.text() == "Hẹn quay lại trong tuần"
    rows = form.checklist.rows
    assert rows[0].check.isChecked()  # handed in the first time
    assert focused() is rows[3].check  # the ID card, still missing: the clerk ticks it
    press(Qt.Key.Key_Space)
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert "Đã tiếp nhận hồ sơ" in form.banner.text(), form.banner.text()
    assert f"tiếp tục hồ sơ <b>{first_code}</b>" in form.banner.text()
    assert not form.resume_bar.isVisible()
    with store.read() as s:
        new = s.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
        first = s.get(Dossier, first_id)
        assert new is not None and new.id != first_id and new.status == "received"
        assert new.due_at == datetime(2026, 11, 30, 9, 0)  # Thu, Fri, Mon: 3 working days
        assert new.rep_name == "Đặng Thị Mai"
        new_id, new_code, new_uuid = new.id, new.code, new.uuid
        assert new.events[0].data["resumed_from"] == {"code": first_code, "uuid": first.uuid}
        assert first.events[-1].data["resumed_by"] == {"code": new_code, "uuid": new_uuid}
    ev = last_outbox(store)
    assert ev.kind == "dossier.resumed" and ev.payload["resumed_by"]["code"] == new_code
    # both pages show the link, and the first cannot be resumed again
    assert window.open_dossier(new_id)
    assert f"Tiếp tục hồ sơ <a href='dossier:{first_id}'>{first_code}</a>" in page.links.text()
    assert page.history.item(0, 4).text() == f"tiếp tục hồ sơ {first_code}"
    page.links.linkActivated.emit(f"dossier:{first_id}")  # a click on the code
    assert page.view.id == first_id
    assert f"tiếp tục bằng hồ sơ <a href='dossier:{new_id}'>{new_code}</a>" in \
        page.links.text()
    assert page.resume_button.isVisible() and not page.resume_button.isEnabled()
    assert new_code in page.resume_button.toolTip()
    assert page.history.item(page.history.rowCount() - 1, 2).text() == \
        "Tiếp tục (công dân bổ sung)"


def test_a_dossier_is_resumed_once(
    qtbot: QtBot, store: Store, clock: FixedClock, window: MainWindow
) -> None:
    first_id, first_code = supplement(store, clock)
    assert window.open_dossier(first_id)
    window.dossier.resume_button.click()
    form = window.intake
    assert form.resume_bar.dossier_id == first_id
    form.receive_button.setFocus()
    form.checklist.receive_all()
    # meanwhile another counter takes the same citizen's dossier up
    with store.write() as s:
        req = complete_request(s, "1.004873")
        req.resumes = first_id
        other = intake.receive(s, clock, 2, req)
    press(Qt.Key.Key_Return, modifiers=CTRL)
    assert take_message(qtbot) == (
        f"Hồ sơ {first_code} đã được tiếp tục bằng hồ sơ {other.code}: mỗi hồ sơ chỉ tiếp tục "
        f"được một lần. Mở hồ sơ {other.code} để xem.")
    assert form.applicant.line("full_name").text() == "Đặng Văn Đức"  # nothing lost
    with store.read() as s:
        assert len(s.scalars(select(Dossier)).all()) == 2
    # and from the page of the first dossier, now showing the link
    window.open_dossier(first_id)
    assert not window.dossier.resume_button.isEnabled()
    window.resume_dossier(first_id)
    assert "đã được tiếp tục bằng hồ sơ" in take_message(qtbot)


def test_resume_when_the_procedure_version_is_no_longer_in_force(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    clock.set(datetime(2027, 2, 26, 9, 0))  # Fri 26/02/2027, catalogue 2026.07
    first_id, first_code = supplement(store, clock)
    load_test_release(store, clock)
    clock.set(datetime(2027, 3, 1, 9, 0))  # the 2027.03 release is in force
    window = open_window(qtbot, store, clock, data_dir)
    window.open_dossier(first_id)
    press(Qt.Key.Key_Space)  # the focused "resume" button
    form = window.intake
    assert form.picker.current is None
    assert "không còn hiệu lực" in form.resume_bar.text()
    assert "không còn hiệu lực" in form.procedure_msg.text()
    assert focused() is form.picker.edit
    assert form.picker.hits() and form.picker.hits()[0].startswith("1.004873")
    assert form.applicant.line("full_name").text() == "Đặng Văn Đức"
    press(Qt.Key.Key_Return)  # the version in force today
    assert form.picker.current is not None and form.picker.current.code == "1.004873"
    form.checklist.receive_all()
    press(Qt.Key.Key_Return, form.receive_button, CTRL)
    assert "Đã tiếp nhận hồ sơ" in form.banner.text(), form.banner.text()
    with store.read() as s:
        new = s.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
        assert new is not None and new.procedure_version.effective_from.year == 2027
        assert new.events[0].data["resumed_from"]["code"] == first_code


def test_a_restart_keeps_the_resumption(
    qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path
) -> None:
    first_id, first_code = supplement(store, clock)
    window = open_window(qtbot, store, clock, data_dir)
    window.resume_dossier(first_id)
    window.close()  # a power cut would leave the same draft: it is saved as the form fills
    again = open_window(qtbot, store, clock, data_dir)
    form = again.intake
    assert form.resume_bar.dossier_id == first_id and form.resume_bar.isVisible()
    assert f"Tiếp tục hồ sơ {first_code}" in form.resume_bar.text()
    assert form.applicant.line("full_name").text() == "Đặng Văn Đức"
    form.checklist.receive_all()
    press(Qt.Key.Key_Return, form.receive_button, CTRL)
    with store.read() as s:
        new = s.scalars(select(Dossier).order_by(Dossier.id.desc())).first()
        assert new is not None and new.events[0].data["resumed_from"]["code"] == first_code
