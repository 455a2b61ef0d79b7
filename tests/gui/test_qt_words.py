"""Qt's own words in Vietnamese: the standard buttons, the print, print-preview and file dialogs
and the edit menus read the project's translation (resources/i18n/qtbase_vi.ts, compiled with
pyside6-lrelease and installed on the QApplication as desk_app.app does).

Each test reads the texts off the real widgets and saves a picture of them (to $DESK_APP_SCREENS
when set, else the test's temporary folder).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QFont, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app.gui import messages


def shot(widget: QWidget, name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESK_APP_SCREENS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    assert widget.grab().save(str(path))
    return path


def plain(text: str) -> str:
    """What the clerk reads: no mnemonic marker, no shortcut column."""
    return text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def visible_texts(root: QWidget) -> set[str]:
    """Every text a widget shows: title, labels, buttons, group boxes, tabs, tooltips, combo
    items, column headers, actions."""
    found = {root.windowTitle()}
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            found.add(w.text())
        if isinstance(w, QGroupBox):
            found.add(w.title())
        if isinstance(w, QTabWidget):
            found.update(w.tabText(i) for i in range(w.count()))
        if isinstance(w, QComboBox):
            found.update(w.itemText(i) for i in range(w.count()))
        if isinstance(w, QHeaderView) and w.model() is not None:
            found.update(str(w.model().headerData(i, w.orientation()))
                         for i in range(w.count()))
        found.add(w.toolTip())
    for action in root.findChildren(QAction):
        found.update((action.text(), action.toolTip()))
    return {plain(t) for t in found if t}


def when_shown(kind: type[QWidget], handle: Callable[[QWidget], None],
               popup: bool = False) -> None:
    """Run ``handle`` on the modal dialog (or popup menu) that is about to block in a nested
    event loop: polls until it is up. Whatever ``handle`` does (or fails to), the widget is
    closed afterwards, so a failing check fails the test instead of hanging it."""
    tries = [250]

    def poll() -> None:
        w = QApplication.activePopupWidget() if popup else QApplication.activeModalWidget()
        if isinstance(w, kind) and w.isVisible():
            try:
                handle(w)
            finally:
                if w.isVisible():
                    w.close()
        elif tries[0] > 0:
            tries[0] -= 1
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


# -- the standard buttons ---------------------------------------------------------------------

def test_confirm_asks_co_or_khong(qtbot: QtBot, tmp_path: Path) -> None:
    seen: dict[str, object] = {}

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        shot(box, "qt-words-confirm.png", tmp_path)
        yes = next(b for b in box.buttons() if plain(b.text()) == "Có")
        yes.click()

    when_shown(QMessageBox, answer)
    assert messages.confirm(None, "Bỏ nội dung đang nhập và mở hồ sơ mới?") is True
    assert seen["buttons"] == ["&Có", "&Không"]

    when_shown(QMessageBox, lambda box: next(
        b for b in box.findChildren(QPushButton) if plain(b.text()) == "Không").click())
    assert messages.confirm(None, "Bỏ nội dung đang nhập?") is False


def test_crash_dialog_offers_details_in_vietnamese(qtbot: QtBot, tmp_path: Path) -> None:
    box = messages.show_bug(None, RuntimeError("boom"), "/tmp/desk_app.log")
    qtbot.addWidget(box)
    texts = {plain(b.text()) for b in box.buttons()}
    assert "Xem chi tiết..." in texts and "OK" in texts
    assert "Show Details..." not in texts
    shot(box, "qt-words-details.png", tmp_path)


# -- printing ---------------------------------------------------------------------------------

PRINT_ENGLISH = {"Print", "Printer", "Name:", "Properties", "Location:", "Type:", "Output file:",
                 "Cancel", "Options >>", "Options <<", "Copies", "Copies:", "Print range",
                 "Print all", "Pages from", "to", "Collate", "Reverse", "Page Set:",
                 "Output Settings", "Print to File (PDF)", "Local file", "Write PDF file"}


def test_print_dialog_speaks_vietnamese(qtbot: QtBot, tmp_path: Path) -> None:
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    try:
        dialog.show()
        qtbot.waitExposed(dialog)
        more = next(b for b in dialog.findChildren(QPushButton) if b.text().endswith(">>"))
        more.click()  # the copies / page range part
        dialog.adjustSize()
        texts = visible_texts(dialog)
        assert {"In", "Máy in", "Tên:", "Thuộc tính", "Vị trí:", "Loại:", "Hủy",
                "Tùy chọn <<", "Số bản", "Số bản:", "Phạm vi in", "In tất cả", "Các trang từ",
                "đến", "In theo bộ", "In ngược thứ tự", "Nhóm trang:"} <= texts, texts
        assert not texts & PRINT_ENGLISH, texts & PRINT_ENGLISH
        shot(dialog, "qt-words-print-dialog.png", tmp_path)
    finally:
        dialog.close()
        dialog.deleteLater()
        qtbot.wait(10)


def test_print_preview_speaks_vietnamese(qtbot: QtBot, tmp_path: Path) -> None:
    printer = QPrinter()
    preview = QPrintPreviewDialog(printer)

    def paint(p: QPrinter) -> None:
        painter = QPainter(p)
        painter.setFont(QFont("Liberation Serif", 14))
        painter.drawText(QRectF(p.pageRect(QPrinter.Unit.DevicePixel)),
                         Qt.AlignmentFlag.AlignHCenter, "ỦY BAN NHÂN DÂN XÃ PHÙ ĐỔNG")
        painter.end()

    preview.paintRequested.connect(paint)
    try:
        preview.resize(900, 600)
        preview.show()
        qtbot.waitExposed(preview)
        texts = visible_texts(preview)
        assert {"Xem trước khi in", "Trang đầu", "Trang trước", "Trang sau", "Trang cuối",
                "Vừa chiều rộng", "Vừa trang", "Phóng to", "Thu nhỏ", "Khổ dọc", "Khổ ngang",
                "Xem từng trang", "Xem hai trang đối diện", "Xem toàn bộ các trang", "In",
                "Thiết lập trang"} <= texts, texts
        assert not texts & {"Print Preview", "Next page", "Previous page", "Zoom in", "Zoom out",
                            "Fit width", "Page setup", "Portrait", "Landscape", "Print"}
        shot(preview, "qt-words-print-preview.png", tmp_path)
    finally:
        preview.close()
        preview.deleteLater()
        qtbot.wait(10)


# -- the file dialog ----------------------------------------------------------------------------

def test_file_dialog_speaks_vietnamese_and_asks_before_replacing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "mau01.pdf").write_bytes(b"%PDF-1.4\n")
    dialog = QFileDialog(None, "Lưu phiếu thành tệp PDF", str(folder), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as on Linux desks
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = visible_texts(dialog)
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:", "Lưu", "Hủy", "Quay lại", "Tiến tới",
            "Thư mục cha", "Tạo thư mục mới", "Dạng danh sách", "Dạng chi tiết", "Tên",
            "Kích thước", "Loại", "Ngày sửa"} <= texts, texts
    assert not texts & {"Look in:", "File name:", "Files of type:", "Save", "Cancel", "Back",
                        "Parent Directory", "Name", "Size", "Type", "Date Modified"}
    shot(dialog, "qt-words-file-dialog.png", tmp_path)

    asked: dict[str, object] = {}

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked["text"] = box.text()
        asked["buttons"] = sorted(b.text() for b in box.buttons())
        shot(box, "qt-words-replace.png", tmp_path)
        next(b for b in box.buttons() if plain(b.text()) == "Không").click()

    dialog.selectFile("mau01.pdf")
    when_shown(QMessageBox, answer)
    dialog.accept()  # the file is there: Qt asks first
    assert asked["text"] == "mau01.pdf đã có.\nBạn có muốn thay thế tệp đó không?"
    assert asked["buttons"] == ["&Có", "&Không"]
    assert dialog.isVisible() and dialog.result() == 0  # "Không": nothing replaced


# -- the edit menus -----------------------------------------------------------------------------

EDIT_WORDS = ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"]


def menu_words(menu: QMenu) -> list[str]:
    return [plain(a.text()) for a in menu.actions() if not a.isSeparator() and a.text()]


def test_line_edit_menu_speaks_vietnamese(qtbot: QtBot, tmp_path: Path) -> None:
    edit = QLineEdit("Nguyễn Văn An")
    qtbot.addWidget(edit)
    edit.show()
    edit.selectAll()
    menu = edit.createStandardContextMenu()
    assert menu_words(menu)[:7] == EDIT_WORDS
    menu.popup(edit.mapToGlobal(QPoint(0, edit.height())))
    qtbot.waitExposed(menu)
    shot(menu, "qt-words-line-edit-menu.png", tmp_path)
    menu.close()
    menu.deleteLater()


def test_date_field_menu_speaks_vietnamese(qtbot: QtBot, tmp_path: Path) -> None:
    """The spin-box menu (every QDateEdit and QSpinBox of the forms): edit words + step up/down."""
    field = QDateEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    seen: list[str] = []

    def read(menu: QWidget) -> None:
        assert isinstance(menu, QMenu)
        seen.extend(menu_words(menu))
        shot(menu, "qt-words-date-menu.png", tmp_path)
        menu.close()

    when_shown(QMenu, read, popup=True)
    where = QPoint(5, 5)
    QApplication.sendEvent(field, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, field.mapToGlobal(where)))
    assert seen == [*EDIT_WORDS[:-1], "Chọn tất cả", "Tăng lên", "Giảm xuống"]
