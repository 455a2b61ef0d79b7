"""The register's filter bar: search box, status, lĩnh vực, thủ tục, received dates, due boxes.

It only edits a :class:`~desk_app.services.register.RegisterFilter` and emits it; the view
runs the query. Typing in the search box waits a moment (a scanner or a fast typist sends
many keys) but Enter applies at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desk_app.gui.register.labels import STATUS_ORDER, status_label, tr
from desk_app.gui.register.model import DUE_SOON_BG, OVERDUE_BG
from desk_app.services.register import ANY_OPEN, Lookups, RegisterFilter

SEARCH_DELAY_MS = 250


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def _swatch_style(colour: str) -> str:
    # the due boxes double as the colour legend of the table
    return (f"QCheckBox {{ background: {colour}; border-radius: 3px; padding: 3px 8px; }}")


class FilterBar(QWidget):
    filterChanged = Signal(object)  # RegisterFilter
    searchSubmitted = Signal(str)  # Enter in the search box, after filterChanged

    def __init__(self, lookups: Lookups, today: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lookups = lookups
        self._quiet = False

        self.search = QLineEdit(self)
        self.search.setObjectName("registerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            tr("Tìm: mã hồ sơ, số CCCD, điện thoại, tên hoặc địa chỉ (gõ không dấu được)")
        )
        self.status = QComboBox(self)
        self.status.addItem(tr("Mọi trạng thái"), None)
        self.status.addItem(tr("Chưa xong (mọi hồ sơ đang mở)"), ANY_OPEN)
        for st in STATUS_ORDER:
            self.status.addItem(status_label(st), st.value)
        self.field = QComboBox(self)
        self.field.addItem(tr("Mọi lĩnh vực"), None)
        for name in lookups.fields():
            self.field.addItem(name, name)
        self.procedure = QComboBox(self)
        self.procedure.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.procedure.setMinimumContentsLength(28)
        self.procedure.view().setMinimumWidth(560)
        self._fill_procedures(None)

        self.use_dates = QCheckBox(tr("Nhận từ ngày"), self)
        self.date_from = QDateEdit(today.addDays(-30), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
        self.due_soon = QCheckBox(tr("Sắp đến hạn"), self)
        self.due_soon.setToolTip(tr("Hồ sơ đang giải quyết, hẹn trả trong một ngày làm việc"))
        self.due_soon.setStyleSheet(_swatch_style(DUE_SOON_BG.name()))
        self.overdue = QCheckBox(tr("Quá hạn"), self)
        self.overdue.setToolTip(tr("Hồ sơ đang giải quyết đã quá ngày hẹn trả"))
        self.overdue.setStyleSheet(_swatch_style(OVERDUE_BG.name()))
        self.clear = QPushButton(tr("Bỏ lọc"), self)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0, 1, 2)
        grid.addWidget(self.status, 0, 2)
        grid.addWidget(self.field, 0, 3)
        grid.addWidget(self.procedure, 0, 4)
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(tr("đến"), self))
        dates.addWidget(self.date_to)
        dates.addSpacing(16)
        dates.addWidget(self.due_soon)
        dates.addWidget(self.overdue)
        dates.addSpacing(16)
        dates.addWidget(self.clear)
        dates.addStretch(1)
        grid.addLayout(dates, 1, 0, 1, 5)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(4, 2)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._submit)
        for combo in (self.status, self.procedure):
            combo.currentIndexChanged.connect(self._emit)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.use_dates.toggled.connect(self._dates_toggled)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._emit)
        for box in (self.due_soon, self.overdue):
            box.toggled.connect(self._emit)
        self.clear.clicked.connect(self.reset)

    # --- reading and setting ---------------------------------------------------------------

    def current(self) -> RegisterFilter:
        dates = self.use_dates.isChecked()
        start, end = _day(self.date_from), _day(self.date_to)
        if dates and start > end:
            start, end = end, start  # a reversed range means the same days
        return RegisterFilter(
            status=self.status.currentData(),
            field=self.field.currentData(),
            procedure_id=self.procedure.currentData(),
            received_from=start if dates else None,
            received_to=end if dates else None,
            due_soon=self.due_soon.isChecked(),
            overdue=self.overdue.isChecked(),
            search=self.search.text(),
        )

    def set_search(self, text: str) -> None:
        """Put ``text`` in the search box and apply it now."""
        self._quiet = True
        try:
            self.search.setText(text)
        finally:
            self._quiet = False
        self._timer.stop()
        self._emit()

    def reset(self) -> None:
        """Every filter back to 'all' (one query, not one per widget)."""
        self._quiet = True
        try:
            self.search.clear()
            self.status.setCurrentIndex(0)
            self.field.setCurrentIndex(0)
            self.procedure.setCurrentIndex(0)
            self.use_dates.setChecked(False)
            self.due_soon.setChecked(False)
            self.overdue.setChecked(False)
        finally:
            self._quiet = False
        self._timer.stop()
        self._emit()

    # --- internals -------------------------------------------------------------------------

    def _fill_procedures(self, field: str | None) -> None:
        keep = self.procedure.currentData()
        self.procedure.blockSignals(True)
        try:
            self.procedure.clear()
            self.procedure.addItem(tr("Mọi thủ tục"), None)
            for pid, code, name in self._lookups.procedures(field):
                self.procedure.addItem(name, pid)
                self.procedure.setItemData(
                    self.procedure.count() - 1, f"{code} — {name}", Qt.ItemDataRole.ToolTipRole
                )
            at = self.procedure.findData(keep) if keep is not None else 0
            self.procedure.setCurrentIndex(max(at, 0))
        finally:
            self.procedure.blockSignals(False)

    def _field_changed(self) -> None:
        self._fill_procedures(self.field.currentData())
        self._emit()

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._emit()

    def _submit(self) -> None:
        self._timer.stop()
        self._emit()
        self.searchSubmitted.emit(self.search.text())

    def _emit(self) -> None:
        if not self._quiet:
            self.filterChanged.emit(self.current())
