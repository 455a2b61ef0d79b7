"""The scan dialog's sources (issue 16): the scanner's choices (device, resolution, mode,
sheets) and the buttons for files and the watched folder. Only widgets, placed;
:mod:`desk_app.gui.dossier.scan_dialog` connects them."""

from __future__ import annotations

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
        self.folder_label = QLabel(tr("(chưa chọn: nơi phần mềm của máy quét lưu ảnh)"))
        self.folder_label.setObjectName("scanFolderLabel")
        row2.addWidget(self.folder_label, 1)
        lay.addLayout(row2)
