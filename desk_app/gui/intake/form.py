"""The intake form: one dossier handed in at the counter, from procedure to outcome.

Keyboard-first: the tab order follows the page (procedure, checklist, applicant, representative,
delivery); Ctrl+Enter receives, Ctrl+B asks for a supplement (form 02), Ctrl+R refuses (form
03). A scanned CCCD fills the applicant (or the representative, if the focus was there).
The form autosaves itself as a draft in the data folder (written off the GUI thread by
:mod:`desk_app.gui.intake.draft_writer`)
a moment after each change and every few seconds; the draft is restored at the next start
and cleared once the dossier is saved.

This module owns the form's reactions (procedure, fee, appointment), the draft, the scanner and
resuming a dossier; the widgets are placed by :mod:`desk_app.gui.intake.form_layout` and the
save flow (off the GUI thread) is :mod:`desk_app.gui.intake.saving`.
"""

from __future__ import annotations

import itertools
import uuid as uuid_mod
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from desk_app.core.calendar import WorkCalendar
from desk_app.core.cccd import CccdData
from desk_app.core.fees import compute_fee, describe_fee
from desk_app.errors import KnownError
from desk_app.gui import messages, warm
from desk_app.gui.fields import mark
from desk_app.gui.formatting import fmt_appointment, fmt_limit, fmt_money
from desk_app.gui.intake.draft_writer import DraftWriter
from desk_app.gui.intake.resume import fill_form, first_to_tick
from desk_app.gui.intake.saving import IntakeSaving, focus_if_shown
from desk_app.gui.ops import Ops
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import drafts
from desk_app.services import resume as resume_service
from desk_app.services.counter import counter_for_intake
from desk_app.services.desk_settings import work_calendar
from desk_app.services.procedure_choices import ProcedureChoice, load_choices

AUTOSAVE_DELAY_MS = 800
AUTOSAVE_EVERY_MS = 5000
SCAN_WHILE_SAVING = QT_TR_NOOP("Đang lưu hồ sơ trước: quét lại thẻ CCCD sau khi lưu xong.")


