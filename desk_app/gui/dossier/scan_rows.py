"""The dossier page's digitisation controls (issue 16), in the row of the page's extra actions.

Each component's line in the list above says "đã số hóa" when it has a document
(:func:`desk_app.gui.dossier.page_text.components_html`); here a choice of component (each
with its state: "đã số hóa, 2 trang (máy quét)" or "chưa số hóa"; the dossier's result once it
is ready) and "Số hóa… (Ctrl+D)" open the
:class:`~desk_app.gui.dossier.scan_dialog.ScanDialog` for it (:attr:`ScanRows.scanRequested`).
One row, not one per component: a dossier of seven components keeps every action of the page
on a 1366x768 or 1280x720 screen. When the citizen has earlier documents that may be re-used,
a note says so beside the button.

The state is what :func:`desk_app.services.scan_state.dossier_scans` read; this widget shows
it and asks, nothing more.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from desk_app.core.lifecycle import Status
from desk_app.core.permissions import Action, allowed
from desk_app.gui import messages
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services.access import ForbiddenError
from desk_app.services.scan_state import DossierScans

RESULT_STATUSES = frozenset({Status.RESULT_READY.value, Status.RETURNED.value})
RESULT = -1  # the result's entry in the choice (Qt keeps no None as item data)
SOURCE_WORDS = {"scanner": QT_TR_NOOP("máy quét"), "file": QT_TR_NOOP("tệp"),
                "folder": QT_TR_NOOP("thư mục theo dõi"), "reused": QT_TR_NOOP("dùng lại")}


def state_text(pages: int, source: str) -> str:
    if not pages:
        return tr("chưa số hóa")
    how = tr(SOURCE_WORDS[source]) if source in SOURCE_WORDS else ""
    return tr("đã số hóa, {pages} trang").format(pages=pages) + (f" ({how})" if how else "")


class ScanRows(QWidget):
    scanRequested = Signal(object, str)  # component id (None: the result), its name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanRows")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.choice = QComboBox()
        self.choice.setObjectName("scanChoice")
        self.choice.setMinimumContentsLength(28)
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.button = QPushButton(tr("Số hóa… (Ctrl+D)"))
        self.button.setObjectName("scanOpen")
        self.button.clicked.connect(self.request)
        self.offer = QLabel()
        self.offer.setObjectName("scanReuseOffer")
        self.offer.setStyleSheet("color: #1f4e8c;")
        label = QLabel(tr("Số hóa:"))
        label.setBuddy(self.choice)
        row.addWidget(label)
        row.addWidget(self.choice)
        row.addWidget(self.button)
        row.addWidget(self.offer)
        self.names: dict[int | None, str] = {}
        self.states: dict[int | None, str] = {}
        self.advance = False  # set when a document was saved: the choice moves past it

    def show_state(self, state: DossierScans, status: str, role: str, reusable: int = 0) -> None:
        """``reusable``: how many earlier documents of the citizen may be re-used."""
        rows: list[tuple[int | None, str, int, str]] = [
            (c.component_id, f"{n}. {c.name}", c.pages, c.source)
            for n, c in enumerate(state.components, start=1)]
        if status in RESULT_STATUSES or state.result_pages:
            rows.append((None, tr("Kết quả giải quyết"), state.result_pages, ""))
        keep = self.choice.currentData() if self.choice.count() else "first"
        self.choice.clear()
        self.names, self.states = {}, {}
        for key, name, pages, source in rows:
            self.names[key], self.states[key] = name, state_text(pages, source)
            self.choice.addItem(f"{name} — {self.states[key]}", RESULT if key is None else key)
            self.choice.setItemData(self.choice.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        first_todo = next((i for i, r in enumerate(rows) if not r[2]), 0)
        at = self.choice.findData(keep) if keep != "first" else -1
        if self.advance and at >= 0 and rows[at][2]:  # just saved: on to the next paper
            at = next((i for i, r in enumerate(rows) if i > at and not r[2]), first_todo)
        self.advance = False
        self.choice.setCurrentIndex(at if at >= 0 else first_todo)
        may = allowed(role, Action.DIGITISE)
        self.button.setEnabled(may and bool(rows))
        self.button.setToolTip("" if may else messages.known_message(
            ForbiddenError("forbidden", action=Action.DIGITISE.value)))
        todo = any(not c.digitised for c in state.components)
        self.offer.setText(tr("· có {n} giấy tờ số hóa từ hồ sơ trước dùng lại được")
                           .format(n=reusable))
        self.offer.setToolTip(tr("Công dân này có giấy tờ đã số hóa còn hiệu lực: chọn thành "
                                 "phần, bấm «Số hóa…» rồi «Dùng lại giấy tờ đã chọn»."))
        self.offer.setVisible(bool(reusable and todo and may))
        self.setVisible(bool(rows))

    def choose(self, key: int | None) -> None:
        self.choice.setCurrentIndex(self.choice.findData(RESULT if key is None else key))

    def request(self) -> None:
        if self.choice.currentIndex() < 0 or not self.button.isEnabled() \
                or not self.isVisible():
            return
        data = self.choice.currentData()
        key = None if data == RESULT else int(data)
        self.scanRequested.emit(key, self.names.get(key, ""))
