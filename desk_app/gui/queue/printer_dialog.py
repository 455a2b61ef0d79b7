"""Which printer prints the queue's tickets (Hàng đợi → "Máy in vé số thứ tự…", for the role
that changes the desk's settings: the administrator): a system printer's name,
``escpos:<address>`` for a thermal printer driven directly, or nothing for the system's default
printer. Written by :func:`desk_app.services.ticket_printer.set_ticket_printer` through
``Ops.write`` (audited)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desk_app.gui.ops import Ops
from desk_app.gui.tr import tr
from desk_app.services.ticket_printer import set_ticket_printer, ticket_printer


def open_dialog(parent: QWidget, ops: Ops) -> QInputDialog:
    with ops.read() as session:
        current = ticket_printer(session)
    dialog = QInputDialog(parent)
    dialog.setObjectName("ticketPrinter")
    dialog.setWindowTitle(tr("Máy in vé số thứ tự"))
    dialog.setLabelText(tr(
        "Tên máy in của hệ thống (để trống: máy in mặc định), hoặc máy in nhiệt nối thẳng:\n"
        "escpos:tcp:192.168.1.50 (mạng) · escpos:usb:0x0416:0x5011 (USB) · "
        "escpos:serial:COM3 (cổng COM)"))
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(current)
    dialog.resize(560, dialog.sizeHint().height())

    def chosen(text: str) -> None:
        ops.write("ticket_printer", set_ticket_printer, text, parent=None)

    dialog.textValueSelected.connect(chosen)
    dialog.open()
    return dialog
