"""Saving an intake: the request from the fields, the three outcomes, errors at their fields.

Receive (Ctrl+Enter), a supplement request (form 02, Ctrl+B) and a refusal (form 03, Ctrl+R) each
run their service through :meth:`desk_app.gui.ops.Ops.write`, off the GUI thread. While the save
is in flight the form is frozen: its fields and the three buttons are disabled (what was typed
is exactly what is being saved, and stays on screen), a second Enter or click is ignored, and
after :data:`desk_app.gui.ops.PROGRESS_AFTER_MS` the banner says the dossier is being saved. The
rest of the window (search, register, dossier page) keeps working meanwhile. On success the form
is reset for the next citizen and the slip flow runs (``hooks.after_intake``); on a refusal the
fields come back as they were, with each message at its field.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desk_app.core.lifecycle import Status
from desk_app.errors import FieldError, KnownError
from desk_app.gui import hooks, messages
from desk_app.gui.fields import mark
from desk_app.gui.formatting import fmt_appointment, fmt_money
from desk_app.gui.intake.clock_banner import ClockBanner
from desk_app.gui.intake.form_layout import IntakeLayout
from desk_app.gui.intake.outcomes import RefusalDialog, SupplementDialog
from desk_app.gui.ops import Ops, Write
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import intake
from desk_app.services.intake import IntakeRequest, IntakeResult
from desk_app.services.queue import Visit

SAVING = QT_TR_NOOP("Đang lưu hồ sơ… (chờ cơ sở dữ liệu; các ô đã nhập được giữ nguyên)")



def focus_if_shown(widget: QWidget) -> None:
    """Give ``widget`` the keyboard unless it is hidden: a save lands on the worker's time,
    maybe after the clerk locked the desk, and focusing the hidden form would send what is
    typed on the lock screen (the password too) into it. Seen on a real display."""
    if widget.isVisible():
        widget.setFocus()

class IntakeSaving(IntakeLayout):
    """The save flow of the intake form (see the module)."""

    # the queue ticket called at this counter (desk_app.gui.queue sets it): saved with the dossier
    visit_source: Callable[[], Visit | None] | None = None

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(ClockBanner(ops), parent)
        self.ops = ops
        self.uuid = ""
        self.last_result: IntakeResult | None = None
        self.dialog: SupplementDialog | RefusalDialog | None = None
        self.saving: Write[IntakeResult] | None = None
        self._focus_before_save: QWidget | None = None
        self._banner_before_save: tuple[str, bool] = ("", True)

    def reset(self) -> None:
        raise NotImplementedError  # the form's: a fresh form for the next citizen

    # the request ------------------------------------------------------------------------
    def build_request(self) -> tuple[IntakeRequest | None, list[FieldError]]:
        errors: list[FieldError] = []
        choice = self.picker.current
        applicant, errs = self.applicant.person()
        errors += errs
        rep = None
        if self.rep_box.isChecked():
            rep, errs = self.rep.person()
            errors += errs
        if choice is None:
            errors.insert(0, FieldError("procedure", "required"))
            return None, errors
        req = IntakeRequest(
            procedure_version_id=choice.version_id,
            applicant=applicant,
            representative=rep,
            components=self.checklist.received(),
            sets_count=self.sets_count.value(),
            delivery="post" if self.delivery.currentIndex() == 1 else "desk",
            delivery_address=self.delivery_address.text(),
            note=self.note.text(),
            pages=self.pages.value(),
            uuid=self.uuid,
            id_mismatch_acknowledged=self.applicant.acknowledged(),
            resumes=self.resume_bar.dossier_id,
        )
        return req, errors

    def clear_errors(self) -> None:
        self.applicant.clear_errors()
        self.rep.clear_errors()
        self.checklist.clear_errors()
        mark(self.picker.edit, self.procedure_msg, "")
        mark(self.delivery_address, self.delivery_msg, "")
        mark(self.note, self.note_msg, "")

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message at its field; the focus goes to the first wrong field."""
        first: QWidget | None = None
        other: list[str] = []
        for err in errors:
            text = messages.field_message(err)
            group, _, name = err.field.partition(".")
            widget: QWidget | None = None
            if group == "applicant":
                widget = self.applicant.show_error(name, text)
            elif group == "representative":
                widget = self.rep.show_error(name, text)
            elif group == "components" and name.isdigit():
                if err.code == "missing":
                    text += tr(" Nếu công dân chưa mang đủ, dùng «Yêu cầu bổ sung» (Ctrl+B).")
                widget = self.checklist.show_error(int(name), text)
            elif err.field == "procedure":
                mark(self.picker.edit, self.procedure_msg, tr("Chưa chọn thủ tục.")
                     if err.code == "required" else text)
                widget = self.picker.edit
            elif err.field == "delivery_address":
                mark(self.delivery_address, self.delivery_msg, text)
                widget = self.delivery_address
            elif err.field == "note":
                mark(self.note, self.note_msg, text)
                widget = self.note
            if widget is None:
                other.append(text)
            first = first or widget
        if other:
            self.show_banner("<br>".join(other), ok=False)
        else:
            self.show_banner(tr("Hồ sơ còn thông tin chưa đúng: xem các ô được đánh dấu đỏ."), False)
        if first is not None:
            focus_if_shown(first)

    def _prepare(self) -> IntakeRequest | None:
        if self.saving is not None:  # a second Enter while the first save runs
            return None
        self.clear_errors()
        req, errors = self.build_request()
        if errors or req is None:
            self.show_errors(errors)
            return None
        return req

    # in flight --------------------------------------------------------------------------
    def _save(self, service: Callable[..., IntakeResult], req: IntakeRequest,
              *args: object, dialog: SupplementDialog | RefusalDialog | None = None) -> bool:
        """Start the save of ``req`` (``service(session, clock, clerk_id, req, *args)``)."""

        def done(result: IntakeResult) -> None:
            self._thaw()
            if dialog is not None:
                dialog.accept()
            self._saved(result)

        def invalid(errors: list[FieldError]) -> None:
            self._thaw()
            if dialog is not None:
                self._dialog_errors(dialog, errors)
            else:
                self.show_errors(errors)

        def failed(exc: KnownError) -> None:
            self._thaw()
            messages.show_known_error(dialog or self, exc)

        if req.visit is None and self.visit_source is not None:
            req.visit = self.visit_source()  # the queue ticket called at this counter, if any
        handle = self.ops.write("intake", service, req, *args, parent=self, done=done,
                                invalid=invalid, failed=failed, busy=self._busy)
        if handle is None:
            return False
        self.saving = handle
        self._freeze(dialog)
        if not handle.running:  # landed already (cannot happen today: kept for safety)
            self._thaw()
        return True

    def _freeze(self, dialog: SupplementDialog | RefusalDialog | None) -> None:
        focus = QApplication.focusWidget()
        self._focus_before_save = focus if focus is not None and self.isAncestorOf(focus) \
            else None
        for widget in (self.body, self.receive_button, self.supplement_button,
                       self.refuse_button, self.new_button):
            widget.setEnabled(False)
        if self._focus_before_save is not None:
            # the field that had the keyboard is disabled now: keep the keyboard in the form
            # (not in no man's land), so the window's keys (Ctrl+F, F3, Ctrl+L...) still work
            # and a scan still reaches the form's scanner while the save runs
            self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.setFocus()
        if dialog is not None:  # its buttons only: the key being released still lands
            dialog.buttons.setEnabled(False)

    def _thaw(self) -> None:
        self.saving = None
        for widget in (self.body, self.receive_button, self.supplement_button,
                       self.refuse_button, self.new_button):
            widget.setEnabled(True)
        if self.dialog is not None:
            self.dialog.buttons.setEnabled(True)
        if self.banner.text() == tr(SAVING):  # what the banner said before the save
            self.show_banner(*self._banner_before_save)
        target, self._focus_before_save = self._focus_before_save, None
        # back to the field the clerk was in, unless the desk was locked meanwhile (the form
        # is hidden then: focusing it would send what is typed on the lock screen, the
        # password included, into the form; seen on a real display)
        if target is not None and shiboken6.isValid(target):
            focus_if_shown(target)

    def _busy(self, on: bool) -> None:
        """The save takes longer than a blink: say so in the banner (never a modal)."""
        if on and self.saving is not None and self.banner.text() != tr(SAVING):
            self._banner_before_save = (self.banner.text(), self.banner_ok)
            self.show_banner(tr(SAVING), ok=False)

    # the three outcomes -----------------------------------------------------------------
    def receive(self) -> None:
        req = self._prepare()
        if req is not None:
            self._save(intake.receive, req)

    def start_supplement(self) -> None:
        req = self._prepare()
        if req is None:
            return
        with self.ops.read() as session:
            missing = intake.missing_components(session, req)
        self.dialog = SupplementDialog(missing, self)
        self.dialog.submitted.connect(self._submit_supplement)
        self.dialog.open()

    def _submit_supplement(self) -> None:
        dialog = self.dialog
        assert isinstance(dialog, SupplementDialog)
        self._submit_outcome(
            dialog, intake.request_supplement,
            lambda: (dialog.missing(), dialog.reason_text()),
        )

    def _submit_outcome(
        self, dialog: SupplementDialog | RefusalDialog, service: Callable[..., IntakeResult],
        args: Callable[[], tuple[object, ...]],
    ) -> None:
        """Save a form 02/03 outcome; errors stay in the dialog, success closes it."""
        if self.saving is not None:
            return
        req = self._prepare()
        if req is None:
            dialog.reject()
            return
        self._save(service, req, *args(), dialog=dialog)

    def start_refusal(self) -> None:
        req = self._prepare()
        if req is None:
            return
        self.dialog = RefusalDialog(self)
        self.dialog.submitted.connect(self._submit_refusal)
        self.dialog.open()

    def _submit_refusal(self) -> None:
        dialog = self.dialog
        assert isinstance(dialog, RefusalDialog)
        self._submit_outcome(dialog, intake.refuse, lambda: (dialog.reason_text(),))

    def _dialog_errors(self, dialog: SupplementDialog | RefusalDialog,
                       errors: list[FieldError]) -> None:
        mine = [e for e in errors
                if e.field in ("reason", "missing") or e.field.startswith("missing.")]
        for err in mine:
            _, index, part = ([*err.field.split("."), "", ""])[:3]  # missing.<i>.<name|reason>
            if index.isdigit() and isinstance(dialog, SupplementDialog):
                dialog.show_line_error(int(index), part, messages.field_message(err))
            else:
                dialog.show_reason_error(messages.field_message(err))
        rest = [e for e in errors if e not in mine]
        if rest:
            dialog.reject()
            self.show_errors(rest)

    def _saved(self, result: IntakeResult) -> None:
        self.last_result = result
        code = result.code
        if result.status is Status.RECEIVED:
            text = (tr("Đã tiếp nhận hồ sơ <b>{code}</b>. Hẹn trả kết quả: <b>{appointment}</b>. "
                       "Lệ phí: {money}.").format(code=code,
                           appointment=fmt_appointment(result.due_at),
                           money=fmt_money(result.fee_amount)))
        elif result.status is Status.SUPPLEMENT_REQUESTED:
            text = tr("Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) số <b>{code}</b>.").format(code=code)
        else:
            text = tr("Đã lập phiếu từ chối tiếp nhận (mẫu 03) số <b>{code}</b>.").format(code=code)
        if result.duplicate:
            text += tr(" (Hồ sơ này đã được lưu trước đó.)")
        if self.resume_bar.code:
            text += tr(" Hồ sơ tiếp tục hồ sơ <b>{code}</b> (đã liên kết).").format(code=self.resume_bar.code)
        self.reset()
        self.show_banner(tr("{text} <a href='open'>Mở hồ sơ</a>").format(text=text))
        self.clock_banner.refresh()
        hooks.call_all(hooks.after_intake, result.dossier_id)