class IntakeForm(IntakeSaving):
    openDossier = Signal(int)

    def __init__(self, ops: Ops, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(ops, parent)
        warm.warm_up()  # the character check's fonts, before the first name is checked
        self.draft_file = drafts.draft_path(data_dir)
        self.draft_writer = DraftWriter(self.draft_file, failed=self._draft_failed)
        self.uuid = str(uuid_mod.uuid4())
        self.dirty = False
        self._loading = False
        self._choices_day: date | None = None
        self.calendar = WorkCalendar()
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._periodic = QTimer(self, interval=AUTOSAVE_EVERY_MS)
        self._periodic.timeout.connect(self.save_draft)
        self._tick = QTimer(self, interval=30_000)
        self._tick.timeout.connect(self.update_appointment)
        self._tick.timeout.connect(self.clock_banner.refresh)
        self._connect()
        self._shortcuts()
        self.reload_reference()
        self._periodic.start()
        self._tick.start()
        self.clock_banner.refresh()
        self.counter_warning = ""  # the banner saying this desk cannot receive yet, if shown
        if not self.restore_draft():
            self.warn_if_cannot_receive()

    def _connect(self) -> None:
        self.banner.linkActivated.connect(self._banner_link)
        self.picker.chosen.connect(self._on_procedure)
        for changed in (self.checklist.changed, self.applicant.changed, self.rep.changed,
                        self.delivery_address.textChanged, self.note.textChanged):
            changed.connect(self._on_change)
        self.rep_box.toggled.connect(self._on_rep_toggled)
        self.delivery.currentIndexChanged.connect(self._on_delivery)
        self.sets_count.valueChanged.connect(self._on_amounts)
        self.pages.valueChanged.connect(self._on_amounts)
        self.new_button.clicked.connect(self.new_intake)
        self.refuse_button.clicked.connect(self.start_refusal)
        self.supplement_button.clicked.connect(self.start_supplement)
        self.receive_button.clicked.connect(self.receive)

    def _shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Return", self.receive), ("Ctrl+Enter", self.receive),
            ("Ctrl+B", self.start_supplement), ("Ctrl+R", self.start_refusal),
            ("Alt+N", self.checklist.receive_all), ("Alt+3", self.focus_applicant),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, context=ctx)
            shortcut.activated.connect(slot)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.clock_banner.refresh()  # the clerk comes back to receive: is the clock still right?

    # reference data ---------------------------------------------------------------------
    def reload_reference(self) -> None:
        today = self.ops.clock.now().date()
        if self._choices_day == today:
            return
        with self.ops.read() as session:
            self.calendar = work_calendar(session)
            self.picker.set_choices(load_choices(session, today))
        self._choices_day = today

    # reactions --------------------------------------------------------------------------
    def _on_change(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._autosave.start()

    def _on_rep_toggled(self, _on: bool) -> None:
        self._on_change()

    def _on_delivery(self, index: int) -> None:
        self.delivery_address.setEnabled(index == 1)
        self._on_change()

    def _on_procedure(self, choice: ProcedureChoice | None) -> None:
        mark(self.picker.edit, self.procedure_msg, "")
        self.checklist.set_components(choice.components if choice else ())
        # rows made now would come last in the tab order: put them after the picker
        chain = [self.picker.edit, *self.checklist.focus_chain(),
                 self.applicant.widgets["full_name"]]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        per_page = bool(choice and choice.fee_rule.get("kind") == "per_page")
        self.pages.setVisible(per_page)
        self.pages_label.setVisible(per_page)
        if choice is None:
            for label in (self.field_label, self.limit_label, self.fee_label, self.due_label):
                label.setText("—")
        else:
            self.field_label.setText(choice.field)
            self.limit_label.setText(fmt_limit(choice.limit))
            self.limit_label.setToolTip(tr("Căn cứ: {source}").format(source=choice.limit_source)
                                        if choice.limit_source else "")
        self._on_amounts()
        self.update_appointment()

    def _on_amounts(self, *_args: object) -> None:
        choice = self.picker.current
        if choice is not None:
            amount = compute_fee(choice.fee_rule, self.pages.value(), self.sets_count.value())
            self.fee_label.setText(f"{describe_fee(choice.fee_rule)} — thu: {fmt_money(amount)}")
        self._on_change()

    def update_appointment(self) -> None:
        choice = self.picker.current
        if choice is None:
            self.due_label.setText("—")
            return
        due = self.calendar.due_at(self.ops.clock.now(), choice.limit)
        self.due_label.setText(fmt_appointment(due))

    def _banner_link(self, link: str) -> None:
        if link == "open" and self.last_result is not None:
            self.openDossier.emit(self.last_result.dossier_id)
        elif link == "discard":
            self.discard_restored()

    # new / reset ------------------------------------------------------------------------
    def is_empty(self) -> bool:
        """Nothing typed or chosen: decided from the content, never from timing."""
        return (self.picker.current is None and not self.picker.edit.text().strip()
                and self.applicant.is_empty() and self.rep.is_empty()
                and not self.rep_box.isChecked() and not self.note.text().strip()
                and self.delivery.currentIndex() == 0 and not self.delivery_address.text()
                and self.sets_count.value() == 1 and self.pages.value() == 1)

    def new_intake(self) -> None:
        """Ctrl+N: a form with anything in it is wiped only when the clerk says so."""
        if self.saving is not None:  # its dossier is being saved: the form resets after
            return
        if not self.is_empty() and not messages.confirm(
            self, tr("Bỏ hồ sơ đang nhập dở để bắt đầu hồ sơ mới? Những gì đã nhập sẽ mất.")
        ):
            return
        self.reset()
        self.show_banner("")

    def reset(self) -> None:
        self._loading = True
        try:
            self.reload_reference()
            self.clear_errors()
            self.picker.select(None)
            self.applicant.load({})
            self.address_offer.forget()
            self.applicant.check_number()  # no number: no warning left from the last one
            self.rep.load({})
            self.rep_box.setChecked(False)
            self.delivery.setCurrentIndex(0)
            self.delivery_address.clear()
            self.sets_count.setValue(1)
            self.pages.setValue(1)
            self.note.clear()
            self.resume_bar.clear()
            self.uuid = str(uuid_mod.uuid4())
        finally:
            self._loading = False
        self.dirty = False
        self._autosave.stop()
        self.draft_writer.clear()
        focus_if_shown(self.picker.edit)

    # scanner ----------------------------------------------------------------------------
    def apply_cccd(self, card: CccdData, receiver: QWidget | None) -> None:
        if self.saving is not None:  # the fields being saved never change under the save
            self.show_banner(tr(SCAN_WHILE_SAVING), ok=False)
            return
        to_rep = receiver is not None and self.rep_box.isAncestorOf(receiver)
        target = self.rep if to_rep else self.applicant
        if to_rep:
            self.rep_box.setChecked(True)
        self.clear_errors()
        before = (target.line("full_name").text().strip(), target.line("id_number").text())
        target.fill_from_card(card)
        if not to_rep:
            self.address_offer.ask(card.address)  # today's units, when the card has old ones
        who = tr("người nộp thay") if to_rep else tr("người nộp hồ sơ")
        text = tr("Đã đọc thẻ CCCD của {who}: <b>{full_name}</b>, số {number}.").format(who=who,
                      full_name=card.full_name, number=card.number)
        if before[0] and (before[0], before[1]) != (card.full_name, card.number):
            # a different person was typed: say what was replaced, so nothing is lost
            text += tr(" Thông tin đã thay: {before}").format(before=before[0]) + (tr(", số {before}").format(before=before[1]) if before[1] else "")
            text += "."
        problems = target.check_number(card)
        if problems:
            text += " " + target.mismatch_text
        self.show_banner(text, ok=not problems)
        nxt = target.widgets["phone"]
        if isinstance(nxt, QLineEdit) and not nxt.text():
            nxt.setFocus()

    def cccd_unreadable(self, code: str) -> None:
        self.show_banner(
            messages.table_words(messages.CCCD_MESSAGES, code, tr(messages.CCCD_MESSAGES["not_payload"]))
            + tr(" Các ô đã nhập được giữ nguyên; hãy quét lại hoặc nhập tay."),
            ok=False,
        )
    # drafts -----------------------------------------------------------------------------
    def to_draft(self) -> dict[str, Any]:
        choice = self.picker.current
        return {
            "saved_at": self.ops.clock.now().isoformat(timespec="seconds"),
            "clerk": self.ops.clerk.full_name,
            "uuid": self.uuid,
            "procedure_version_id": choice.version_id if choice else None,
            "procedure_title": choice.title if choice else "",
            "components": self.checklist.counts(),
            "applicant": self.applicant.to_dict(),
            "id_mismatch_ack": self.applicant.ack.isChecked(),
            "representative_on": self.rep_box.isChecked(),
            "representative": self.rep.to_dict(),
            "delivery": self.delivery.currentIndex(),
            "delivery_address": self.delivery_address.text(),
            "sets_count": self.sets_count.value(),
            "pages": self.pages.value(),
            "note": self.note.text(),
            "resumes": self.resume_bar.to_draft(),
        }

    def load_draft(self, data: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.picker.select(data.get("procedure_version_id"))
            self.checklist.load(list(data.get("components") or []))
            self.applicant.load(dict(data.get("applicant") or {}))
            self.applicant.check_number()
            self.applicant.ack.setChecked(bool(data.get("id_mismatch_ack")))
            self.rep_box.setChecked(bool(data.get("representative_on")))
            self.rep.load(dict(data.get("representative") or {}))
            self.delivery.setCurrentIndex(int(data.get("delivery") or 0))
            self.delivery_address.setText(str(data.get("delivery_address") or ""))
            self.sets_count.setValue(int(data.get("sets_count") or 1))
            self.pages.setValue(int(data.get("pages") or 1))
            self.note.setText(str(data.get("note") or ""))
            self.resume_bar.load(data.get("resumes"))
            self.uuid = str(data.get("uuid") or self.uuid)
        finally:
            self._loading = False
        self.dirty = True

    def save_draft(self) -> None:
        if not self.dirty:
            return
        if self.is_empty():
            self.draft_writer.clear()
        else:  # written off the GUI thread (the disk may be slow); a failure sets dirty again
            self.draft_writer.save(self.to_draft())
        self.dirty = False

    def flush_draft(self) -> None:
        """Save the draft and wait until it is on disk (the window is closing)."""
        self.save_draft()
        self.draft_writer.wait()

    def _draft_failed(self) -> None:
        self.dirty = True  # tried again at the next autosave

    def warn_if_cannot_receive(self) -> None:
        """Say before anything is typed that this desk cannot receive yet: it has no counter
        number, or the province said another desk of the commune has it."""
        try:
            with self.ops.read() as session:
                counter_for_intake(session)
        except KnownError as exc:
            self.counter_warning = messages.known_message(exc)
            self.show_banner(self.counter_warning, ok=False)

    def counter_changed(self, _counter: int) -> None:
        """The admin set the desk's number: the warning goes (or says what is still wrong)."""
        if self.counter_warning and self.banner.text() == self.counter_warning:
            self.show_banner("")
        self.counter_warning = ""
        self.warn_if_cannot_receive()

    def restore_draft(self) -> bool:
        data = drafts.load_draft(self.draft_file)
        if not data:
            return False
        self.load_draft(data)
        lost = data.get("procedure_version_id") and self.picker.current is None
        when = str(data.get("saved_at", "")).replace("T", " ")
        text = (tr("Đã khôi phục hồ sơ đang nhập dở (lưu tự động lúc {when}, cán bộ {get}). Kiểm "
                   "tra lại rồi lưu, hoặc <a href='discard'>bỏ bản nháp này</a>.").format(when=when,
                       get=data.get('clerk', '')))
        if lost:
            text += (tr(" Thủ tục «{get}» không còn hiệu lực: hãy chọn lại thủ tục.").format(get=data.get('procedure_title', '')))
        self.show_banner(text, ok=not lost)
        return True

    def discard_restored(self) -> None:
        self.reset()
        self.show_banner(tr("Đã bỏ bản nháp."))

    # resuming a dossier left waiting for a supplement -----------------------------------
    def resume(self, dossier_id: int) -> bool:
        """Fill the form from a dossier left waiting for a supplement (form 02); receiving it
        then links the new dossier to that one. False if it cannot be resumed (said why)."""
        try:
            with self.ops.read() as session:
                data = resume_service.load_resume(session, dossier_id,
                                                  self.ops.clock.now().date())
        except KnownError as exc:
            messages.show_known_error(self, exc)
            return False
        if not self.is_empty() and not messages.confirm(
            self, tr("Bỏ hồ sơ đang nhập dở để tiếp tục hồ sơ {code}?").format(code=data.code)
        ):
            return False
        self.reset()
        if self.saving is not None:
            return False
        self.show_banner("")
        fill_form(self, data)
        return True

    def focus_resumed(self) -> None:
        first_to_tick(self).setFocus()

    def focus_applicant(self) -> None:
        """Alt+3: to the applicant's block (its first field, the name)."""
        self.applicant.widgets["full_name"].setFocus(Qt.FocusReason.ShortcutFocusReason)
