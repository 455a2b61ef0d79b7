"""The main window of the counter program: intake, register, dossier page, search, lock.

Keys: Ctrl+N new intake · Ctrl+F / F3 search · F8 return the result of the open dossier (or
scan its slip) · Ctrl+L lock now. A scanner typing a dossier code + Enter anywhere in the
window opens the dossier; a CCCD QR payload anywhere fills the intake form.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desk_app.clock import Clock
from desk_app.core.cccd import CccdData
from desk_app.core.codes import looks_like_code
from desk_app.gui import hooks, messages
from desk_app.gui.dossier.page import DossierPage
from desk_app.gui.intake.form import IntakeForm
from desk_app.gui.lock import IdleWatcher, LockScreen
from desk_app.gui.ops import Change, Ops
from desk_app.gui.register import RegisterView
from desk_app.gui.scanner import KeySniffer
from desk_app.gui.session import ClerkInfo
from desk_app.services.desk_settings import idle_lock_seconds
from desk_app.services.search import search_ids
from desk_app.store.engine import Store
from desk_app.store.models import Commune

if TYPE_CHECKING:
    from desk_app.gui.admin import AdminDialog

log = logging.getLogger(__name__)
# "open" = every status in which the legal clock runs (received, in processing, waiting).
COUNT_KEYS = (("open", "Đang giải quyết"), ("waiting_supplement", "trong đó chờ bổ sung"),
              ("result_ready", "Chờ trả kết quả"), ("due_soon", "Sắp đến hạn"),
              ("overdue", "Quá hạn"))


class MainWindow(QMainWindow):
    def __init__(self, store: Store, clock: Clock, clerk: ClerkInfo, data_dir: Path,
                 log_path: str = "") -> None:
        super().__init__()
        self.store = store
        self.clerk = clerk
        self.ops = Ops(store, clock, clerk, log_path, self)
        self.last_search_ids: list[int] = []
        with store.read() as session:
            commune = session.scalars(select(Commune).limit(1)).one()
            idle = idle_lock_seconds(session)
        self.setWindowTitle(f"Một cửa - {commune.name} - {clerk.full_name}")

        self.stack = QStackedWidget()
        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(6, 6, 6, 0)
        top = QHBoxLayout()
        title = QLabel(f"<b>{commune.desk_name}</b> · {commune.name}")
        top.addWidget(title, 1)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(
            "Tìm hồ sơ: mã, tên, CCCD, điện thoại - không cần dấu (Ctrl+F)"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(420)
        self.search.returnPressed.connect(self.run_search)
        top.addWidget(self.search)
        if clerk.role == "admin":
            admin_button = QPushButton("Quản trị")
            admin_button.setObjectName("adminButton")
            admin_button.clicked.connect(self.open_admin)
            top.addWidget(admin_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.intake = IntakeForm(self.ops, data_dir)
        self.intake.openDossier.connect(self.open_dossier)
        self.register = RegisterView(store, clock)
        self.register.dossierActivated.connect(self.open_dossier)  # type: ignore[attr-defined]
        self.register.countsChanged.connect(self.show_counts)  # type: ignore[attr-defined]
        self.dossier = DossierPage(self.ops)
        self.dossier.resumeRequested.connect(self.resume_dossier)
        self.tabs.addTab(self.intake, "Tiếp nhận hồ sơ")
        self.tabs.addTab(self.register, "Sổ theo dõi hồ sơ")
        self.tabs.addTab(self.dossier, "Chi tiết hồ sơ")
        layout.addWidget(self.tabs, 1)
        self.lock_screen = LockScreen(store, clerk)
        self.lock_screen.unlocked.connect(self.unlock)
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.statusBar().addWidget(self.counts_label, 1)
        for factory in hooks.status_bar_widgets:
            try:
                self.statusBar().addPermanentWidget(factory())
            except Exception:
                log.exception("status bar widget %r failed", factory)
        self.clerk_label = QLabel(
            f"Cán bộ: <b>{clerk.full_name}</b> ({messages.ROLE_LABELS.get(clerk.role, clerk.role)})"
        )
        self.statusBar().addPermanentWidget(self.clerk_label)

        self.ops.changesApplied.connect(self._changes_applied)
        self.sniffer = KeySniffer(self, lambda _w: True)
        self.sniffer.cccdScanned.connect(self._cccd_scanned)
        self.sniffer.cccdUnreadable.connect(self._cccd_unreadable)
        self.sniffer.codeScanned.connect(self.open_code)
        self.idle = IdleWatcher(idle, self)
        self.idle.idle.connect(self.lock)
        self._focus_before_lock: QWidget | None = None
        self._hidden_dialogs: list[QDialog] = []
        self._shortcuts()
        self.resize(1280, 820)
        self.register.refresh()  # type: ignore[attr-defined]
        if not self.intake.banner.isVisible():
            self.intake.picker.edit.setFocus()

    def _shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+N", self.new_intake), ("Ctrl+F", self.focus_search),
            ("F3", self.focus_search), ("F8", self.return_result), ("Ctrl+L", self.lock),
            ("Ctrl+1", lambda: self.tabs.setCurrentIndex(0)),
            ("Ctrl+2", lambda: self.tabs.setCurrentIndex(1)),
            ("Ctrl+3", lambda: self.tabs.setCurrentIndex(2)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.content, context=ctx)
            shortcut.activated.connect(slot)

    def open_admin(self) -> AdminDialog:
        from desk_app.gui.admin import AdminDialog

        dialog = AdminDialog(self.ops, self)
        dialog.idleChanged.connect(self.idle.set_seconds)
        dialog.open()
        self.admin_dialog = dialog
        return dialog

    # navigation -------------------------------------------------------------------------
    def new_intake(self) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.new_intake()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_dossier(self, dossier_id: int) -> bool:
        if not self.dossier.show_dossier(dossier_id):
            return False
        self.tabs.setCurrentWidget(self.dossier)
        focus = self.dossier.default_focus() or next(
            (b for b in self.dossier.buttons.values() if b.isEnabled()), None)
        (focus or self.dossier.reason).setFocus()
        return True

    def resume_dossier(self, dossier_id: int) -> bool:
        """The citizen brought what form 02 asked for: the intake form takes the dossier up."""
        if not self.intake.resume(dossier_id):
            return False
        self.tabs.setCurrentWidget(self.intake)
        self.intake.focus_resumed()
        return True

    def open_code(self, code: str) -> bool:
        with self.store.read() as session:
            ids = search_ids(session, code)
        self.last_search_ids = ids
        if not ids:
            self.statusBar().showMessage(f"Không tìm thấy hồ sơ mã {code}.", 8000)
            messages.warn(self, f"Không tìm thấy hồ sơ có mã {code}. Kiểm tra lại giấy hẹn.")
            return False
        self.search.clear()
        return self.open_dossier(ids[0])

    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        if looks_like_code(text):
            self.open_code(text)
            return
        with self.store.read() as session:
            ids = search_ids(session, text)
        self.last_search_ids = ids
        self.statusBar().showMessage(f"Tìm «{text}»: {len(ids)} hồ sơ.", 8000)
        self.register.set_search(text)  # type: ignore[attr-defined]
        if len(ids) == 1:
            self.open_dossier(ids[0])
        else:
            self.tabs.setCurrentWidget(self.register)

    def return_result(self) -> None:
        """F8: on an open dossier, record the return; otherwise wait for a scanned slip."""
        if self.tabs.currentWidget() is self.dossier and self.dossier.view is not None:
            self.dossier.return_result()
            return
        self.focus_search()
        self.statusBar().showMessage("Trả kết quả: quét mã vạch trên giấy hẹn.", 8000)

    # scanner ----------------------------------------------------------------------------
    def _cccd_scanned(self, card: CccdData, receiver: QWidget) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.apply_cccd(card, receiver if self.intake.isAncestorOf(receiver) else None)

    def _cccd_unreadable(self, code: str, _receiver: QWidget) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.cccd_unreadable(code)

    # status -----------------------------------------------------------------------------
    def _changes_applied(self, change: Change) -> None:
        self.register.refresh()  # type: ignore[attr-defined]
        if self.dossier.view is not None and self.dossier.view.id in change.dossier_ids:
            self.dossier.refresh()

    def show_counts(self, counts: dict) -> None:
        parts = [f"{label}: <b>{counts.get(key, 0)}</b>" for key, label in COUNT_KEYS]
        self.counts_label.setText(" · ".join(parts))

    # lock -------------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.stack.currentWidget() is self.lock_screen

    def lock(self) -> None:
        if self.locked:
            return
        self._focus_before_lock = QApplication.focusWidget()
        # open dialogs (form 02, a message) would show personal data over the lock screen
        self._hidden_dialogs = [d for d in self.findChildren(QDialog) if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self.sniffer.enabled = False
        self.stack.setCurrentWidget(self.lock_screen)
        if self._hidden_dialogs:
            self.activateWindow()  # the hidden dialog had the focus
        self.lock_screen.password.setFocus()
        log.info("window locked (%s)", self.clerk.username)

    def unlock(self) -> None:
        self.stack.setCurrentWidget(self.content)
        self.sniffer.enabled = True
        self.idle.set_seconds(self.idle.seconds)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        if self._focus_before_lock is not None:
            self._focus_before_lock.setFocus()
        log.info("window unlocked (%s)", self.clerk.username)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.intake.save_draft()  # an unsaved intake stays on disk for next time
        self.sniffer.uninstall()
        self.idle.uninstall()
        super().closeEvent(event)
