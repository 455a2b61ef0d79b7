"""The admin's "Lịch làm việc" dialog: the commune's days off and make-up working days, its
office hours and the due-time policy (services: :mod:`desk_app.services.calendar_settings`).

The table lists the year's public holidays (from the ``holidays`` package, read-only) and every
override with its source: the commune (xã) or the province (tỉnh, arrived by sync; it wins on
the same day and cannot be changed here). Every change is a write on the database worker
(:meth:`desk_app.gui.ops.Ops.write`); a problem shows under the field that is wrong and what
was typed stays. Enter in a field does what that group's button does; no button is a default.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import FieldError
from desk_app.gui import messages
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.formatting import WEEKDAYS, parse_date
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.ops import Ops
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import calendar_settings as cs

KIND_WORDS = {"off": QT_TR_NOOP("Ngày nghỉ"), "work": QT_TR_NOOP("Ngày làm bù")}
SOURCE_WORDS = {"xa": QT_TR_NOOP("Xã"), "tinh": QT_TR_NOOP("Tỉnh"), "le": QT_TR_NOOP("Ngày lễ")}
POLICY_WORDS = {"same_time": QT_TR_NOOP("Cùng giờ tiếp nhận"),
                "closing": QT_TR_NOOP("Giờ kết thúc làm việc")}
SESSIONS = 2


class CalendarDialog(QDialog):
    def __init__(self, ops: Ops, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(tr("Lịch làm việc của xã"))
        resize_within_screen(self, 760, 600)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Năm")))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.valueChanged.connect(self.reload)
        top.addWidget(self.year)
        top.addStretch(1)
        layout.addLayout(top)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("calendarTable")
        self.table.setHorizontalHeaderLabels(
            [tr("Ngày"), tr("Thứ"), tr("Loại"), tr("Ghi chú"), tr("Nguồn")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.remove_button = QPushButton(tr("Bỏ ngày đang chọn (chỉ ngày do xã đặt)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_msg = FieldMessage()
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addWidget(self.remove_msg, 1)
        layout.addLayout(row)

        add_box = QGroupBox(tr("Thêm ngày nghỉ hoặc ngày làm bù của xã"))
        grid = QGridLayout(add_box)
        self.day = QLineEdit()
        self.day.setObjectName("calendarDay")
        self.day.setPlaceholderText(tr("ngày/tháng/năm, ví dụ 02/01/2027"))
        self.kind = QComboBox()
        for code, words in KIND_WORDS.items():
            self.kind.addItem(tr(words), code)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("lý do, văn bản (không bắt buộc)"))
        self.day_msg = FieldMessage()
        add = QPushButton(tr("Thêm"))
        add.clicked.connect(self.add_day)
        for col, (label, widget) in enumerate(((tr("Ngày"), self.day), (tr("Loại"), self.kind),
                                               (tr("Ghi chú"), self.note))):
            grid.addWidget(QLabel(label), 0, col)
            grid.addWidget(widget, 1, col)
        grid.addWidget(add, 1, 3)
        grid.addWidget(self.day_msg, 2, 0, 1, 4)
        grid.setColumnStretch(2, 1)
        layout.addWidget(add_box)

        hours_box = QGroupBox(tr("Giờ làm việc và giờ hẹn trả kết quả"))
        hours = QGridLayout(hours_box)
        self.hour_edits: dict[str, QLineEdit] = {}
        self.hour_msgs: dict[str, FieldMessage] = {}
        for n in range(SESSIONS):
            hours.addWidget(QLabel(tr("Buổi {n}").format(n=n + 1)), 2 * n, 0)
            for col, part in ((1, "start"), (2, "end")):
                edit = QLineEdit()
                edit.setObjectName(f"hours.{n}.{part}")
                edit.setPlaceholderText("07:30")
                edit.returnPressed.connect(self.save_hours)
                msg = FieldMessage()
                self.hour_edits[f"hours.{n}.{part}"], self.hour_msgs[f"hours.{n}.{part}"] = edit, msg
                hours.addWidget(edit, 2 * n, col)
                hours.addWidget(msg, 2 * n + 1, col)
        hours.addWidget(QLabel(tr("Giờ hẹn trả (thời hạn tính bằng ngày làm việc)")), 4, 0)
        self.policy = QComboBox()
        self.policy.setObjectName("duePolicy")
        for code, words in POLICY_WORDS.items():
            self.policy.addItem(tr(words), code)
        hours.addWidget(self.policy, 4, 1, 1, 2)
        save = QPushButton(tr("Lưu giờ làm việc"))
        save.clicked.connect(self.save_hours)
        hours.addWidget(save, 5, 1)
        self.hours_saved = QLabel()
        self.hours_saved.setObjectName("hoursSaved")
        hours.addWidget(self.hours_saved, 5, 2)
        note = QLabel(tr("Thay đổi áp dụng cho hồ sơ tiếp nhận từ nay; hồ sơ đã nhận giữ "
                         "ngày hẹn đã in. Ngày do tỉnh quy định được ưu tiên."))
        note.setWordWrap(True)
        hours.addWidget(note, 6, 0, 1, 3)
        layout.addWidget(hours_box)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.day.returnPressed.connect(self.add_day)
        self.note.returnPressed.connect(self.add_day)
        self.reload()
        self._load_hours()
        self.day.setFocus()

    # -- reading ----------------------------------------------------------------------------
    def reload(self) -> None:
        with self.ops.read() as session:
            rows = cs.calendar_rows(session, self.year.value())
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (row.day.strftime("%d/%m/%Y"), tr(WEEKDAYS[row.day.weekday()]),
                      tr(KIND_WORDS[row.kind]), row.note, tr(SOURCE_WORDS[row.source]))
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (row.day.isoformat(), row.source))
                self.table.setItem(r, col, item)

    def _load_hours(self) -> None:
        with self.ops.read() as session:
            sessions, policy = cs.office_settings(session)
        for n in range(SESSIONS):
            start, end = sessions[n] if n < len(sessions) else ("", "")
            self.hour_edits[f"hours.{n}.start"].setText(start)
            self.hour_edits[f"hours.{n}.end"].setText(end)
        self.policy.setCurrentIndex(max(0, self.policy.findData(policy)))

    # -- writing ----------------------------------------------------------------------------
    def add_day(self) -> bool:
        mark(self.day, self.day_msg, "")
        try:
            day = parse_date(self.day.text())
        except ValueError:
            day = None
        if day is None:
            mark(self.day, self.day_msg, messages.field_message(FieldError("day", "bad_date")))
            self.day.setFocus()
            return False
        return self.ops.write("settings", cs.add_day, day, self.kind.currentData(),
                              self.note.text(), parent=self, done=self._day_added,
                              invalid=self._day_errors) is not None

    def _day_added(self, row: object) -> None:
        self.day.clear()
        self.note.clear()
        added = getattr(row, "day", None)
        if isinstance(added, date) and added.year != self.year.value():
            self.year.setValue(added.year)  # reloads that year's list
        else:
            self.reload()
        self._select(added)
        self.day.setFocus()

    def _select(self, day: object) -> None:
        """Bring ``day``'s row into view and select it."""
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and isinstance(day, date) and \
                    item.data(Qt.ItemDataRole.UserRole)[0] == day.isoformat():
                self.table.selectRow(r)
                self.table.scrollToItem(item)
                return

    def _day_errors(self, errors: list[FieldError]) -> None:
        mark(self.day, self.day_msg, "; ".join(messages.field_message(e) for e in errors))
        self.day.setFocus()

    def remove_selected(self) -> bool:
        mark(self.remove_button, self.remove_msg, "")
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            return False
        day_text, source = item.data(Qt.ItemDataRole.UserRole)
        if source == "le":
            mark(self.remove_button, self.remove_msg,
                 tr("Ngày lễ theo quy định chung: thêm «Ngày làm bù» nếu xã làm việc hôm đó."))
            return False
        return self.ops.write(
            "settings", cs.remove_day, date.fromisoformat(day_text), parent=self,
            done=lambda _r: self.reload(),
            invalid=lambda errs: mark(self.remove_button, self.remove_msg,
                                      "; ".join(messages.field_message(e) for e in errs)),
        ) is not None

    def save_hours(self) -> bool:
        for name, edit in self.hour_edits.items():
            mark(edit, self.hour_msgs[name], "")
        self.hours_saved.clear()
        sessions = [(self.hour_edits[f"hours.{n}.start"].text(),
                     self.hour_edits[f"hours.{n}.end"].text()) for n in range(SESSIONS)]
        return self.ops.write("settings", cs.save_hours, sessions, self.policy.currentData(),
                              parent=self, done=self._hours_saved,
                              invalid=self._hours_errors) is not None

    def _hours_saved(self, _hours: object) -> None:
        self.hours_saved.setText(tr("Đã lưu."))
        self._load_hours()

    def _hours_errors(self, errors: list[FieldError]) -> None:
        first = None
        for err in errors:
            if err.field in self.hour_edits:
                mark(self.hour_edits[err.field], self.hour_msgs[err.field],
                     messages.field_message(err))
                first = first or self.hour_edits[err.field]
        if first is not None:
            first.setFocus()
