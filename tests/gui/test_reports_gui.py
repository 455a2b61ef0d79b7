"""The day and the reports in the real window: the clerk lands on "Hôm nay", is warned of an
overdue dossier without form 04 and prepares it with Enter; the leader's report shows the
month's figures and charts from one read; a clerk is refused the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui import reports as gui_reports
from desk_app.gui.reports.report_dialog import ReportDialog
from desk_app.store.engine import Store
from tests.gui.conftest import focused, open_window, press, take_message
from tests.reports.month import month  # noqa: F401 (a fixture)


def alert(qtbot: QtBot) -> QMessageBox:
    def shown() -> QMessageBox | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
                     and w.objectName() == "overdueAlert" and w.isVisible()), None)
    qtbot.waitUntil(lambda: shown() is not None)
    box = shown()
    assert box is not None
    return box


def test_a_leader_lands_on_the_day_and_prepares_form_04(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
        month: dict[str, int]) -> None:
    window = open_window(qtbot, store, clock, data_dir, "lan")
    reports = gui_reports.install(window, store, clock)
    assert window.tabs.currentWidget() is reports.page and window.tabs.tabText(0) == "Hôm nay"
    box = alert(qtbot)
    assert "1</b> hồ sơ" in box.text() and "Đặng Văn Đức" in box.text()
    window.lock()  # a locked desk shows nothing: the warning goes, and comes back after
    qtbot.waitUntil(lambda: not box.isVisible())
    window.unlock()
    box = alert(qtbot)
    page = reports.page
    assert page.day is not None
    assert page.tabs.tabText(0) == "Quá hạn chưa có mẫu 04 (1)"
    assert [r.id for r in page.models["overdue"].rows] == [month["G"]]
    assert "2 lượt đánh giá, 1 hài lòng" in page.summary.text()
    press(Qt.Key.Key_Return, box)  # "Lập mẫu 04": the dossier opens at its form 04 box
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.dossier)
    assert window.dossier.view is not None and window.dossier.view.id == month["G"]
    assert focused() is window.dossier.extend_reason
    # Ctrl+H goes back to the day; Enter on a row opens its dossier
    press(Qt.Key.Key_H, modifiers=Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is page
    view = page.views["overdue"]
    page.tabs.setCurrentWidget(view)
    view.setFocus()
    view.setCurrentIndex(page.models["overdue"].index(0, 0))
    press(Qt.Key.Key_Return, view)
    assert window.tabs.currentWidget() is window.dossier


def test_a_clerk_is_told_to_ask_a_leader_and_is_refused_the_report(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path,
        month: dict[str, int]) -> None:
    window = open_window(qtbot, store, clock, data_dir, "binh")
    reports = gui_reports.install(window, store, clock)
    press(Qt.Key.Key_Return, alert(qtbot))
    assert "Chỉ lãnh đạo bộ phận lập được" in take_message(qtbot)
    assert not window.dossier.extend_box.isVisible()
    assert not reports.report_action.isEnabled()
    assert reports.open_report() is None
    assert "Chỉ lãnh đạo bộ phận xem được báo cáo" in take_message(qtbot)


def test_the_leaders_report_shows_the_month(qtbot: QtBot, store: Store, clock: FixedClock,
                                            data_dir: Path, month: dict[str, int],
                                            tmp_path: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir, "lan")
    dialog = ReportDialog(store, clock, window, clerk_id=window.clerk.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None)
    assert dialog.period() == (date(2026, 11, 1), date(2026, 11, 1))
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    total = {headers[c]: model.index(model.rowCount() - 1, c).data()
             for c in range(model.columnCount())}
    assert total["Tháng"] == "Tổng cộng"
    assert (total["Tiếp nhận"], total["Đã trả"], total["Trễ hạn"]) == ("5", "3", "2")
    assert (total["Trễ hạn có xin lỗi (04)"], total["Quá hạn chưa trả"]) == ("1", "1")
    assert total["Tỷ lệ đúng hạn"] == "33,3%" and total["Tỷ lệ hài lòng"] == "50,0%"
    groups = {dialog.groups.item(r, 0).text(): dialog.groups.item(r, 3).text()
              for r in range(dialog.groups.rowCount())}
    assert groups["Tiến độ, kết quả giải quyết"] == "6,67"  # 20 x 1/3
    assert groups["Số hóa hồ sơ"] == "-"
    assert dialog.trend.bars == [("T11", 1 / 3)]  # the charts: from the same read
    assert dialog.by_clerk.bars == [("Nguyễn Văn Bình", 0.5)]
    assert dialog.late.bars == [("1.004873", 2.0)]
    # B's citizen was satisfied overall but not with the clerk's attitude
    assert [[dialog.criteria.item(0, c).text() for c in range(3)]] == [
        ["Thái độ của công chức", "1", "0,0%"]]
    dialog.by.setCurrentIndex(dialog.by.findData("channel"))
    assert model.index(0, 0).data() == "Trực tiếp"
    dialog.grab().save(str(tmp_path / "report.png"))


def test_an_export_that_cannot_be_written_says_so(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, month: dict[str, int],
        tmp_path: Path) -> None:
    window = open_window(qtbot, store, clock, data_dir, "lan")
    dialog = ReportDialog(store, clock, window, clerk_id=window.clerk.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None)
    (tmp_path / "a-file").write_text("not a folder")  # refused even to root
    dialog.export_to("xlsx", tmp_path / "a-file" / "bao-cao.xlsx")
    text = take_message(qtbot)
    assert "Không lưu được tệp báo cáo" in text and "a-file" in text
    dialog.export_to("xlsx", tmp_path / "bao-cao.xlsx")
    qtbot.waitUntil(lambda: "Đã lưu báo cáo" in dialog.note.text())
    assert (tmp_path / "bao-cao.xlsx").stat().st_size > 0


def test_the_register_goes_to_excel_from_its_print_dialog(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir: Path, month: dict[str, int],
        tmp_path: Path) -> None:
    import openpyxl
    from PySide6.QtCore import QDate

    from desk_app.gui.printing.dialog import PrintDialog

    dlg = PrintDialog(None, store, clock, 2, None, "07")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.xlsx_button.isVisible()
    dlg.date_from.setDate(QDate(2026, 11, 1))
    dlg.date_to.setDate(QDate(2026, 11, 30))
    dlg.save_xlsx_to(tmp_path / "so.xlsx")
    assert "Đã xuất 7 hồ sơ" in take_message(qtbot)  # A-G, each on its own line
    sheet = openpyxl.load_workbook(tmp_path / "so.xlsx").active
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]]
    assert len([c for c in codes if str(c).startswith("000.00.12.H26-2611")]) == 7
