"""The dossier page's digitisation box (issue 16): one row per component saying whether it is
digitised, with its "Số hóa…" button (Tab reaches each; Alt+S the first), and one for the
dossier's result once the result is ready.

The box only shows what :func:`desk_app.services.scan_state.dossier_scans` read and asks for a
dialog with :attr:`ScanRows.scanRequested`; the page opens the
:class:`~desk_app.gui.dossier.scan_dialog.ScanDialog`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from desk_app.core.lifecycle import Status
from desk_app.core.permissions import Action, allowed
from desk_app.gui import messages
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services.access import ForbiddenError
from desk_app.services.scan_state import DossierScans

RESULT_STATUSES = frozenset({Status.RESULT_READY.value, Status.RETURNED.value})
SOURCE_WORDS = {"scanner": QT_TR_NOOP("máy quét"), "file": QT_TR_NOOP("tệp"),
                "folder": QT_TR_NOOP("thư mục theo dõi"), "reused": QT_TR_NOOP("dùng lại")}
DONE_STYLE = "color: #1e6b34; font-weight: bold;"
TODO_STYLE = "color: #7a7a7a;"


def state_text(pages: int, source: str) -> str:
    if not pages:
        return tr("chưa số hóa")
    how = tr(SOURCE_WORDS[source]) if source in SOURCE_WORDS else ""
    return tr("đã số hóa, {pages} trang").format(pages=pages) + (f" ({how})" if how else "")


class ScanRows(QGroupBox):
    scanRequested = Signal(object, str)  # component id (None: the result), its name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Số hóa thành phần hồ sơ"), parent)
        self.setObjectName("scanRows")
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 1)
        self.buttons: dict[int | None, QPushButton] = {}
        self.states: dict[int | None, QLabel] = {}
        self.offer = QLabel()
        self.offer.setObjectName("scanReuseOffer")
        self.offer.setWordWrap(True)

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is self.offer:
                continue
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.buttons, self.states = {}, {}

    def show_state(self, state: DossierScans, status: str, role: str, reusable: int = 0) -> None:
        """``reusable``: how many earlier documents of the citizen may be re-used."""
        self._clear()
        rows: list[tuple[int | None, str, int, str]] = [
            (c.component_id, f"{n}. {c.name}", c.pages, c.source)
            for n, c in enumerate(state.components, start=1)]
        if status in RESULT_STATUSES or state.result_pages:
            rows.append((None, tr("Kết quả giải quyết"), state.result_pages, ""))
        may = allowed(role, Action.PROCESS)
        for r, (key, name, pages, source) in enumerate(rows):
            label = QLabel(name)
            label.setWordWrap(True)
            done = QLabel(state_text(pages, source))
            done.setObjectName(f"scanState.{'result' if key is None else key}")
            done.setStyleSheet(DONE_STYLE if pages else TODO_STYLE)
            button = QPushButton(tr("&Số hóa…") if r == 0 else tr("Số hóa…"))
            button.setObjectName(f"scanOpen.{'result' if key is None else key}")
            button.setEnabled(may)
            if not may:
                button.setToolTip(messages.known_message(
                    ForbiddenError("forbidden", action=Action.PROCESS.value)))
            button.clicked.connect(lambda _c=False, k=key, t=name: self.scanRequested.emit(k, t))
            self.grid.addWidget(label, r, 0)
            self.grid.addWidget(done, r, 1)
            self.grid.addWidget(button, r, 2)
            self.buttons[key], self.states[key] = button, done
        todo = any(not c.digitised for c in state.components)
        self.offer.setText(tr("Công dân này có {n} giấy tờ đã số hóa còn hiệu lực từ hồ sơ trước: "
                              "bấm «Số hóa…» ở thành phần để dùng lại, không cần quét.")
                           .format(n=reusable))
        self.offer.setStyleSheet("color: #1f4e8c;")
        self.offer.setVisible(bool(reusable and todo and may))
        self.grid.addWidget(self.offer, len(rows), 0, 1, 3)
        self.setVisible(bool(rows))
