"""The print dialog's side panel: the clerk's choices (form, layout, copies, dates, printer),
what the dialog has to say (paper, reprint, error, work under way) and its three buttons.

It only holds widgets and lays them out; :class:`desk_app.gui.printing.dialog.PrintDialog`
fills them, reads them and connects their signals.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.gui.printing.texts import FORM_NAMES
from desk_app.gui.tr import tr


def _named(widget: QWidget, name: str) -> None:
    widget.setObjectName(name)  # tests and screenshots find the widgets by these names


class PrintChoices(QWidget):
    """The widgets beside the preview; ``forms``: the forms this dossier may print."""

    def __init__(self, forms: list[str], today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_box = QComboBox()
        for f in forms:
            self.form_box.addItem(tr(FORM_NAMES[f]), f)
        self.layout_box = QComboBox()
        self.copy1 = QCheckBox(tr("Liên 1: Lưu"))
        self.copy2 = QCheckBox(tr("Liên 2: Giao người nộp"))
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit, day in ((self.date_from, today.replace(day=1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.printer_box = QComboBox()  # filled when the system's printers are known
        self.paper_label = QLabel()
        self.reprint_label = QLabel(tr("<b style='color:#b00020'>BẢN IN LẠI</b>: phiếu này đã "
                                    "được in trước đây; bản in mới ghi rõ là bản in lại."))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#b00020; font-weight:bold")
        self.error_label.hide()
        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy_label.setStyleSheet("color:#4a5d70")
        self.print_button = QPushButton("In")
        self.print_button.setDefault(True)
        self.save_button = QPushButton(tr("Lưu PDF…"))
        self.xlsx_button = QPushButton(tr("Xuất Excel…"))  # form 07 only: the register's rows
        self.close_button = QPushButton(tr("Đóng"))
        for widget, name in (
            (self.form_box, "formBox"), (self.layout_box, "layoutBox"), (self.copy1, "copy1"),
            (self.copy2, "copy2"), (self.date_from, "dateFrom"), (self.date_to, "dateTo"),
            (self.printer_box, "printerBox"), (self.paper_label, "paperLabel"),
            (self.reprint_label, "reprintLabel"), (self.error_label, "errorLabel"),
            (self.busy_label, "busyLabel"), (self.print_button, "printButton"),
            (self.save_button, "saveButton"), (self.xlsx_button, "xlsxButton"),
            (self.close_button, "closeButton"),
        ):
            _named(widget, name)

        form_layout = self.form_layout = QFormLayout()
        form_layout.addRow(tr("Mẫu phiếu"), self.form_box)
        form_layout.addRow(tr("Cách in"), self.layout_box)
        copies = QHBoxLayout()
        copies.addWidget(self.copy1)
        copies.addWidget(self.copy2)
        self.copies_row = QWidget()
        self.copies_row.setLayout(copies)
        form_layout.addRow(tr("Số liên"), self.copies_row)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(tr("đến")))
        dates.addWidget(self.date_to)
        self.dates_row = QWidget()
        self.dates_row.setLayout(dates)
        form_layout.addRow(tr("Từ ngày"), self.dates_row)
        form_layout.addRow(tr("Máy in"), self.printer_box)
        form_layout.addRow(tr("Khổ giấy"), self.paper_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.print_button, self.save_button, self.xlsx_button, self.close_button):
            buttons.addWidget(b)
        side = QVBoxLayout(self)
        side.addLayout(form_layout)
        side.addWidget(self.reprint_label)
        side.addWidget(self.error_label)
        side.addWidget(self.busy_label)
        side.addStretch(1)
        side.addLayout(buttons)
        self.setMinimumWidth(360)

    @staticmethod
    def day(edit: QDateEdit) -> date:
        d = edit.date()
        return date(d.year(), d.month(), d.day())
