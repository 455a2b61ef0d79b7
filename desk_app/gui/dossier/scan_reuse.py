"""Re-use in the scan dialog (issue 16): a returning citizen's earlier documents.

When the dossier's applicant has a CCCD number, :func:`desk_app.services.scans.reusable` is
read on the read lane; the documents still valid are listed (the one with the component's own
name first), and "Dùng lại" records the chosen one for the component through
:func:`desk_app.services.scans.reuse` (:meth:`Ops.write`): the same file, nothing scanned.
The box stays hidden when there is nothing to offer, and for a dossier's result.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from desk_app.errors import FieldError, KnownError
from desk_app.gui import background, messages
from desk_app.gui.formatting import fmt_datetime
from desk_app.gui.ops import Ops
from desk_app.gui.tr import tr
from desk_app.scanning.files import ScanFiles
from desk_app.services import scans

READ_LANE = "read"
DOC_ROLE = Qt.ItemDataRole.UserRole


class ReuseBox(QGroupBox):
    reused = Signal(object)  # scans.DocumentInfo

    def __init__(self, ops: Ops, files: ScanFiles, dossier_id: int, component_id: int | None,
                 id_number: str, parent: QWidget | None = None, component_name: str = "") -> None:
        super().__init__(tr("Giấy tờ đã số hóa của công dân này (dùng lại, không cần quét)"),
                         parent)
        self.setObjectName("scanReuse")
        self.ops, self.files = ops, files
        self.dossier_id, self.component_id = dossier_id, component_id
        self.component_name = component_name
        self.offers: list[scans.Reusable] = []
        lay = QHBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("scanReuseList")
        self.list.setMaximumHeight(70)
        lay.addWidget(self.list, 1)
        self.button = QPushButton(tr("Dùng lại giấy tờ đã chọn"))
        self.button.setObjectName("scanReuseButton")
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self.reuse_selected)
        lay.addWidget(self.button)
        self.setVisible(False)
        if component_id is not None and id_number.strip():
            self._load(id_number)

    def _load(self, id_number: str) -> None:
        store, today, dossier = self.ops.store, self.ops.clock.now().date(), self.dossier_id

        def read() -> list[scans.Reusable]:
            with store.read() as session:
                return scans.reusable(session, id_number, today, exclude_dossier=dossier)

        background.lane(READ_LANE).run(read, self._show, failed=lambda _e: None, context=self,
                                       name="reusable scans")

    def _show(self, offers: list[scans.Reusable]) -> None:
        own = [o for o in offers if o.document.name == self.component_name]
        self.offers = own + [o for o in offers if o not in own]
        self.list.clear()
        for n, offer in enumerate(self.offers):
            d = offer.document
            item = QListWidgetItem(tr("{name} — {pages} trang, hồ sơ {code} ({day})").format(
                name=d.name or tr("(không tên)"), pages=d.pages, code=offer.dossier_code,
                day=fmt_datetime(offer.received_at)))
            item.setData(DOC_ROLE, n)
            self.list.addItem(item)
        if self.offers:
            self.list.setCurrentRow(0)
        self.setVisible(bool(self.offers))

    def reuse_selected(self) -> bool:
        row = self.list.currentRow()
        if row < 0 or row >= len(self.offers) or self.component_id is None:
            return False
        doc = self.offers[row].document
        return self.ops.write(
            "scan_reuse", scans.reuse, self.files, self.dossier_id, self.component_id, doc.id,
            parent=self, done=self.reused.emit, invalid=self._invalid,
            failed=self._failed) is not None

    def _say(self, text: str) -> None:
        parent = self.parent()
        say = getattr(parent, "say", None)
        if callable(say):
            say(text, False)

    def _invalid(self, errors: list[FieldError]) -> None:
        self._say(" ".join(messages.field_message(e) for e in errors))

    def _failed(self, exc: KnownError) -> None:
        self._say(messages.known_message(exc))
