"""A plain list of dossiers shown where the register (``desk_app.gui.register``) is missing.

It honours the register's interface (``dossierActivated``, ``countsChanged``, ``refresh``,
``set_search``) so the main window works the same with either; it lists at most
:data:`LIMIT` dossiers (the newest, or the search hits), enough for a small desk and for tests.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from sqlalchemy import func, select

from desk_app.clock import Clock
from desk_app.core.lifecycle import OPEN
from desk_app.gui import messages
from desk_app.services.search import search_ids
from desk_app.store.engine import Store
from desk_app.store.models import Dossier

LIMIT = 200


class SimpleRegister(QWidget):
    dossierActivated = Signal(int)
    countsChanged = Signal(dict)

    def __init__(self, store: Store, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.query = ""
        layout = QVBoxLayout(self)
        self.caption = QLabel()
        layout.addWidget(self.caption)
        self.list = QListWidget()
        self.list.setObjectName("registerList")
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        layout.addWidget(self.list)
        self.refresh()

    def set_search(self, text: str) -> None:
        self.query = text.strip()
        self.refresh()

    def refresh(self) -> None:
        with self.store.read() as session:
            if self.query:
                ids = search_ids(session, self.query, LIMIT)
                rows = session.execute(
                    select(Dossier.id, Dossier.code, Dossier.applicant_name, Dossier.status)
                    .where(Dossier.id.in_(ids)).order_by(Dossier.id.desc())
                ).all()
            else:
                rows = session.execute(
                    select(Dossier.id, Dossier.code, Dossier.applicant_name, Dossier.status)
                    .order_by(Dossier.id.desc()).limit(LIMIT)
                ).all()
            counts = self._counts(session)
        self.list.clear()
        for dossier_id, code, name, status in rows:
            item = QListWidgetItem(f"{code}   {name}   — {messages.status_label(status)}")
            item.setData(Qt.ItemDataRole.UserRole, dossier_id)
            self.list.addItem(item)
        self.caption.setText(
            f"Kết quả tìm «{self.query}»: {len(rows)} hồ sơ" if self.query
            else f"{len(rows)} hồ sơ mới nhất"
        )
        self.countsChanged.emit(counts)

    def _counts(self, session: object) -> dict[str, int]:
        now = self.clock.now()
        open_values = [s.value for s in OPEN]
        counts = dict(session.execute(  # type: ignore[attr-defined]
            select(Dossier.status, func.count()).group_by(Dossier.status)
        ).all())
        counts["open"] = sum(counts.get(v, 0) for v in open_values)
        counts["overdue"] = session.scalar(  # type: ignore[attr-defined]
            select(func.count()).where(Dossier.status.in_(open_values), Dossier.due_at < now)
        ) or 0
        counts["due_soon"] = session.scalar(  # type: ignore[attr-defined]
            select(func.count()).where(
                Dossier.status.in_(open_values), Dossier.due_at >= now,
                Dossier.due_at < now + timedelta(days=1),
            )
        ) or 0
        return counts

    def ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.dossierActivated.emit(int(item.data(Qt.ItemDataRole.UserRole)))
