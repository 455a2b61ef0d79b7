"""Which printer prints the queue's tickets (Hàng đợi → "Máy in vé số thứ tự…", for the roles
that change the desk's settings): a system printer's name, ``escpos:<address>`` for a thermal
printer driven directly, or nothing for the system's default printer. Kept as the ticket's
print preference (``printing.formticket``), written on the database worker."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desk_app.gui import ops
from desk_app.gui.tr import tr
from desk_app.printing.prefs import FormPrefs, load_prefs, save_prefs
from desk_app.printing.ticket_out import FORM
from desk_app.store.engine import Store


def open_dialog(parent: QWidget, store: Store) -> QInputDialog:
    with store.read() as session:
        current = load_prefs(session, FORM).printer
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
        value = text.strip()
        ops.submit(store, "print_prefs",
                   lambda session: save_prefs(session, FORM, FormPrefs(printer=value,
                                                                       layout="thermal80",
                                                                       copies=[1])),
                   parent=None)

    dialog.textValueSelected.connect(chosen)
    dialog.open()
    return dialog
