"""The applicant's (or representative's) fields, with a message line under each one.

A phone number or a character the forms cannot print (an emoji in a name) is flagged as soon as
the clerk leaves the field (the same Qt-free checks the save runs again), and the message goes
once the field is right; nothing typed is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from desk_app.core.cccd import CccdData, number_mismatches
from desk_app.core.text import nfc
from desk_app.errors import FieldError
from desk_app.gui import messages
from desk_app.gui.fields import ERROR_STYLE, FieldMessage, mark
from desk_app.gui.formatting import fmt_date, parse_date
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import validation
from desk_app.services.intake import Person

APPLICANT_FIELDS = (
    ("full_name", QT_TR_NOOP("Họ và tên")),
    ("id_number", QT_TR_NOOP("Số CCCD")),
    ("birth_date", QT_TR_NOOP("Ngày sinh")),
    ("gender", QT_TR_NOOP("Giới tính")),
    ("address", QT_TR_NOOP("Nơi thường trú")),
    ("phone", QT_TR_NOOP("Điện thoại")),
    ("email", QT_TR_NOOP("Thư điện tử")),
)
REPRESENTATIVE_FIELDS = (
    ("full_name", QT_TR_NOOP("Họ và tên")),
    ("id_number", QT_TR_NOOP("Số CCCD")),
    ("relation", QT_TR_NOOP("Quan hệ / ủy quyền")),
    ("phone", QT_TR_NOOP("Điện thoại")),
)
GENDERS = ("", "Nam", "Nữ")  # data, not wording: the stored values services.intake checks
# Checks run when the clerk leaves a field (required fields are only checked on saving).
LIVE_CHECKS: dict[str, Callable[[str, str], list[FieldError]]] = {
    "full_name": validation.check_printable,
    "address": validation.check_printable,
    "relation": validation.check_printable,
    "email": validation.check_printable,
    "phone": validation.check_phone,
}
WARNING_STYLE = "color: #9a5b00;"


class PersonFields(QWidget):
    changed = Signal()

    def __init__(self, prefix: str, fields: tuple[tuple[str, str], ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefix = prefix
        self.card_address = ""  # what the last scanned card printed as the address
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(0, 0, 0, 0)
        self.widgets: dict[str, QWidget] = {}
        self.msgs: dict[str, FieldMessage] = {}
        boxes: dict[str, QVBoxLayout] = {}
        for name, label in fields:
            widget: QWidget
            if name == "gender":
                combo = QComboBox()
                combo.addItems([tr("— chọn —"), tr("Nam"), tr("Nữ")])
                combo.currentIndexChanged.connect(self._on_change)
                widget = combo
            else:
                edit = QLineEdit()
                edit.textChanged.connect(self._on_change)
                if name in LIVE_CHECKS:
                    edit.editingFinished.connect(lambda n=name: self.live_check(n))
                    edit.textChanged.connect(lambda _t, n=name: self._recheck(n))
                widget = edit
            widget.setObjectName(f"{prefix}.{name}")
            self.widgets[name] = widget
            message = FieldMessage()
            self.msgs[name] = message
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(message)
            boxes[name] = box
            form.addRow(tr(label), box)
        self._placeholders()
        self._live: set[str] = set()  # fields showing a message from live_check
        self.mismatch_text = ""
        self.mismatches: list[str] = []
        # the clerk's confirmation that the original card was checked despite the warning
        self.ack = QCheckBox(tr("Đã đối chiếu thẻ gốc, thông tin đúng"))
        self.ack.setObjectName(f"{prefix}.id_mismatch_ack")
        self.ack.setVisible(False)
        self.ack.toggled.connect(self._on_change)
        if "birth_date" in self.widgets:
            boxes["id_number"].addWidget(self.ack)
            for name in ("id_number", "birth_date"):
                self.line(name).editingFinished.connect(self.check_number)
            gender = self.widgets["gender"]
            assert isinstance(gender, QComboBox)
            gender.activated.connect(lambda _i: self.check_number())

    def _placeholders(self) -> None:
        hints = {
            "full_name": tr("Nguyễn Văn A"), "id_number": tr("12 chữ số, hoặc quét mã QR trên thẻ"),
            "birth_date": tr("ngày/tháng/năm, ví dụ 15/03/1990"), "address": tr("thôn/xóm, xã, tỉnh"),
            "phone": "0912 345 678", "email": tr("không bắt buộc"), "relation": tr("con, được ủy quyền…"),
        }
        for name, hint in hints.items():
            if name in self.widgets:
                self.line(name).setPlaceholderText(hint)

    def line(self, name: str) -> QLineEdit:
        widget = self.widgets[name]
        assert isinstance(widget, QLineEdit)
        return widget

    def _on_change(self, *_args: object) -> None:
        self.changed.emit()

    # values -----------------------------------------------------------------------------
    def gender(self) -> str:
        combo = self.widgets.get("gender")
        return GENDERS[combo.currentIndex()] if isinstance(combo, QComboBox) else ""

    def person(self) -> tuple[Person, list[FieldError]]:
        """The typed person, and errors found before any service call (unreadable date)."""
        errors: list[FieldError] = []
        birth: date | None = None
        if "birth_date" in self.widgets:
            try:
                birth = parse_date(self.line("birth_date").text())
            except ValueError:
                errors.append(FieldError(f"{self.prefix}.birth_date", "bad_date"))
        values = {n: self.line(n).text() for n in self.widgets if n not in ("gender", "birth_date")}
        person = Person(birth_date=birth, gender=self.gender(), card_address=self.card_address,
                        **values)
        return person, errors

    def is_empty(self) -> bool:
        return not any(self.to_dict().values())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            n: self.line(n).text() for n in self.widgets if n != "gender"
        }
        if "gender" in self.widgets:
            out["gender"] = self.gender()
        if self.card_address:
            out["card_address"] = self.card_address
        return out

    def load(self, data: dict[str, Any]) -> None:
        self.card_address = str(data.get("card_address", "") or "")
        for name, widget in self.widgets.items():
            value = str(data.get(name, "") or "")
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(GENDERS.index(value) if value in GENDERS else 0)
            elif isinstance(widget, QLineEdit):
                widget.setText(value)

    def fill_from_card(self, card: CccdData) -> None:
        self.line("full_name").setText(card.full_name)
        self.line("id_number").setText(card.number)
        if "birth_date" in self.widgets:
            self.line("birth_date").setText(fmt_date(card.birth_date))
        if "gender" in self.widgets:
            combo = self.widgets["gender"]
            assert isinstance(combo, QComboBox)
            combo.setCurrentIndex(GENDERS.index(card.gender))
        if "address" in self.widgets and card.address:
            self.line("address").setText(card.address)
            self.card_address = card.address
        self.changed.emit()

    # messages ---------------------------------------------------------------------------
    def clear_errors(self) -> None:
        """Clear the error messages; a CCCD warning stays until the data is fixed or the
        clerk confirms it (it is recomputed from the fields, never just forgotten)."""
        for name, widget in self.widgets.items():
            mark(widget, self.msgs[name], "")
        self._live.clear()
        self.mismatch_text = ""
        if "birth_date" in self.widgets:
            self.check_number()

    def acknowledged(self) -> list[str]:
        """The mismatches the clerk confirmed (all of them, or none)."""
        return list(self.mismatches) if self.ack.isChecked() and self.ack.isVisible() else []

    def live_check(self, name: str) -> bool:
        """Check one field as the clerk leaves it; True when it is right."""
        errors = LIVE_CHECKS[name](f"{self.prefix}.{name}", nfc(self.line(name).text()))
        if errors:
            self.show_error(name, messages.field_message(errors[0]))
            self._live.add(name)
        elif name in self._live:
            self._live.discard(name)
            mark(self.widgets[name], self.msgs[name], "")
        return not errors

    def _recheck(self, name: str) -> None:
        """While a field shows a live message, take it away as soon as the field is right."""
        if name in self._live:
            errors = LIVE_CHECKS[name](f"{self.prefix}.{name}", nfc(self.line(name).text()))
            if not errors:
                self.live_check(name)

    def show_error(self, name: str, text: str) -> QWidget | None:
        if name not in self.widgets:
            return None
        self.msgs[name].setStyleSheet(ERROR_STYLE)
        mark(self.widgets[name], self.msgs[name], text)
        return self.widgets[name]

    def check_number(self, card: CccdData | None = None) -> list[str]:
        """Warn (not block) when the CCCD number contradicts the birth date or gender: those
        typed in this block, or for the representative (no such fields) those of the card."""
        number = self.line("id_number").text().replace(" ", "")
        birth: date | None = None
        gender: str | None = None
        if "birth_date" in self.widgets:
            try:
                birth = parse_date(self.line("birth_date").text())
            except ValueError:
                birth = None
            gender = self.gender() or None
        elif card is not None:
            birth, gender = card.birth_date, card.gender
        problems = [] if not number else number_mismatches(number, birth, gender)
        if len(number) == 9:  # an old 9-digit CMND encodes nothing to compare
            problems = []
        message = self.msgs["id_number"]
        confirmable = [p for p in problems if p in ("gender", "birth_year")]
        if "birth_date" in self.widgets:
            if confirmable != self.mismatches:
                self.ack.setChecked(False)  # a new contradiction needs a new confirmation
            self.mismatches = confirmable
            self.ack.setVisible(bool(confirmable))
        if problems:
            self.mismatch_text = tr("Cảnh báo: ") + "; ".join(
                messages.mismatch_words(p) for p in problems
            ) + tr(". Kiểm tra lại thẻ.")
            message.setStyleSheet(WARNING_STYLE)
            message.show_text(self.mismatch_text)
        elif self.mismatch_text:
            self.mismatch_text = ""
            message.show_text("")
        return problems
