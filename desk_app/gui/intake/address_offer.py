"""The offer under the applicant's address: a card read before 1 July 2025 carries the old
three-tier address; the clerk takes today's two-tier one (Alt+M) or keeps the card's text.

The conversion runs on the "warm" lane (:mod:`desk_app.core.addresses` loads its tables for
seconds on first use): the card's text fills the field at once, and the offer appears when
the conversion lands, only if the field still holds the card's text (the clerk may have typed
meanwhile: what is typed is never replaced).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk_app.core import addresses
from desk_app.gui import background
from desk_app.gui.tr import tr


class AddressOffer(QWidget):
    decided = Signal(bool)  # True: the two-tier address was taken

    def __init__(self, field: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addressOffer")
        self.field = field
        self.card_text = ""
        self.converted = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #1a4f8b;")
        self.take = QPushButton(tr("Dùng địa chỉ mới (Alt+M)"))
        self.take.setObjectName("takeNewAddress")
        self.keep = QPushButton(tr("Giữ như trên thẻ"))
        for button in (self.take, self.keep):
            button.setAutoDefault(False)
        self.take.clicked.connect(self.accept)
        self.keep.clicked.connect(self.decline)
        column.addWidget(self.label)
        row.addStretch(1)
        row.addWidget(self.take)
        row.addWidget(self.keep)
        column.addLayout(row)
        shortcut = QShortcut(QKeySequence("Alt+M"), self)  # active while the offer shows
        shortcut.activated.connect(lambda: self.accept() if self.isVisible() else None)
        self.hide()

    def ask(self, card_text: str) -> None:
        """The card's address was just put in the field: look for its two-tier form."""
        self.hide()
        self.card_text, self.converted = card_text, ""
        if not card_text.strip():
            return
        background.lane("warm").run(lambda: addresses.two_tier(card_text),
                                    lambda new: self._landed(card_text, new),
                                    context=self, name="address conversion")

    def _landed(self, card_text: str, new: str | None) -> None:
        if not new or card_text != self.card_text or self.field.text() != card_text:
            return  # nothing to offer, another card came, or the clerk typed meanwhile
        self.converted = new
        self.label.setText(tr("Địa chỉ trên thẻ theo đơn vị hành chính cũ. Theo đơn vị mới: "
                              "<b>{new}</b>").format(new=new))
        self.show()

    def accept(self) -> None:
        if self.converted:
            self.field.setText(self.converted)
            self.field.setFocus()
        self.hide()
        self.decided.emit(True)

    def decline(self) -> None:
        self.hide()
        self.field.setFocus()
        self.decided.emit(False)

    def forget(self) -> None:
        """A new dossier: no offer stands."""
        self.card_text, self.converted = "", ""
        self.hide()
