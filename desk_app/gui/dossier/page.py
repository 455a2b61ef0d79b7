"""The dossier page: header, components, history, and the life-cycle actions.

Actions come from :data:`desk_app.core.lifecycle.TRANSITIONS`: the ones the current status
allows are enabled, the others are disabled with the reason as tooltip; the service checks
again (another window may have moved the dossier meanwhile) and a refused change is shown with
its reason. Statuses in ``REASON_REQUIRED`` need the reason field filled. Desk leaders also get
the extension with apology letter (form 04), whose new appointment is checked against the
commune's calendar and office hours. F8 (or the button) asks who collects the result
(:mod:`desk_app.gui.dossier.return_dialog`) and records the return. A dossier left waiting for a
supplement (form 02) offers "Tiếp tục hồ sơ": :attr:`DossierPage.resumeRequested` asks the
window to fill the intake form from it. Links between such dossiers, and who collected the
result, show under the header.

Every action runs through :meth:`desk_app.gui.ops.Ops.write`, off the GUI thread; its outcome
(the result line, the refreshed page, the return's rating offer) follows when it lands. The
widgets are placed by :mod:`desk_app.gui.dossier.page_layout`; the words of the header and
history are :mod:`desk_app.gui.dossier.page_text`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QTableWidgetItem, QWidget

from desk_app.core.lifecycle import EXTENDABLE, REASON_REQUIRED, Status, refusal_reason
from desk_app.core.permissions import Action, allowed
from desk_app.errors import FieldError, KnownError, TransitionError
from desk_app.gui import hooks, messages
from desk_app.gui.dossier.page_layout import DossierLayout
from desk_app.gui.dossier.page_text import components_html, header_html, history_rows, link_lines
from desk_app.gui.dossier.return_dialog import ReturnDialog
from desk_app.gui.dossier.scan_dialog import ScanDialog
from desk_app.gui.dossier.view_data import DossierView, load_view
from desk_app.gui.fields import mark
from desk_app.gui.formatting import fmt_appointment, fmt_datetime
from desk_app.gui.ops import Ops
from desk_app.gui.tr import tr
from desk_app.services import lifecycle, returns, scans, working_hours
from desk_app.services.access import ForbiddenError
from desk_app.services.queue import Visit
from desk_app.services.scan_state import DossierScans, dossier_scans


class DossierPage(DossierLayout):
    returned = Signal(int)
    resumeRequested = Signal(int)  # a supplement-requested dossier the citizen came back for
    # the queue ticket called at this counter (desk_app.gui.queue sets it): kept with a return
    visit_source: Callable[[], Visit | None] | None = None

    def __init__(self, ops: Ops, parent: QWidget | None = None,
                 data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.data_dir = data_dir
        self.view: DossierView | None = None
        self.scans: DossierScans | None = None
        self.reusable = 0  # the citizen's earlier documents still valid (issue 16)
        self.return_dialog: ReturnDialog | None = None
        self.scan_dialog: ScanDialog | None = None
        self.scan_rows.scanRequested.connect(self.open_scan)
        QShortcut(QKeySequence("Ctrl+D"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                  ).activated.connect(self.scan_rows.request)
        for target, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, t=target: self._clicked(t))
        self.extend_button.clicked.connect(self.extend)
        self.links.linkActivated.connect(self._link)
        self.resume_button.clicked.connect(self.resume)

    # loading ----------------------------------------------------------------------------
    def show_dossier(self, dossier_id: int) -> bool:
        with self.ops.read() as session:
            view = load_view(session, dossier_id)
            self.scans = dossier_scans(session, dossier_id) if view is not None else None
            self.reusable = len(scans.reusable(
                session, view.applicant_id, self.ops.clock.now().date(),
                exclude_dossier=dossier_id)) if view is not None else 0
        if view is None:
            return False
        if self.view is None or self.view.id != dossier_id:
            self.result.setVisible(False)
            self.reason.clear()
            mark(self.reason, self.reason_msg, "")
        self.view = view
        self._render()
        return True

    def refresh(self) -> None:
        if self.view is not None:
            self.show_dossier(self.view.id)

    def _render(self) -> None:
        v = self.view
        assert v is not None
        self.header.setText(header_html(v, self.ops.clock.now()))
        self.components.setText(components_html(v))
        if self.scans is not None and self.data_dir is not None:
            self.scan_rows.show_state(self.scans, v.status, self.ops.clerk.role,
                                      self.reusable)
        self._set_enabled(True)
        current = Status(v.status)
        role = self.ops.clerk.role
        for target, button in self.buttons.items():
            why = refusal_reason(current, target)
            action = lifecycle.STATUS_ACTION[target]
            button.setEnabled(why is None and allowed(role, action))
            if why is not None:
                button.setToolTip(messages.known_message(TransitionError(
                    f"transition_{why}", current=current.value, target=target.value)))
            else:
                button.setToolTip("" if allowed(role, action) else messages.known_message(
                    ForbiddenError("forbidden", action=action.value)))
        self.extend_box.setVisible(allowed(role, Action.EXTEND) and current in EXTENDABLE)
        base = v.due_at or self.ops.clock.now()
        self.new_due.setDateTime(self._default_new_due(base))
        self._render_history()
        self._render_extra_actions(current)
        self._render_links(v)

    def _render_history(self) -> None:
        assert self.view is not None
        events = self.view.events
        self.history.setRowCount(len(events))
        for row, texts in enumerate(history_rows(events)):
            for col, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(row, col, item)

    def _render_extra_actions(self, current: Status) -> None:
        while self.extra_row.count():
            item = self.extra_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.scan_rows:
                widget.hide()  # gone at once; deleted when the event loop runs
                widget.deleteLater()
        for action in hooks.dossier_menu_actions:
            if action.statuses is not None and current.value not in action.statuses:
                continue
            button = QPushButton(action.label)
            if action.shortcut:
                button.setShortcut(action.shortcut)
            button.clicked.connect(
                lambda _c=False, a=action: a.run(self, self.view.id if self.view else 0)
            )
            self.extra_row.addWidget(button)
        self.extra_row.addWidget(self.scan_rows)
        self.extra_row.addStretch(1)

    def change(self, target: Status) -> bool:
        if self.view is None:
            return False
        mark(self.reason, self.reason_msg, "")
        reason = self.reason.text().strip()
        if target in REASON_REQUIRED and not reason:
            mark(self.reason, self.reason_msg,
                 tr("Cần ghi lý do để chuyển sang «{status_label}».").format(status_label=messages.status_label(target.value)))
            self.reason.setFocus()
            return False
        dossier_id = self.view.id
        return self.ops.write(
            "status", lifecycle.change_status, dossier_id, target, reason, parent=self,
            done=lambda result: self._changed(result, target, dossier_id),
            invalid=self._reason_errors, failed=self._refused,
        ) is not None

    def _reason_errors(self, errors: list[FieldError]) -> None:
        mark(self.reason, self.reason_msg, " ".join(messages.field_message(e) for e in errors))
        self.reason.setFocus()

    def _refused(self, error: KnownError) -> None:
        """Another window moved the dossier, the clerk may not...: said here and in a box."""
        self.show_result(messages.known_message(error), ok=False)
        messages.show_known_error(self, error)
        self.refresh()

    def _changed(self, result: lifecycle.ChangeResult, target: Status, dossier_id: int) -> None:
        self.reason.clear()
        if target is Status.RETURNED:
            self._after_return(result, dossier_id, "")
            return
        self.show_result(
            tr("Đã chuyển hồ sơ sang «{status_label}».").format(status_label=messages.status_label(target.value)), ok=True
        )
        self.refresh()

    def _clicked(self, target: Status) -> None:
        if target is Status.RETURNED:
            self.return_result()  # who collects it first
        else:
            self.change(target)

    # digitisation (issue 16) ----------------------------------------------------------
    def open_scan(self, component_id: int | None, name: str = "") -> ScanDialog | None:
        """The scan dialog for a component (or, with None, the dossier's result)."""
        if self.view is None or self.data_dir is None:
            return None
        if self.scan_dialog is not None:
            self.scan_dialog.deleteLater()  # the last one (closed): one at a time
        title = tr("Số hóa: {name} — hồ sơ {code}").format(name=name, code=self.view.code)
        dialog = ScanDialog(self.ops, self.data_dir, self.view.id, component_id, title,
                            self.view.applicant_id if component_id is not None else "",
                            self.window(), component_name=name.split(". ", 1)[-1])
        dialog.saved.connect(lambda _info: self._scanned(name))
        self.scan_dialog = dialog
        dialog.open()
        return dialog

    def _scanned(self, name: str) -> None:
        self.scan_rows.advance = True  # Ctrl+D again opens the next paper not yet digitised
        self.show_result(tr("Đã lưu bản số hóa: {name}.").format(name=name), ok=True)
        self.refresh()

    # the return of the result (F8) ------------------------------------------------------
    def return_result(self) -> ReturnDialog | None:
        """F8: ask who collects the result (a dialog over the window), then record the return.

        A dossier whose result is not ready gets the reason at once, without the dialog."""
        if self.view is None:
            return None
        self.refresh()  # another window may have moved it
        assert self.view is not None
        current = Status(self.view.status)
        why = refusal_reason(current, Status.RETURNED)
        exc: KnownError | None = None
        if why is not None:
            exc = TransitionError(f"transition_{why}", current=current.value,
                                  target=Status.RETURNED.value)
        elif not allowed(self.ops.clerk.role, Action.RETURN):
            exc = ForbiddenError("forbidden", action=Action.RETURN.value)
        if exc is not None:
            self.show_result(messages.known_message(exc), ok=False)
            messages.show_known_error(self, exc)
            return None
        if self.return_dialog is not None:
            self.return_dialog.deleteLater()  # the last one (closed): one at a time
        dialog = ReturnDialog(self.view.code, self.view.applicant, self.view.applicant_id,
                              self.window())
        dialog.submitted.connect(lambda: self._submit_return(dialog))
        self.return_dialog = dialog
        dialog.open()
        return dialog

    def _submit_return(self, dialog: ReturnDialog) -> None:
        if self.view is None:
            dialog.reject()
            return
        dossier_id = self.view.id
        collector = dialog.collector()
        who = collector.cleaned().full_name

        def done(result: lifecycle.ChangeResult) -> None:
            dialog.accept()
            self._after_return(result, dossier_id, who)

        def failed(error: KnownError) -> None:
            dialog.accept()
            self._refused(error)

        visit = self.visit_source() if self.visit_source is not None else None
        self.ops.write("status", partial(returns.return_result, visit=visit), dossier_id,
                       collector, parent=self, done=done, invalid=dialog.show_errors,
                       failed=failed)

    def _after_return(self, result: lifecycle.ChangeResult, dossier_id: int, who: str) -> None:
        timing = messages.timing_label(result.return_timing)
        to = f" cho <b>{who}</b>" if who else ""
        self.show_result(
            tr("Đã trả kết quả hồ sơ <b>{code}</b>{to}: <b>{timing}</b>. Mời công dân đánh giá "
               "mức độ hài lòng.").format(code=result.code, to=to, timing=timing),
            ok=result.return_timing != "late",
        )
        self.refresh()
        self.returned.emit(dossier_id)
        hooks.call_all(hooks.after_return, dossier_id)

    # resuming a dossier left waiting for a supplement -----------------------------------
    def _render_links(self, v: DossierView) -> None:
        lines = link_lines(v)
        self.links.setText("<br>".join(lines))
        self.links.setVisible(bool(lines))
        self.resume_button.setVisible(v.resumable)
        self.resume_button.setEnabled(v.resumable and v.resumed_by is None
                                      and allowed(self.ops.clerk.role, Action.RECEIVE))
        self.resume_button.setToolTip(
            tr("Hồ sơ này đã được tiếp tục bằng hồ sơ {resumed_by}.").format(resumed_by=v.resumed_by[0]) if v.resumed_by else
            tr("Mở phiếu tiếp nhận với dữ liệu của hồ sơ này; đánh dấu những gì công dân mang "
            "đến rồi tiếp nhận: hồ sơ mới được liên kết với hồ sơ này."))

    def _link(self, href: str) -> None:
        if href.startswith("dossier:") and href[8:].isdigit():
            self.show_dossier(int(href[8:]))

    def default_focus(self) -> QWidget | None:
        """The button a scanned form 02 slip should land on, when there is one."""
        if self.resume_button.isVisibleTo(self) and self.resume_button.isEnabled():
            return self.resume_button
        return None

    def resume(self) -> None:
        if self.view is not None:
            self.resumeRequested.emit(self.view.id)

    def _default_new_due(self, base: datetime) -> datetime:
        with self.ops.read() as session:
            return working_hours.suggested_appointment(session, self.ops.clock.now(), base)

    def _extend_errors(self, errors: list[FieldError]) -> None:
        for err in errors:
            widget, msg = ((self.new_due, self.new_due_msg) if err.field == "new_due_at"
                           else (self.extend_reason, self.extend_reason_msg))
            mark(widget, msg, messages.field_message(err))

    def extend(self) -> bool:
        if self.view is None:
            return False
        for widget, msg in ((self.new_due, self.new_due_msg),
                            (self.extend_reason, self.extend_reason_msg)):
            mark(widget, msg, "")
        try:
            new_due = self.new_due.value()
        except ValueError:
            mark(self.new_due, self.new_due_msg, tr(messages.FIELD_MESSAGES["bad_datetime"]))
            self.new_due.setFocus()
            return False
        # what can be told at the fields first; the question comes only for a valid date
        with self.ops.read() as session:
            early = working_hours.appointment_errors(session, self.ops.clock.now(), new_due)
        if not self.extend_reason.text().strip():
            early.append(FieldError("reason", "required"))
        if early:
            self._extend_errors(early)
            return False
        if not messages.confirm(
            self, tr("Gia hạn hồ sơ {code}: hẹn trả mới {appointment}, lập văn bản xin lỗi (mẫu "
                     "04)?").format(code=self.view.code,
                         appointment=fmt_appointment(new_due))):
            return False
        return self.ops.write(
            "extend", lifecycle.extend_due, self.view.id, new_due,
            self.extend_reason.text(), parent=self,
            done=lambda _r: self._extended(new_due), invalid=self._extend_errors,
        ) is not None

    def _extended(self, new_due: datetime) -> None:
        self.extend_reason.clear()
        self.show_result(tr("Đã gia hạn, hẹn trả mới {datetime}. In văn bản xin lỗi (mẫu 04) gửi "
                            "công dân.").format(datetime=fmt_datetime(new_due)), ok=True)
        self.refresh()
