"""Showing a Vietnamese message right at the field that is wrong (and clearing it), and a
date-time field read exactly as typed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from desk_app.gui.formatting import fmt_datetime_input, parse_datetime
from desk_app.gui.tr import tr

ERROR_STYLE = "color: #b00020;"
_BAD_BORDER = "border: 1px solid #b00020;"


def quiet_disabled_placeholders(app: QApplication) -> None:
    """A disabled field's hint ("ngày/tháng/năm, ví dụ 15/03/1990") drawn lighter than a
    disabled field's text: Fusion draws it half-black, darker than the text itself, so while a
    save runs (the form is disabled) the hints read as typed data. Seen on a real display."""
    palette = app.palette()
    disabled = QPalette.ColorGroup.Disabled
    hint = QColor(palette.color(disabled, QPalette.ColorRole.Text))
    hint.setAlpha(128)
    palette.setColor(disabled, QPalette.ColorRole.PlaceholderText, hint)
    app.setPalette(palette)


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


class DateTimeField(QLineEdit):
    """A date and time the clerk types ('09:00 04/12/2026'), read exactly as typed.

    Qt's QDateTimeEdit edits section by section: after Ctrl+A, typing a whole new value keeps
    some of the old sections (a clerk typed 17:00 29/11/2026 and 17:00 29/12/2026 was saved).
    This field takes the text as a whole; :meth:`value` raises ValueError when it is not a
    date and time, and the caller says so at the field.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("giờ:phút ngày/tháng/năm, ví dụ 09:00 04/12/2026"))

    def setDateTime(self, value: datetime) -> None:
        self.setText(fmt_datetime_input(value))

    def value(self) -> datetime:
        return parse_datetime(self.text())


class ElidedLabel(QLabel):
    """Plain text that gives way when space is short: cut with "…" (the whole text in the
    tooltip then), and :meth:`text` still the whole text. For the status bar, where labels that
    cannot shrink would be drawn over each other on a narrow window."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()
        self.updateGeometry()

    def text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4,
                     super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("Xy…"), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, self.width() - 2))
        super().setText(shown)
        # the whole text on hover when cut (else the parent's own tooltip shows through)
        self.setToolTip(self._full if shown != self._full else "")
