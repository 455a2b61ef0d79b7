"""Showing a Vietnamese message right at the field that is wrong (and clearing it)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #b00020;"
_BAD_BORDER = "border: 1px solid #b00020;"


class FieldMessage(QLabel):
    """A small red line under a field; invisible while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setVisible(False)
        self.setObjectName("fieldMessage")

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def mark(widget: QWidget, message: FieldMessage, text: str) -> None:
    """Show ``text`` under ``widget`` and outline the widget; empty text clears both."""
    message.show_text(text)
    widget.setProperty("invalid", bool(text))
    widget.setStyleSheet(_BAD_BORDER if text else "")
    widget.setAccessibleDescription(text)
