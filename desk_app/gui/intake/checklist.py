"""The procedure's components as a checklist with the counts handed in.

Each row: a check box (ticked = handed in as required), the component's name, and for every
kind of paper it requires (original / certified copy / copy) a spin box "received / required".
Ticking fills the required counts, unticking empties them; editing a count re-ticks the row
when it reaches what is required. "Nhận đủ tất cả" ticks every row at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.gui.fields import FieldMessage
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services.intake import Received
from desk_app.services.procedure_choices import ComponentRow

KINDS = (("originals", QT_TR_NOOP("Bản chính")), ("certified_copies", QT_TR_NOOP("Bản sao chứng thực")),
         ("copies", QT_TR_NOOP("Bản sao")))


class _Row:
    def __init__(self, spec: ComponentRow) -> None:
        self.spec = spec
        self.check = QCheckBox(f"{spec.position}.")
        self.check.setObjectName(f"component.{spec.position}")
        text = spec.name if spec.required else tr("{name} <i>(nếu có)</i>").format(name=spec.name)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setBuddy(self.check)
        self.message = FieldMessage()
        self.spins: dict[str, QSpinBox] = {}
        for kind, _title in KINDS:
            need = getattr(spec, kind)
            if need > 0:
                spin = QSpinBox()
                spin.setRange(0, 99)
                spin.setSuffix(f" / {need}")
                spin.setObjectName(f"component.{spec.position}.{kind}")
                spin.setAccessibleName(tr("{title} đã nhận, cần {need}").format(title=_title,
                                              need=need))
                self.spins[kind] = spin

    def complete(self) -> bool:
        return all(s.value() >= getattr(self.spec, k) for k, s in self.spins.items())

    def received(self) -> Received:
        values = {k: s.value() for k, s in self.spins.items()}
        return Received(self.spec.position, **values)


class ComponentChecklist(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.all_button = QPushButton(tr("Nhận đủ tất cả (Alt+N)"))
        self.all_button.setObjectName("allReceived")
        self.all_button.setToolTip(tr("Đánh dấu đã nhận đủ mọi thành phần bắt buộc (Alt+N)"))
        self.all_button.clicked.connect(self.receive_all)
        self.all_button.setEnabled(False)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setColumnStretch(1, 1)
        outer.addLayout(self.grid)
        outer.addWidget(self.all_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.empty = QLabel(tr("Chọn thủ tục để hiện danh sách thành phần hồ sơ."))
        self.empty.setStyleSheet("color: #666;")
        outer.addWidget(self.empty)
        self.rows: list[_Row] = []

    def set_components(self, specs: tuple[ComponentRow, ...]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = [_Row(spec) for spec in specs]
        self.empty.setVisible(not self.rows)
        self.all_button.setEnabled(bool(self.rows))
        if not self.rows:
            return
        self.grid.addWidget(_header(tr("Thành phần hồ sơ")), 0, 0, 1, 2)
        for col, (_kind, title) in enumerate(KINDS, start=2):
            self.grid.addWidget(_header(tr(title)), 0, col)
        for i, row in enumerate(self.rows):
            r = 1 + 2 * i
            self.grid.addWidget(row.check, r, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(row.label, r, 1)
            for col, (kind, _title) in enumerate(KINDS, start=2):
                spin = row.spins.get(kind)
                if spin is None:
                    dash = QLabel("—")
                    dash.setAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.grid.addWidget(dash, r, col, Qt.AlignmentFlag.AlignTop)
                else:
                    self.grid.addWidget(spin, r, col, Qt.AlignmentFlag.AlignTop)
                    spin.valueChanged.connect(lambda _v, row=row: self._count_changed(row))
            self.grid.addWidget(row.message, r + 1, 1, 1, 4)
            row.check.toggled.connect(lambda on, row=row: self._toggled(row, on))

    def focus_chain(self) -> list[QWidget]:
        """The checklist's controls in keyboard order: "all", then each row's box and counts."""
        chain: list[QWidget] = [self.all_button]
        for row in self.rows:
            chain.append(row.check)
            chain.extend(row.spins[k] for k, _t in KINDS if k in row.spins)
        return chain

    def _toggled(self, row: _Row, on: bool) -> None:
        for kind, spin in row.spins.items():
            need = getattr(row.spec, kind)
            spin.blockSignals(True)
            spin.setValue(max(spin.value(), need) if on else 0)
            spin.blockSignals(False)
        row.message.show_text("")
        self.changed.emit()

    def _count_changed(self, row: _Row) -> None:
        row.check.blockSignals(True)
        row.check.setChecked(row.complete() and any(s.value() for s in row.spins.values()))
        row.check.blockSignals(False)
        self.changed.emit()

    def receive_all(self) -> None:
        for row in self.rows:
            if row.spec.required:
                row.check.setChecked(True)

    def received(self) -> list[Received]:
        return [row.received() for row in self.rows if any(s.value() for s in row.spins.values())]

    def load(self, counts: list[dict[str, int]]) -> None:
        by_pos = {c.get("position"): c for c in counts}
        for row in self.rows:
            got = by_pos.get(row.spec.position, {})
            for kind, spin in row.spins.items():
                spin.setValue(int(got.get(kind, 0)))

    def counts(self) -> list[dict[str, int]]:
        return [dict(row.received().__dict__) for row in self.rows]

    def clear_errors(self) -> None:
        for row in self.rows:
            row.message.show_text("")

    def show_error(self, position: int, text: str) -> QWidget | None:
        for row in self.rows:
            if row.spec.position == position:
                row.message.show_text(text)
                return row.check
        return None


def _header(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
    return label
