"""The day and the reports at the desk (issue 15), plugged into the main window.

* the "Hôm nay" page, first of the window's tabs and the one a clerk lands on after login
  (Ctrl+H); it reads again after every saved change and whenever it is shown;
* at login, when some open dossier is past its legal due date and its appointment has passed
  with no apology letter (form 04) or an expired one, a warning names them; Enter prepares the
  letter: the first such dossier opens at its form 04 box (for a leader; a clerk's dossier page
  shows that only a leader may issue it);
* the "Báo cáo" menu: the day, and the leader's report window (Action.REPORTS).
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from desk_app.clock import Clock
from desk_app.core.permissions import Action, allowed
from desk_app.gui import messages
from desk_app.gui.reports.report_dialog import ReportDialog
from desk_app.gui.reports.today_page import TodayPage
from desk_app.gui.tr import tr
from desk_app.services.today import Today
from desk_app.store.engine import Store

__all__ = ["ReportDialog", "TodayPage", "install"]


class _Reports:
    def __init__(self, window: Any, store: Store, clock: Clock) -> None:
        self.window, self.store, self.clock = window, store, clock
        self.page = TodayPage(store, clock, self.open_dossier, window)
        self.alerted = False
        self.alert: QMessageBox | None = None
        window.tabs.insertTab(0, self.page, tr("Hôm nay"))
        window.tabs.setTabToolTip(0, tr("Việc trong ngày (Ctrl+H)"))
        window.tabs.setCurrentIndex(0)
        window.tabs.currentChanged.connect(self._tab_changed)
        window.ops.changesApplied.connect(lambda _change: self._refresh_if_shown())
        QShortcut(QKeySequence("Ctrl+H"), window.content, self.show_today,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.page.loaded.connect(self._first_read)
        window.lockChanged.connect(self._lock_changed)
        self.page.refresh()
        self.menu()

    def role(self) -> str:
        return str(self.window.clerk.role)

    def menu(self) -> None:
        if not isinstance(self.window, QMainWindow):
            return
        menu = self.window.menuBar().addMenu(tr("Báo cáo"))
        day = QAction(tr("Hôm nay"), self.window)
        day.setShortcut(QKeySequence("Ctrl+H"))
        day.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the QShortcut above acts
        day.triggered.connect(self.show_today)
        self.report_action = QAction(tr("Báo cáo tổng hợp…"), self.window)
        self.report_action.setObjectName("openReport")
        self.report_action.triggered.connect(self.open_report)
        menu.addAction(day)
        menu.addAction(self.report_action)
        offer = lambda: self.report_action.setEnabled(allowed(self.role(), Action.REPORTS))  # noqa: E731
        offer()
        menu.aboutToShow.connect(offer)

    def show_today(self) -> None:
        self.window.tabs.setCurrentWidget(self.page)
        self.page.tabs.currentWidget().setFocus()

    def _tab_changed(self, _index: int) -> None:
        self._refresh_if_shown()

    def _refresh_if_shown(self) -> None:
        if self.window.tabs.currentWidget() is self.page and not self.window.locked:
            self.page.refresh()

    def open_dossier(self, dossier_id: int) -> None:
        self.window.open_dossier(dossier_id)

    def open_report(self) -> ReportDialog | None:
        if not allowed(self.role(), Action.REPORTS):
            messages.warn(self.window, tr("Chỉ lãnh đạo bộ phận xem được báo cáo."))
            return None
        dialog = ReportDialog(self.store, self.clock, self.window,
                              clerk_id=int(self.window.clerk.id))
        dialog.open()
        return dialog

    def _first_read(self, day: Today) -> None:
        if self.alerted:
            return
        if self.window.locked:  # a locked desk shows nothing: warned once unlocked
            return
        self.alerted = True
        if day.counts.get("needs_letter", 0):
            QTimer.singleShot(0, lambda: self._alert(day))

    def _lock_changed(self, locked: bool) -> None:
        if locked:
            if self.alert is not None and self.alert.isVisible():
                self.alert.reject()
                self.alerted = False  # shown again after the unlock
        elif not self.alerted:
            self.page.refresh()

    def _alert(self, day: Today) -> None:
        rows = day.rows["needs_letter"]
        names = "".join(f"<li>{escape(r.code)} · {escape(r.applicant)}</li>" for r in rows[:5])
        if day.counts["needs_letter"] > 5:
            names += tr("<li>… và {n} hồ sơ khác</li>").format(n=day.counts["needs_letter"] - 5)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Hồ sơ quá hạn chưa có văn bản xin lỗi"),
                          tr("Có <b>{n}</b> hồ sơ đã quá hạn giải quyết mà chưa có văn bản xin"
                             " lỗi, hẹn lại ngày trả (mẫu 04):<ul>{names}</ul>").format(
                              n=day.counts["needs_letter"], names=names), parent=self.window)
        box.setObjectName("overdueAlert")
        prepare = box.addButton(tr("Lập mẫu 04 cho hồ sơ đầu tiên (Enter)"),
                                QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Để sau"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(prepare)
        box.setTextFormat(Qt.TextFormat.RichText)
        self.alert = box

        def chosen() -> None:
            if box.clickedButton() is prepare:
                self.prepare_letter(rows[0].id)
            else:
                self.page.tabs.setCurrentIndex(0)

        box.finished.connect(lambda _r: chosen())
        box.open()

    def prepare_letter(self, dossier_id: int) -> None:
        """Open the dossier at its form 04 box (a leader types the reason and the new date)."""
        if not self.window.open_dossier(dossier_id):
            return
        page = self.window.dossier
        self.window.activateWindow()  # back from the warning, the typing goes here
        if allowed(self.role(), Action.EXTEND) and page.extend_box.isVisible():
            page.extend_reason.setFocus()
        else:
            messages.warn(self.window, tr("Chỉ lãnh đạo bộ phận lập được văn bản xin lỗi, hẹn"
                                          " lại ngày trả (mẫu 04). Hãy báo lãnh đạo."))


def install(window: QWidget, store: Store, clock: Clock) -> _Reports:
    return _Reports(window, store, clock)
