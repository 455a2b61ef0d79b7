"""Picking the procedure by typing part of its name or code, with or without diacritics.

The catalogue in force today is read once into :class:`ProcedureChoice` values
(:mod:`desk_app.services.procedure_choices`); each word typed
is folded (no diacritics, đ -> d) and must appear in the version's folded "code name".
Up/Down move in the list, Enter picks; the list hides once a procedure is chosen and comes back
as soon as the clerk types again (the choice stays until another one is picked).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desk_app.gui.tr import tr
from desk_app.services.procedure_choices import ProcedureChoice, match

MAX_HITS = 50




class ProcedurePicker(QWidget):
    chosen = Signal(object)  # ProcedureChoice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: list[ProcedureChoice] = []
        self.current: ProcedureChoice | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setObjectName("procedureSearch")
        self.edit.setPlaceholderText(
            tr("Gõ tên hoặc mã thủ tục, không cần dấu (ví dụ: khai sinh, ket hon, 1.001193)")
        )
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("procedureList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Up/Down are handled from the edit
        self.list.setMaximumHeight(170)
        self.list.setVisible(False)
        self.list.setWordWrap(True)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self.edit.textEdited.connect(self._filter)
        self.edit.returnPressed.connect(self.pick_current)
        self.list.itemActivated.connect(lambda _i: self.pick_current())
        self.list.itemClicked.connect(lambda _i: self.pick_current())
        self.edit.installEventFilter(self)

    def set_choices(self, choices: list[ProcedureChoice]) -> None:
        self.choices = choices

    def _filter(self, text: str) -> None:
        hits = match(self.choices, text)[:MAX_HITS] if text.strip() else []
        self.list.clear()
        for choice in hits:
            item = QListWidgetItem(f"{choice.code}  {choice.name}  ({choice.field})")
            item.setData(Qt.ItemDataRole.UserRole, choice.version_id)
            item.setToolTip(choice.name)
            self.list.addItem(item)
        self.list.setVisible(bool(hits))
        if hits:
            self.list.setCurrentRow(0)

    def search(self, text: str) -> None:
        """Show the choices matching ``text`` as if the clerk had typed it."""
        self.edit.setText(text)
        self._filter(text)

    def hits(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress and self.list.isVisible():
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1,
                    Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}.get(Qt.Key(event.key()))
            if step:
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.list.setVisible(False)
                return True
        return False

    def pick_current(self) -> None:
        item = self.list.currentItem() if self.list.isVisible() else None
        if item is None:
            return
        version_id = item.data(Qt.ItemDataRole.UserRole)
        self.select(version_id)
        self.edit.focusNextChild()

    def select(self, version_id: int | None) -> ProcedureChoice | None:
        choice = next((c for c in self.choices if c.version_id == version_id), None)
        self.current = choice
        self.list.setVisible(False)
        self.edit.setText(choice.title if choice else "")
        self.edit.setCursorPosition(0)
        self.chosen.emit(choice)
        return choice
