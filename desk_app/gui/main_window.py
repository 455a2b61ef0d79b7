"""The main window of the counter program: intake, register, dossier page, search, lock.

Keys: Ctrl+N new intake · Ctrl+F / F3 search · F8 return the result of the open dossier (or
scan its slip) · Ctrl+L lock now. A scanner typing a dossier code + Enter anywhere in the
window opens the dossier; a CCCD QR payload anywhere fills the intake form.

A search (the box, a scanned code) runs on the "read" lane: the window stays responsive while
it runs, and a search overtaken by a newer one is dropped. The lock's watchers live in
:mod:`desk_app.gui.window_lock`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
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

from desk_app.clock import Clock
from desk_app.core.cccd import CccdData
from desk_app.core.codes import looks_like_code
from desk_app.core.permissions import Action, allowed
from desk_app.errors import KnownError
from desk_app.gui import background, hooks, messages
from desk_app.gui.dossier.page import DossierPage
from desk_app.gui.fields import ElidedLabel
from desk_app.gui.geometry import WindowGeometry
from desk_app.gui.intake.form import IntakeForm
from desk_app.gui.lock import IdleWatcher, LockScreen
from desk_app.gui.ops import Change, Ops
from desk_app.gui.register import RegisterView
from desk_app.gui.register.loading import READ_LANE
from desk_app.gui.scanner import HANDLES_CODES, KeySniffer
from desk_app.gui.session import ClerkInfo
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.gui.window_lock import LockKey, LockSeal, app
from desk_app.services.desk_info import CommuneNames, commune_names
from desk_app.services.desk_settings import idle_lock_seconds
from desk_app.services.search import search_ids
from desk_app.store.engine import Store

if TYPE_CHECKING:
    from desk_app.gui.admin import AdminDialog

log = logging.getLogger(__name__)
# "open" = every status in which the legal clock runs (received, in processing, waiting).
COUNT_KEYS = (("open", QT_TR_NOOP("Đang giải quyết")), ("waiting_supplement", QT_TR_NOOP("trong đó chờ bổ sung")),
              ("result_ready", QT_TR_NOOP("Chờ trả kết quả")), ("due_soon", QT_TR_NOOP("Sắp đến hạn")),
              ("overdue", QT_TR_NOOP("Quá hạn")))
# The status bar's words: short enough for 1280 pixels beside the clerk and the sync state.
COUNT_SHORT = {"open": QT_TR_NOOP("Đang giải quyết"), "waiting_supplement": QT_TR_NOOP("chờ bổ sung"),
               "result_ready": QT_TR_NOOP("Chờ trả"), "due_soon": QT_TR_NOOP("Sắp đến hạn"), "overdue": QT_TR_NOOP("Quá hạn")}


class MainWindow(QMainWindow):
    lockChanged = Signal(bool)  # True when the desk locks, False when it unlocks
    logout_action: QAction  # set by desk_app.gui.account_menu
    audit_dialog: QDialog | None = None
    loggedOut = Signal()  # the clerk logged out (the window has saved the draft and closed)

    def __init__(self, store: Store, clock: Clock, clerk: ClerkInfo, data_dir: Path,
                 log_path: str = "") -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.store = store
        self.clerk = clerk
        self.data_dir = data_dir
        self.ops = Ops(store, clock, clerk, log_path, self)
        self.last_search_ids: list[int] = []
        self._searches = 0  # searches asked so far: only the newest one's result is shown
        self._search_landed = 0
        with store.read() as session:  # two small rows; the window cannot be built without
            commune = commune_names(session) or CommuneNames("", "")
            idle = idle_lock_seconds(session)
        self.setWindowTitle(tr("Một cửa - {name} - {full_name}").format(name=commune.name,
                                   full_name=clerk.full_name))

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
            tr("Tìm hồ sơ: mã, tên, CCCD, điện thoại - không cần dấu (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setProperty(HANDLES_CODES, True)  # whole or partial codes: run_search
        self.search.setMinimumWidth(420)
        self.search.returnPressed.connect(self.run_search)
        top.addWidget(self.search)
        if allowed(clerk.role, Action.ACCOUNTS) or allowed(clerk.role, Action.SETTINGS):
            admin_button = QPushButton(tr("Quản trị"))
            admin_button.setObjectName("adminButton")
            admin_button.clicked.connect(self.open_admin)
            top.addWidget(admin_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.intake = IntakeForm(self.ops, data_dir)
        self.intake.openDossier.connect(self.open_dossier)
        self.register = RegisterView(store, clock)
        self.register.dossierActivated.connect(self.open_dossier)
        self.register.countsChanged.connect(self.show_counts)
        self.dossier = DossierPage(self.ops, data_dir=data_dir)
        self.dossier.resumeRequested.connect(self.resume_dossier)
        self.tabs.addTab(self.intake, tr("Tiếp nhận hồ sơ"))
        self.tabs.addTab(self.register, tr("Sổ theo dõi hồ sơ"))
        self.tabs.addTab(self.dossier, tr("Chi tiết hồ sơ"))
        layout.addWidget(self.tabs, 1)
        self.lock_screen = LockScreen(store, clerk, clock=clock)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.logoutRequested.connect(self.logout)
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.statusBar().addWidget(self.counts_label)
        for factory in hooks.status_bar_widgets:
            try:
                self.statusBar().addPermanentWidget(factory())
            except Exception:
                log.exception("status bar widget %r failed", factory)
        self.clerk_label = ElidedLabel(
            tr("Cán bộ: {full_name} ({get})").format(full_name=clerk.full_name,
                   get=messages.ROLE_LABELS.get(clerk.role, clerk.role))
        )
        self.clerk_label.setObjectName("clerkLabel")
        self.statusBar().addPermanentWidget(self.clerk_label)

        self.ops.changesApplied.connect(self._changes_applied)
        self.sniffer = KeySniffer(self, lambda _w: True)
        self.sniffer.cccdScanned.connect(self._cccd_scanned)
        self.sniffer.cccdUnreadable.connect(self._cccd_unreadable)
        self.sniffer.codeScanned.connect(self.open_code)
        self.idle = IdleWatcher(idle, self)
        self.idle.idle.connect(self.lock)
        self._focus_before_lock: list[QWidget] = []
        self._hidden_dialogs: list[QWidget] = []
        self._disabled_while_locked: list[QAction | QShortcut] = []
        self._seal = LockSeal(self, self)
        self._lock_key = LockKey(self, self)
        self._shortcuts()
        self._account_menu()
        self.geometry_store = WindowGeometry(data_dir)
        self.geometry_store.restore(self)
        self.register.refresh()
        if not self.intake.banner.isVisible():
            self.intake.picker.edit.setFocus()

    def _shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+N", self.new_intake), ("Ctrl+F", self.focus_search),
            ("F3", self.focus_search), ("F8", self.return_result), ("Ctrl+L", self.lock),
            ("Ctrl+1", lambda: self.tabs.setCurrentWidget(self.intake)),
            ("Ctrl+2", lambda: self.tabs.setCurrentWidget(self.register)),
            ("Ctrl+3", lambda: self.tabs.setCurrentWidget(self.dossier)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.content, context=ctx)
            shortcut.activated.connect(slot)

    def _account_menu(self) -> None:
        from desk_app.gui import account_menu  # lock, log out, the audit log for leaders

        account_menu.build(self)

    def open_admin(self) -> AdminDialog | None:
        from desk_app.gui.admin import AdminDialog

        if self.locked:
            return None
        dialog = AdminDialog(self.ops, self)
        dialog.idleChanged.connect(self.idle.set_seconds)
        dialog.counterChanged.connect(self.intake.counter_changed)
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

    @property
    def searching(self) -> bool:
        """A search was asked and its result has not landed yet."""
        return self._searches != self._search_landed

    def _find(self, text: str, landed: Callable[[list[int]], None]) -> None:
        """Search the store on the read lane; ``landed(ids)`` unless a newer search came."""
        self._searches += 1
        asked, store = self._searches, self.store

        def work() -> list[int]:
            with store.read() as session:
                return search_ids(session, text)

        def done(ids: list[int]) -> None:
            if asked == self._searches:
                self._search_landed = asked
                self.last_search_ids = ids
                landed(ids)

        def failed(exc: KnownError) -> None:
            if asked == self._searches:
                self._search_landed = asked
                messages.show_known_error(self, exc)

        background.lane(READ_LANE).run(work, done, failed=failed, context=self,
                                       name="search")

    def open_code(self, code: str) -> None:
        """A scanned or typed dossier code: open its dossier once found."""
        self._find(code, lambda ids: self._code_found(code, ids))

    def _code_found(self, code: str, ids: list[int]) -> None:
        if not ids:
            self.statusBar().showMessage(tr("Không tìm thấy hồ sơ mã {code}.").format(code=code), 8000)
            messages.warn(self, tr("Không tìm thấy hồ sơ có mã {code}. Kiểm tra lại giấy hẹn.").format(code=code))
            return
        self.search.clear()
        self.open_dossier(ids[0])

    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        if looks_like_code(text):
            self.open_code(text)
            return
        self.register.set_search(text)  # the register lists the matches on its own read
        self._find(text, lambda ids: self._found(text, ids))

    def _found(self, text: str, ids: list[int]) -> None:
        self.statusBar().showMessage(tr("Tìm «{text}»: {count} hồ sơ.").format(text=text,
                                            count=len(ids)), 8000)
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
        self.statusBar().showMessage(tr("Trả kết quả: quét mã vạch trên giấy hẹn."), 8000)

    # scanner ----------------------------------------------------------------------------
    def _cccd_scanned(self, card: CccdData, receiver: QWidget) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.apply_cccd(card, receiver if self.intake.isAncestorOf(receiver) else None)

    def _cccd_unreadable(self, code: str, _receiver: QWidget) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.cccd_unreadable(code)

    # status -----------------------------------------------------------------------------
    def _changes_applied(self, change: Change) -> None:
        self.register.refresh()
        if self.dossier.view is not None and self.dossier.view.id in change.dossier_ids:
            self.dossier.refresh()

    def show_counts(self, counts: dict) -> None:
        """The register's counts; the label keeps the width its numbers need (never cut:
        the sync and rating notes beside it give way instead)."""
        n = {key: counts.get(key, 0) for key, _label in COUNT_KEYS}
        w = {key: tr(label) for key, label in COUNT_SHORT.items()}
        overdue = f"<b>{n['overdue']}</b>"
        if n["overdue"]:
            overdue = f"<span style='color:#b3261e'>{overdue}</span>"
        self.counts_label.setText(
            f"{w['open']}: <b>{n['open']}</b> ({w['waiting_supplement']} "
            f"<b>{n['waiting_supplement']}</b>) · {w['result_ready']}: <b>{n['result_ready']}</b>"
            f" · {w['due_soon']}: <b>{n['due_soon']}</b> · {w['overdue']}: {overdue}")
        self.counts_label.setToolTip("\n".join(f"{tr(label)}: {n[key]}" for key, label in COUNT_KEYS))
        self.counts_label.setMinimumWidth(self.counts_label.sizeHint().width())

    # lock -------------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self.stack.currentWidget() is self.lock_screen

    def lock(self) -> None:
        """Seal the desk: the lock screen, every action and shortcut off, every other window
        of the program hidden until the clerk's password is given again (nothing is reset)."""
        if self.locked:
            return
        # where the keyboard was: in a dialog (a question the lock ends), or in the window
        self._focus_before_lock = [w for w in (QApplication.focusWidget(), self.focusWidget())
                                   if w is not None]
        actions: list[QAction | QShortcut] = [*self.findChildren(QAction),
                                              *self.findChildren(QShortcut)]
        self._disabled_while_locked = [item for item in actions if item.isEnabled()]
        for item in self._disabled_while_locked:
            item.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.statusBar().setEnabled(False)
        self.sniffer.enabled = False
        self.stack.setCurrentWidget(self.lock_screen)
        # open dialogs (form 02, a message, a print preview) would show personal data
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and self._seal.must_hide(widget):
                self._seal.hide(widget)
        app().installEventFilter(self._seal)
        self.activateWindow()  # a hidden dialog may have had the focus
        self.lock_screen.password.setFocus()
        log.info("window locked (%s)", self.clerk.username)
        self.lockChanged.emit(True)

    def unlock(self) -> None:
        app().removeEventFilter(self._seal)
        self.stack.setCurrentWidget(self.content)
        for item in self._disabled_while_locked:
            if shiboken6.isValid(item):
                item.setEnabled(True)
        self._disabled_while_locked = []
        self.menuBar().setEnabled(True)
        self.statusBar().setEnabled(True)
        self.sniffer.enabled = True
        self.idle.set_seconds(self.idle.seconds)
        self.lockChanged.emit(False)
        for widget in self._seal.release():
            widget.show()
            self._seal.place_again(widget)
        self.activateWindow()
        for widget in self._focus_before_lock:  # the first one still on screen
            if shiboken6.isValid(widget) and widget.isVisible() \
                    and widget is not self.lock_screen.password:
                widget.window().activateWindow()
                widget.setFocus()
                break
        self._focus_before_lock = []
        log.info("window unlocked (%s)", self.clerk.username)

    def logout(self) -> None:
        """Log out (from the menu or the lock screen): the typed intake stays as a draft for
        whoever logs in next; the launcher shows the login window."""
        log.info("clerk %s logs out", self.clerk.username)
        app().removeEventFilter(self._seal)
        for widget in self._seal.release():
            widget.close()
        self._logging_out = True
        self.loggedOut.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.intake.flush_draft()  # an unsaved intake stays on disk for next time
        self.geometry_store.save(self)
        app().removeEventFilter(self._seal)
        app().removeEventFilter(self._lock_key)
        self.sniffer.uninstall()
        self.idle.uninstall()
        super().closeEvent(event)
