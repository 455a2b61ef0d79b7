"""The pages of the set-up wizard (:mod:`desk_app.gui.setup_wizard`): each page holds some of
:class:`~desk_app.services.commune_setup.SetupValues`' fields and shows their problems.

Keyboard first: on the unit page, typing in a search box filters its list (diacritics
ignored: "phu dong" finds "Xã Phù Đổng"), Down moves into the list, and the first match is
chosen while typing, so typing and Enter (Tiếp) is enough.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desk_app.core import divisions
from desk_app.errors import FieldError
from desk_app.gui import messages
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.printing.texts import FORM_NAMES
from desk_app.gui.tr import tr
from desk_app.services.commune_setup import PRINTED_FORMS, SetupValues


class Page(QWizardPage):
    """A page whose fields show their own problems (``widgets`` / ``msgs`` by field name)."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.widgets: dict[str, QWidget] = {}
        self.msgs: dict[str, FieldMessage] = {}

    def field_box(self, name: str, widget: QWidget) -> QWidget:
        """The field with its message line under it, as one widget (a nested layout would
        not give a wrapped message the height it needs)."""
        widget.setObjectName(name)
        message = FieldMessage()
        policy = message.sizePolicy()
        policy.setHeightForWidth(False)  # its height is set from its field's width instead
        message.setSizePolicy(policy)
        self.widgets[name], self.msgs[name] = widget, message
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(message)
        return box

    def add_row(self, form: QFormLayout, text: str, name: str, widget: QWidget) -> None:
        """A labelled field whose label's Alt+letter jumps into it."""
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, self.field_box(name, widget))

    def show_errors(self, errors: list[FieldError]) -> bool:
        """Mark this page's fields; True when one of them is wrong (the focus goes there)."""
        for name, widget in self.widgets.items():
            mark(widget, self.msgs[name], "")
        mine = [e for e in errors if e.field in self.widgets]
        for err in mine:
            mark(self.widgets[err.field], self.msgs[err.field], messages.field_message(err))
        if mine:
            self.widgets[mine[0].field].setFocus()
        QTimer.singleShot(0, self, self._fit_messages)
        return bool(mine)

    def _fit_messages(self) -> None:
        """A wrapped message gets the lines it needs (a form row does not ask its height
        for the width it got)."""
        for name, message in self.msgs.items():
            width = self.widgets[name].width()  # the message sits under its field
            message.setMinimumHeight(message.heightForWidth(width) if message.text() else 0)
        self.updateGeometry()
        outer = self.wizard().layout() if self.wizard() is not None else None
        if outer is not None:  # the page area grows too
            outer.invalidate()
            outer.activate()

    def fill(self, values: SetupValues) -> None:
        raise NotImplementedError

    def read(self, values: SetupValues) -> None:
        raise NotImplementedError


class _ListKeys(QObject):
    """Down or Up in a search box moves the list's selection, keeping the typing in the box."""

    def __init__(self, box: QLineEdit, lst: QListWidget) -> None:
        super().__init__(box)
        self.lst = lst
        box.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: object) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None:
                visible = [i for i in range(self.lst.count()) if not self.lst.item(i).isHidden()]
                if visible:
                    now = self.lst.currentRow()
                    pos = visible.index(now) + step if now in visible else 0
                    self.lst.setCurrentRow(visible[max(0, min(pos, len(visible) - 1))])
                return True
        return False


