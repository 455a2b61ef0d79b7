"""The scan dialog's sources (issue 16): the scanner's choices (device, resolution, mode,
sheets) and the buttons for files and the watched folder. Only widgets, placed;
:mod:`desk_app.gui.dossier.scan_dialog` connects them. The choices, and the watched folder,
are remembered for this PC (:func:`remember`, :func:`restore`: the data folder's ``gui.ini``,
beside the window's place): the clerk sets up the scanner once, not at every dossier."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.gui.fields import ElidedLabel
from desk_app.gui.geometry import settings_path
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.scanning.assemble import DEFAULT_DPI, DPI_RANGE

MODE_LABELS = (("gray", QT_TR_NOOP("Xám")), ("bw", QT_TR_NOOP("Đen trắng")),
               ("color", QT_TR_NOOP("Màu")))


class SourcesBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Thêm trang"), parent)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.device = QComboBox()
        self.device.setObjectName("scanDevice")
        self.device.setEditable(True)
        self.device.setMinimumWidth(200)
        edit = self.device.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(tr("máy quét mặc định"))
        self.find_button = QPushButton(tr("Tìm máy quét"))
        self.find_button.setObjectName("scanFind")
        self.find_button.setAutoDefault(False)
        self.dpi = QSpinBox()
        self.dpi.setObjectName("scanDpi")
        self.dpi.setRange(*DPI_RANGE)
        self.dpi.setSingleStep(50)
        self.dpi.setValue(DEFAULT_DPI)
        self.dpi.setSuffix(" dpi")
        self.mode = QComboBox()
        self.mode.setObjectName("scanMode")
        for code, label in MODE_LABELS:
            self.mode.addItem(tr(label), code)
        self.sheets = QSpinBox()
        self.sheets.setObjectName("scanSheets")
        self.sheets.setRange(0, 100)
        self.sheets.setValue(1)
        self.sheets.setSpecialValueText(tr("cả khay giấy"))
        self.scan_button = QPushButton(tr("Quét (F5)"))
        self.scan_button.setObjectName("scanButton")
        self.scan_button.setShortcut(QKeySequence("F5"))
        self.scan_button.setAutoDefault(False)
        for label, widget in ((tr("Máy quét:"), self.device), (tr("Độ phân giải:"), self.dpi),
                              (tr("Chế độ:"), self.mode), (tr("Số tờ:"), self.sheets)):
            cap = QLabel(label)
            cap.setBuddy(widget)
            row.addWidget(cap)
            row.addWidget(widget)
            if widget is self.device:
                row.addWidget(self.find_button)
        row.addWidget(self.scan_button)
        row.addStretch(1)
        lay.addLayout(row)
        row2 = QHBoxLayout()
        self.file_button = QPushButton(tr("Chọn tệp… (Ctrl+O)"))
        self.file_button.setObjectName("scanFiles")
        self.file_button.setShortcut(QKeySequence("Ctrl+O"))
        self.file_button.setAutoDefault(False)
        row2.addWidget(self.file_button)
        row2.addWidget(QLabel(tr("hoặc kéo thả tệp PDF, JPEG, PNG vào đây.")))
        row2.addSpacing(20)
        self.folder_button = QPushButton(tr("Thư mục theo dõi…"))
        self.folder_button.setObjectName("scanFolder")
        self.folder_button.setAutoDefault(False)
        row2.addWidget(self.folder_button)
        # a long Windows path is cut with "…" (whole in the tooltip), never widening the dialog
        self.folder_label = ElidedLabel(tr("(chưa chọn: nơi phần mềm của máy quét lưu ảnh)"))
        self.folder_label.setObjectName("scanFolderLabel")
        row2.addWidget(self.folder_label, 1)
        lay.addLayout(row2)


PREFS = "scanning/"  # keys in the data folder's gui.ini: this PC's scanner, not the commune's


def prefs(data_dir: Path) -> QSettings:
    return QSettings(str(settings_path(data_dir)), QSettings.Format.IniFormat)


def restore(box: SourcesBox, data_dir: Path) -> Path | None:
    """The choices this PC made last time; the watched folder when it still exists."""
    st = prefs(data_dir)
    device = str(st.value(PREFS + "device", "") or "")
    if device:
        box.device.setEditText(device)
    dpi = _int(st.value(PREFS + "dpi"))
    if dpi is not None and DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        box.dpi.setValue(dpi)
    at = box.mode.findData(str(st.value(PREFS + "mode", "")))
    if at >= 0:
        box.mode.setCurrentIndex(at)
    sheets = _int(st.value(PREFS + "sheets"))
    if sheets is not None and 0 <= sheets <= box.sheets.maximum():
        box.sheets.setValue(sheets)
    folder = str(st.value(PREFS + "folder", "") or "")
    return Path(folder) if folder and Path(folder).is_dir() else None


def remember(box: SourcesBox, data_dir: Path, folder: Path | None) -> None:
    st = prefs(data_dir)
    st.setValue(PREFS + "device", box.device.currentText().strip())
    st.setValue(PREFS + "dpi", box.dpi.value())
    st.setValue(PREFS + "mode", str(box.mode.currentData()))
    st.setValue(PREFS + "sheets", box.sheets.value())
    if folder is not None:
        st.setValue(PREFS + "folder", str(folder))
    st.sync()


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None
