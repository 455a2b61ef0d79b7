"""Recognising what a USB scanner types: a CCCD QR payload or a dossier code, then Enter.

A desk scanner is a keyboard: it types into whichever field has focus. :class:`KeySniffer`
watches key presses in the main window (an application event filter) and:

* CCCD QR payload ``digits|...|...`` + Enter (12 digits, or 9: an old CMND number, recognised
  to be refused): the leading digits reach the focused field before
  the first ``|`` shows it is a scan; from the ``|`` on every key is swallowed into a buffer, the
  field is put back as it was before the digits, and on Enter the payload is handed over
  (:attr:`cccdScanned`) or reported as unreadable (:attr:`cccdUnreadable`). Nothing the clerk
  typed is lost either way.
* A dossier code (``looks_like_code``) + Enter in any field: the field is put back, the Enter
  is swallowed and :attr:`codeScanned` fires (the dossier opens). So does the status link
  form 01's QR holds when the desk syncs with a hub (``…/tra-cuu/<code>?k=<key>``,
  :mod:`desk_app.core.status_link`): its code is taken. A field marked with the
  :data:`HANDLES_CODES` property (the search box) that holds nothing but a code, whole or
  partial, keeps its Enter: it looks codes up itself ("h26-261123-0002" would otherwise be cut
  at "26-...").

Humans never type ``|`` in the form, so the marker is reliable; a stalled capture (a person,
not a scanner) gives its text back to the field after :data:`CAPTURE_GAP_S`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desk_app.core.cccd import CccdParseError, parse_qr
from desk_app.core.codes import looks_like_code, looks_like_partial_code
from desk_app.core.status_link import link_at_end

CAPTURE_GAP_S = 1.5
# A scanner types a key every few milliseconds; a pause longer than this before a key starts a
# new burst: digits the clerk typed before the pause are never taken for the card's number.
BURST_GAP_S = 0.2
HANDLES_CODES = "handlesCodes"  # a QLineEdit property: this field looks dossier codes up itself
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# The number a CCCD payload starts with: 12 digits, or a 9-digit old CMND number (refused with
# a message once read, but recognised, so that the field it was typed into is put back).
_DIGITS_END = re.compile(r"(\d{12}|(?<!\d)\d{9})$")
# A dossier code at the end of what was typed (agency codes start with a digit).
_CODE_END = re.compile(r"\d[0-9A-Za-z.]*-\d{6}-\d{4,6}$")


def _take_back(widget: QWidget, tail: str, restore: Callable[[], None]) -> None:
    """Remove the scanned ``tail`` from a line edit (keeping what the clerk typed before it);
    other widgets go back to their value before the scan began."""
    if isinstance(widget, QLineEdit):
        text, pos = widget.text(), widget.cursorPosition()
        if text[:pos].endswith(tail):
            widget.setText(text[: pos - len(tail)] + text[pos:])
            widget.setCursorPosition(pos - len(tail))
            return
    restore()


def snapshot(widget: QWidget) -> Callable[[], None]:
    """A function that puts ``widget`` back to its current value."""
    if isinstance(widget, QLineEdit):
        text, pos = widget.text(), widget.cursorPosition()

        def restore_line() -> None:
            widget.setText(text)
            widget.setCursorPosition(pos)

        return restore_line
    if isinstance(widget, QSpinBox):
        value = widget.value()
        return lambda: widget.setValue(value)
    if isinstance(widget, QComboBox):
        index, text = widget.currentIndex(), widget.currentText()

        def restore_combo() -> None:
            widget.setCurrentIndex(index)
            if widget.isEditable():
                widget.setEditText(text)

        return restore_combo
    if isinstance(widget, QPlainTextEdit):
        plain = widget.toPlainText()
        return lambda: widget.setPlainText(plain)
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        checked = widget.isChecked()
        return lambda: widget.setChecked(checked)
    if isinstance(widget, QAbstractSpinBox):
        return widget.selectAll
    return lambda: None


class KeySniffer(QObject):
    cccdScanned = Signal(object, object)  # CccdData, the widget that had focus
    cccdUnreadable = Signal(str, object)  # CccdParseError code, the widget that had focus
    codeScanned = Signal(str)

    def __init__(self, root: QWidget, wants_cccd: Callable[[QWidget], bool]) -> None:
        super().__init__(root)
        self.root = root
        self.wants_cccd = wants_cccd
        self.enabled = True
        self._receiver: QWidget | None = None
        self._typed = ""
        self._burst_start = 0  # where in _typed the current fast burst of keys began
        self._restore: Callable[[], None] = lambda: None
        self._digit_restore: Callable[[], None] = lambda: None
        self._capture: str | None = None
        self._last_key_at = 0.0
        self._last_stamp = 0.0
        # (C++ address, receiver) to skip propagated copies
        self._last_event: tuple[int, QWidget | None] = (0, None)
        app = QApplication.instance()
        assert app is not None, "the scanner listens to a running QApplication"
        app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def reset(self) -> None:
        self._typed = ""
        self._burst_start = 0
        self._capture = None
        self._restore = self._digit_restore = lambda: None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self.enabled:
            return False
        if not isinstance(obj, QWidget) or not (
            obj is self.root or self.root.isAncestorOf(obj)
        ):
            return False
        assert isinstance(event, QKeyEvent)
        address = shiboken6.getCppPointer(event)[0]
        last_address, last_receiver = self._last_event
        if (
            address == last_address and last_receiver is not None and obj is not last_receiver
            and shiboken6.isValid(last_receiver) and obj.isAncestorOf(last_receiver)
        ):
            return False  # the same key bubbling up to a parent: already seen
        self._last_event = (address, obj)
        return self._on_key(obj, event)

    def _on_key(self, obj: QWidget, event: QKeyEvent) -> bool:
        now = time.monotonic()
        gap, self._last_key_at = now - self._last_key_at, now
        # when the keys were made, not when they were handled: a busy window handles a
        # scanner's queued keys late but close together, and a burst must not split there
        stamp = event.timestamp() / 1000.0 if event.timestamp() else now
        burst_gap, self._last_stamp = stamp - self._last_stamp, stamp
        if obj is not self._receiver:
            if self._capture is not None and self._receiver is not None:
                self._give_back()
            self._receiver = obj
            self.reset()
        # a pause of the typist, not of the window: a window busy for seconds (a warm-up
        # holding the interpreter) must not give a scanner's card back half-way
        if self._capture is not None and min(gap, burst_gap) > CAPTURE_GAP_S:
            self._give_back()
        key = event.key()
        text = event.text()
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            if self._capture is None:
                self.reset()
            return self._capture is not None
        if self._capture is not None:
            if key in _ENTER:
                payload, self._capture = self._capture, None
                self.reset()
                self._finish_cccd(payload, obj)
            elif key == Qt.Key.Key_Escape:
                self.reset()
            else:
                self._capture += text
            return True
        if key in _ENTER:
            typed = self._typed
            restore = self._restore
            self.reset()
            if (isinstance(obj, QLineEdit) and obj.property(HANDLES_CODES)
                    and looks_like_partial_code(obj.text())):
                return False
            link = link_at_end(typed)  # form 01's QR holds the status link on the hub
            if link is not None:
                _take_back(obj, link[0], restore)
                self.codeScanned.emit(link[1].upper())
                return True
            tail = _CODE_END.search(typed)
            if tail is not None and looks_like_code(tail.group(0)):
                _take_back(obj, tail.group(0), restore)
                self.codeScanned.emit(tail.group(0).upper())
                return True
            return False
        digits_end = _DIGITS_END.search(self._typed[self._burst_start:])
        if text == "|" and digits_end is not None and self.wants_cccd(obj):
            _take_back(obj, digits_end.group(1), self._digit_restore)
            self._capture = digits_end.group(1) + "|"
            return True
        if text and text.isprintable():
            if not self._typed:
                self._restore = snapshot(obj)
            if burst_gap > BURST_GAP_S:
                self._burst_start = len(self._typed)
            if text.isdigit() and (not self._typed or not self._typed[-1].isdigit()):
                self._digit_restore = snapshot(obj)
            self._typed += text
        elif key not in (Qt.Key.Key_Shift, Qt.Key.Key_CapsLock):
            self.reset()  # editing keys: a person is typing, start afresh
        return False

    def _give_back(self) -> None:
        """A stalled capture was a person typing '|': put the text into the field."""
        text, self._capture = self._capture or "", None
        if isinstance(self._receiver, QLineEdit) and shiboken6.isValid(self._receiver):
            # the field was put back before the digits: insert digits, '|' and the rest
            self._receiver.insert(text)
        self.reset()

    def _finish_cccd(self, payload: str, obj: QWidget) -> None:
        try:
            data = parse_qr(payload)
        except CccdParseError as exc:
            self.cccdUnreadable.emit(exc.code, obj)
            return
        self.cccdScanned.emit(data, obj)