class UnitPage(Page):
    """The province, the commune (ward, special zone) and the agency code."""

    unitChosen = Signal()

    def __init__(self) -> None:
        super().__init__(tr("Đơn vị hành chính"),
                         tr("Chọn tỉnh và xã (phường, đặc khu) theo danh mục từ 01/7/2025; "
                            "gõ để lọc, không cần dấu."))
        self.province_find = QLineEdit()
        self.province_find.setObjectName("provinceFind")
        self.province_find.setPlaceholderText(tr("Gõ tên tỉnh, ví dụ: dong nai"))
        self.province_list = QListWidget()
        for prov in divisions.provinces():
            item = QListWidgetItem(prov.full_name)
            item.setData(Qt.ItemDataRole.UserRole, prov.code)
            self.province_list.addItem(item)
        self.commune_find = QLineEdit()
        self.commune_find.setObjectName("communeFind")
        self.commune_find.setPlaceholderText(tr("Gõ tên xã, phường, ví dụ: phu dong"))
        self.commune_list = QListWidget()
        self.agency = QLineEdit()
        self.agency.setPlaceholderText("000.00.12.H26")
        self.agency.setMaxLength(20)
        grid = QGridLayout(self)
        for col, (text, buddy) in enumerate(((tr("&Tỉnh, thành phố:"), self.province_find),
                                             (tr("&Xã, phường, đặc khu:"), self.commune_find))):
            label = QLabel(text)
            label.setBuddy(buddy)
            grid.addWidget(label, 0, col)
        grid.addWidget(self.province_find, 1, 0)
        grid.addWidget(self.commune_find, 1, 1)
        grid.addWidget(self.field_box("province", self.province_list), 2, 0)
        grid.addWidget(self.field_box("commune", self.commune_list), 2, 1)
        grid.setColumnStretch(1, 1)
        agency_row = QFormLayout()
        self.add_row(agency_row, tr("&Mã định danh của UBND xã:"), "agency_code", self.agency)
        hint = QLabel(tr("Theo Quyết định 20/2020/QĐ-TTg: bốn nhóm cách nhau bởi dấu chấm, "
                         "ví dụ 000.00.12.H26. Mã này đứng đầu mọi mã hồ sơ; đổi về sau không "
                         "làm đổi mã hồ sơ đã cấp."))
        hint.setWordWrap(True)
        agency_row.addRow(hint)
        grid.addLayout(agency_row, 3, 0, 1, 2)
        # typing first: search, search, code; the lists after (Down in a search box moves them)
        chain = [self.province_find, self.commune_find, self.agency, self.province_list,
                 self.commune_list]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)
        _ListKeys(self.province_find, self.province_list)
        _ListKeys(self.commune_find, self.commune_list)
        self.province_find.textChanged.connect(
            lambda text: self._filter(self.province_list, text))
        self.commune_find.textChanged.connect(
            lambda text: self._filter(self.commune_list, text))
        self.province_list.currentRowChanged.connect(self._province_changed)
        self.commune_list.currentRowChanged.connect(lambda _row: self.completeChanged.emit())
        self.agency.textChanged.connect(lambda _t: self.completeChanged.emit())

    @staticmethod
    def _filter(lst: QListWidget, text: str) -> None:
        """Hide what does not match; the first match becomes the choice while typing."""
        first = -1
        for i in range(lst.count()):
            item = lst.item(i)
            probe = divisions.Unit(0, item.text(), "")
            hidden = not divisions.matches(probe, text)
            item.setHidden(hidden)
            if not hidden and first < 0:
                first = i
        current = lst.currentItem()
        if first >= 0 and (current is None or current.isHidden()):
            lst.setCurrentRow(first)

    def _province_changed(self, row: int) -> None:
        self.commune_list.clear()
        item = self.province_list.item(row) if row >= 0 else None
        if item is not None:
            for unit in divisions.communes(int(item.data(Qt.ItemDataRole.UserRole))):
                entry = QListWidgetItem(unit.full_name)
                entry.setData(Qt.ItemDataRole.UserRole, unit.code)
                self.commune_list.addItem(entry)
            if self.commune_find.text():
                self._filter(self.commune_list, self.commune_find.text())
        self.completeChanged.emit()

    @staticmethod
    def _chosen(lst: QListWidget) -> int:
        item = lst.currentItem()
        if item is None or item.isHidden():
            return 0
        return int(item.data(Qt.ItemDataRole.UserRole))

    @staticmethod
    def _select(lst: QListWidget, code: int) -> None:
        for i in range(lst.count()):
            if int(lst.item(i).data(Qt.ItemDataRole.UserRole)) == code:
                lst.setCurrentRow(i)
                lst.scrollToItem(lst.item(i))
                return

    def fill(self, values: SetupValues) -> None:
        self._select(self.province_list, values.province)
        self._select(self.commune_list, values.commune)
        self.agency.setText(values.agency_code)

    def read(self, values: SetupValues) -> None:
        values.province = self._chosen(self.province_list)
        values.commune = self._chosen(self.commune_list) if values.province else 0
        values.agency_code = self.agency.text()

    def initializePage(self) -> None:
        self.province_find.setFocus()


class DeskPage(Page):
    """The desk's name, phone and address, and the office hours."""

    def __init__(self) -> None:
        super().__init__(tr("Bộ phận một cửa"),
                         tr("Tên, điện thoại, địa chỉ in trên giấy hẹn, và giờ làm việc."))
        self.desk_name = QLineEdit()
        self.desk_name.setMaxLength(200)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("0251 3823 456")
        self.address = QLineEdit()
        self.address.setMaxLength(300)
        form = QFormLayout(self)
        self.add_row(form, tr("&Tên bộ phận:"), "desk_name", self.desk_name)
        self.add_row(form, tr("Điện thoại &liên hệ:"), "phone", self.phone)
        self.add_row(form, tr("Đị&a chỉ:"), "address", self.address)
        self.hours: list[tuple[QLineEdit, QLineEdit]] = []
        for n, label in enumerate((tr("Buổi &sáng:"), tr("Buổi &chiều:"))):
            start, end = QLineEdit(), QLineEdit()
            for edit in (start, end):
                edit.setMaxLength(5)
                edit.setPlaceholderText("07:30")
                edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("00:000") + 16)
            row = QHBoxLayout()
            row.addWidget(self.field_box(f"hours.{n}.start", start), 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(QLabel("-"), 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(self.field_box(f"hours.{n}.end", end), 0, Qt.AlignmentFlag.AlignTop)
            row.addStretch(1)
            session_label = QLabel(label)
            session_label.setBuddy(start)
            form.addRow(session_label, row)
            self.hours.append((start, end))
        note = QLabel(tr("Để trống cả hai ô của một buổi nếu không làm buổi đó. Ngày nghỉ, ngày "
                         "làm bù của xã: Quản trị → Lịch làm việc."))
        note.setWordWrap(True)
        form.addRow(note)

    def fill(self, values: SetupValues) -> None:
        self.desk_name.setText(values.desk_name)
        self.phone.setText(values.phone)
        self.address.setText(values.address)
        for (start, end), (a, b) in zip(self.hours, [*values.hours, ("", ""), ("", "")],
                                        strict=False):
            start.setText(a)
            end.setText(b)

    def read(self, values: SetupValues) -> None:
        values.desk_name = self.desk_name.text()
        values.phone = self.phone.text()
        values.address = self.address.text()
        values.hours = [(a.text().strip(), b.text().strip()) for a, b in self.hours]

    def initializePage(self) -> None:
        self.desk_name.setFocus()


class PrinterPage(Page):
    """The printer of each form ("Hỏi khi in": the print dialog asks each time)."""

    def __init__(self) -> None:
        super().__init__(tr("Máy in"),
                         tr("Máy in cho từng mẫu; đổi được về sau trong hộp thoại in."))
        self.form = QFormLayout(self)
        self.boxes: dict[str, QComboBox] = {}
        for form in PRINTED_FORMS:
            box = QComboBox()
            box.setObjectName(f"printer{form}")
            box.addItem(tr("(Hỏi khi in)"), "")
            self.boxes[form] = box
            self.form.addRow(tr(FORM_NAMES[form]) + ":", box)
        self.status = QLabel(tr("Đang tìm máy in…"))
        self.status.setObjectName("printerStatus")
        self.form.addRow(self.status)
        self._wanted: dict[str, str] = {}

    def set_printers(self, names: list[str], error: str = "") -> None:
        """The system's printers, found on a worker (a hung print service answers nothing)."""
        for form, box in self.boxes.items():
            keep = box.currentData() or self._wanted.get(form, "")
            while box.count() > 1:
                box.removeItem(1)
            for name in names:
                box.addItem(name, name)
            if keep and box.findData(keep) < 0:
                box.addItem(tr("{name} (không thấy trên máy này)").format(name=keep), keep)
            box.setCurrentIndex(max(0, box.findData(keep)))
        self.status.setText(error or (tr("Tìm thấy {n} máy in.").format(n=len(names)) if names
                                      else tr("Chưa thấy máy in nào: chọn sau khi lắp máy in.")))

    def fill(self, values: SetupValues) -> None:
        self._wanted = dict(values.printers)
        for form, box in self.boxes.items():
            wanted = values.printers.get(form, "")
            if wanted and box.findData(wanted) < 0:
                box.addItem(wanted, wanted)
            box.setCurrentIndex(max(0, box.findData(wanted)))

    def read(self, values: SetupValues) -> None:
        values.printers = {form: str(box.currentData() or "") for form, box in self.boxes.items()}


class HubPage(Page):
    """Optionally, the provincial server and the one-time enrolment code."""

    def __init__(self) -> None:
        super().__init__(tr("Máy chủ tỉnh (không bắt buộc)"),
                         tr("Nếu tỉnh đã cấp địa chỉ máy chủ và mã đăng ký, nhập ở đây; máy sẽ "
                            "đăng ký khi quản trị đăng nhập lần đầu. Để trống nếu chưa có."))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://dongbo.tinh.gov.vn")
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH-JKLM")
        form = QFormLayout(self)
        self.add_row(form, tr("Địa chỉ &máy chủ tỉnh:"), "hub_url", self.url)
        self.add_row(form, tr("Mã đăng ký &một lần:"), "enrol_code", self.code)

    def fill(self, values: SetupValues) -> None:
        self.url.setText(values.hub_url)
        self.code.setText(values.enrol_code)

    def read(self, values: SetupValues) -> None:
        values.hub_url = self.url.text()
        values.enrol_code = self.code.text()

    def initializePage(self) -> None:
        self.url.setFocus()
