"""The intake form: one dossier handed in at the counter, from procedure to outcome.

Keyboard-first: the tab order follows the page (procedure, checklist, applicant, representative,
delivery); Ctrl+Enter receives, Ctrl+B asks for a supplement (form 02), Ctrl+R refuses (form
03). A scanned CCCD fills the applicant (or the representative, if the focus was there).
The form autosaves itself as a draft in the data folder (see :mod:`desk_app.services.drafts`)
a moment after each change and every few seconds; the draft is restored at the next start
and cleared once the dossier is saved.
"""

from __future__ import annotations

import itertools
import logging
import uuid as uuid_mod
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desk_app.core.calendar import WorkCalendar
from desk_app.core.cccd import CccdData
from desk_app.core.fees import compute_fee, describe_fee
from desk_app.core.lifecycle import Status
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.gui import hooks, messages
from desk_app.gui.fields import FieldMessage, mark
from desk_app.gui.formatting import fmt_appointment, fmt_limit, fmt_money
from desk_app.gui.intake.checklist import ComponentChecklist
from desk_app.gui.intake.clock_banner import ClockBanner
from desk_app.gui.intake.outcomes import RefusalDialog, SupplementDialog
from desk_app.gui.intake.person import APPLICANT_FIELDS, REPRESENTATIVE_FIELDS, PersonFields
from desk_app.gui.intake.picker import ProcedureChoice, ProcedurePicker, load_choices
from desk_app.gui.intake.resume import ResumeBar, fill_form, first_to_tick
from desk_app.gui.ops import Ops
from desk_app.services import drafts, intake
from desk_app.services import resume as resume_service
from desk_app.services.counter import counter_for_intake
from desk_app.services.intake import IntakeRequest, IntakeResult
from desk_app.store.calendar import load_calendar
from desk_app.store.models import Commune

log = logging.getLogger(__name__)
AUTOSAVE_DELAY_MS = 800
AUTOSAVE_EVERY_MS = 5000
BANNER_OK = "background: #e7f4ea; border: 1px solid #8cc59a; padding: 6px;"
BANNER_WARN = "background: #fff4e0; border: 1px solid #e0a84a; padding: 6px;"


class OptionalSection(QWidget):
    """A check box that shows its fields only when ticked (the representative)."""

    toggled = Signal(bool)

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.check = QCheckBox(title)
        self.frame = QGroupBox()
        inner = QVBoxLayout(self.frame)
        inner.addWidget(content)
        self.frame.setVisible(False)
        layout.addWidget(self.check)
        layout.addWidget(self.frame)
        self.check.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        self.frame.setVisible(on)
        self.toggled.emit(on)

    def isChecked(self) -> bool:
        return self.check.isChecked()

    def setChecked(self, on: bool) -> None:
        self.check.setChecked(on)


class IntakeForm(QWidget):
    openDossier = Signal(int)

    def __init__(self, ops: Ops, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self.ops = ops
        self.draft_file = drafts.draft_path(data_dir)
        self.uuid = str(uuid_mod.uuid4())
        self.dirty = False
        self._loading = False
        self._choices_day: date | None = None
        self.calendar = WorkCalendar()
        self.last_result: IntakeResult | None = None
        self.dialog: SupplementDialog | RefusalDialog | None = None
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_draft)
        self._periodic = QTimer(self, interval=AUTOSAVE_EVERY_MS)
        self._periodic.timeout.connect(self.save_draft)
        self.clock_banner = ClockBanner(ops)  # placed by _build
        self._tick = QTimer(self, interval=30_000)
        self._tick.timeout.connect(self.update_appointment)
        self._tick.timeout.connect(self.clock_banner.refresh)
        self._loading = True
        self._build()
        self._loading = False
        self._shortcuts()
        self.reload_reference()
        self._periodic.start()
        self._tick.start()
        self.clock_banner.refresh()
        self.counter_warning = ""  # the banner saying this desk cannot receive yet, if shown
        if not self.restore_draft():
            self.warn_if_cannot_receive()

    # layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addWidget(self.clock_banner)
        self.banner = QLabel()
        self.banner.setObjectName("intakeBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.banner.linkActivated.connect(self._banner_link)
        outer.addWidget(self.banner)
        self.resume_bar = ResumeBar()
        outer.addWidget(self.resume_bar)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        columns = QHBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        left = QVBoxLayout()
        proc_box = QGroupBox("1. Thủ tục hành chính")
        proc_layout = QVBoxLayout(proc_box)
        self.picker = ProcedurePicker()
        self.picker.chosen.connect(self._on_procedure)
        self.procedure_msg = FieldMessage()
        proc_layout.addWidget(self.picker)
        proc_layout.addWidget(self.procedure_msg)
        info = QFormLayout()
        self.field_label = QLabel("—")
        self.limit_label = QLabel("—")
        self.fee_label = QLabel("—")
        self.fee_label.setWordWrap(True)
        self.due_label = QLabel("—")
        self.due_label.setObjectName("appointment")
        self.due_label.setStyleSheet("font-weight: bold; color: #0b4f8a;")
        info.addRow("Lĩnh vực:", self.field_label)
        info.addRow("Thời hạn giải quyết:", self.limit_label)
        info.addRow("Phí, lệ phí:", self.fee_label)
        info.addRow("Hẹn trả kết quả:", self.due_label)
        proc_layout.addLayout(info)
        left.addWidget(proc_box)
        comp_box = QGroupBox("2. Thành phần hồ sơ nhận")
        comp_layout = QVBoxLayout(comp_box)
        self.checklist = ComponentChecklist()
        self.checklist.changed.connect(self._on_change)
        comp_layout.addWidget(self.checklist)
        left.addWidget(comp_box)
        left.addStretch(1)

        right = QVBoxLayout()
        app_box = QGroupBox("3. Người nộp hồ sơ (Alt+3)")
        app_layout = QVBoxLayout(app_box)
        hint = QLabel("Quét mã QR trên thẻ CCCD để điền tự động (con trỏ ở ô nào cũng được).")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        app_layout.addWidget(hint)
        self.applicant = PersonFields("applicant", APPLICANT_FIELDS)
        self.applicant.changed.connect(self._on_change)
        app_layout.addWidget(self.applicant)
        right.addWidget(app_box)
        self.rep = PersonFields("representative", REPRESENTATIVE_FIELDS)
        self.rep.changed.connect(self._on_change)
        self.rep_box = OptionalSection("Có người nộp thay (nộp hộ, được ủy quyền)", self.rep)
        self.rep_box.check.setObjectName("representativeBox")
        self.rep_box.toggled.connect(self._on_rep_toggled)
        right.addWidget(self.rep_box)
        del_box = QGroupBox("4. Nhận kết quả")
        del_form = QFormLayout(del_box)
        self.delivery = QComboBox()
        self.delivery.setObjectName("delivery")
        self.delivery.addItems(["Tại Bộ phận một cửa", "Qua dịch vụ bưu chính (gửi về địa chỉ)"])
        self.delivery.currentIndexChanged.connect(self._on_delivery)
        self.delivery_address = QLineEdit()
        self.delivery_address.setObjectName("delivery_address")
        self.delivery_address.setPlaceholderText("để trống: gửi về nơi thường trú")
        self.delivery_address.textChanged.connect(self._on_change)
        self.delivery_msg = FieldMessage()
        self.sets_count = QSpinBox()
        self.sets_count.setObjectName("sets_count")
        self.sets_count.setRange(1, 99)
        self.sets_count.setSuffix(" bộ")
        self.sets_count.valueChanged.connect(self._on_amounts)
        self.pages = QSpinBox()
        self.pages.setObjectName("pages")
        self.pages.setRange(1, 9999)
        self.pages.setSuffix(" trang")
        self.pages.valueChanged.connect(self._on_amounts)
        self.pages_label = QLabel("Số trang (chứng thực):")
        self.pages.setVisible(False)  # only for per-page fees (certified copies)
        self.pages_label.setVisible(False)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.textChanged.connect(self._on_change)
        del_form.addRow("Hình thức nhận:", self.delivery)
        addr = QVBoxLayout()
        addr.addWidget(self.delivery_address)
        addr.addWidget(self.delivery_msg)
        del_form.addRow("Địa chỉ nhận:", addr)
        del_form.addRow("Số lượng hồ sơ:", self.sets_count)
        del_form.addRow(self.pages_label, self.pages)
        self.note_msg = FieldMessage()
        note_box = QVBoxLayout()
        note_box.addWidget(self.note)
        note_box.addWidget(self.note_msg)
        del_form.addRow("Ghi chú:", note_box)
        self._on_delivery(0)
        right.addWidget(del_box)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        bar = QHBoxLayout()
        self.new_button = QPushButton("Hồ sơ mới (Ctrl+N)")
        self.new_button.clicked.connect(self.new_intake)
        self.refuse_button = QPushButton("Từ chối tiếp nhận (Ctrl+R)")
        self.refuse_button.setObjectName("refuseButton")
        self.refuse_button.clicked.connect(self.start_refusal)
        self.supplement_button = QPushButton("Yêu cầu bổ sung (Ctrl+B)")
        self.supplement_button.setObjectName("supplementButton")
        self.supplement_button.clicked.connect(self.start_supplement)
        self.receive_button = QPushButton("Tiếp nhận hồ sơ (Ctrl+Enter)")
        self.receive_button.setObjectName("receiveButton")
        self.receive_button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.receive_button.clicked.connect(self.receive)
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        bar.addWidget(self.refuse_button)
        bar.addWidget(self.supplement_button)
        bar.addWidget(self.receive_button)
        outer.addLayout(bar)

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
            commune = session.scalars(select(Commune).limit(1)).one()
            self.calendar = load_calendar(session, commune)
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

    def show_banner(self, html: str, ok: bool = True) -> None:
        self.banner.setStyleSheet(BANNER_OK if ok else BANNER_WARN)
        self.banner.setText(html)
        self.banner.setVisible(bool(html))

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
                    text += " Nếu công dân chưa mang đủ, dùng «Yêu cầu bổ sung» (Ctrl+B)."
                widget = self.checklist.show_error(int(name), text)
            elif err.field == "procedure":
                mark(self.picker.edit, self.procedure_msg, "Chưa chọn thủ tục."
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
            self.show_banner("Hồ sơ còn thông tin chưa đúng: xem các ô được đánh dấu đỏ.", False)
        if first is not None:
            first.setFocus()

    def _prepare(self) -> IntakeRequest | None:
        self.clear_errors()
        req, errors = self.build_request()
        if errors or req is None:
            self.show_errors(errors)
            return None
        return req

    # the three outcomes -----------------------------------------------------------------
    def receive(self) -> None:
        req = self._prepare()
        if req is None:
            return
        try:
            result = self.ops.write("intake", intake.receive, req, parent=self)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        if result is not None:
            self._saved(result)

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
        self, dialog: SupplementDialog | RefusalDialog, service: Callable[..., object],
        args: Callable[[], tuple[object, ...]],
    ) -> None:
        """Save a form 02/03 outcome; errors stay in the dialog, success closes it."""
        req = self._prepare()
        if req is None:
            dialog.reject()
            return
        try:
            result = self.ops.write("intake", service, req, *args(), parent=dialog)
        except ValidationError as exc:
            self._dialog_errors(dialog, exc.errors)
            return
        if result is not None:
            dialog.accept()
            self._saved(result)

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
            text = (f"Đã tiếp nhận hồ sơ <b>{code}</b>. Hẹn trả kết quả: "
                    f"<b>{fmt_appointment(result.due_at)}</b>. Lệ phí: "
                    f"{fmt_money(result.fee_amount)}.")
        elif result.status is Status.SUPPLEMENT_REQUESTED:
            text = f"Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) số <b>{code}</b>."
        else:
            text = f"Đã lập phiếu từ chối tiếp nhận (mẫu 03) số <b>{code}</b>."
        if result.duplicate:
            text += " (Hồ sơ này đã được lưu trước đó.)"
        if self.resume_bar.code:
            text += f" Hồ sơ tiếp tục hồ sơ <b>{self.resume_bar.code}</b> (đã liên kết)."
        self.reset()
        self.show_banner(f"{text} <a href='open'>Mở hồ sơ</a>")
        self.clock_banner.refresh()
        hooks.call_all(hooks.after_intake, result.dossier_id)

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
        if not self.is_empty() and not messages.confirm(
            self, "Bỏ hồ sơ đang nhập dở để bắt đầu hồ sơ mới? Những gì đã nhập sẽ mất."
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
        drafts.clear_draft(self.draft_file)
        self.picker.edit.setFocus()

    # scanner ----------------------------------------------------------------------------
    def apply_cccd(self, card: CccdData, receiver: QWidget | None) -> None:
        to_rep = receiver is not None and self.rep_box.isAncestorOf(receiver)
        target = self.rep if to_rep else self.applicant
        if to_rep:
            self.rep_box.setChecked(True)
        self.clear_errors()
        before = (target.line("full_name").text().strip(), target.line("id_number").text())
        target.fill_from_card(card)
        who = "người nộp thay" if to_rep else "người nộp hồ sơ"
        text = f"Đã đọc thẻ CCCD của {who}: <b>{card.full_name}</b>, số {card.number}."
        if before[0] and (before[0], before[1]) != (card.full_name, card.number):
            # a different person was typed: say what was replaced, so nothing is lost
            text += f" Thông tin đã thay: {before[0]}" + (f", số {before[1]}" if before[1] else "")
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
            messages.CCCD_MESSAGES.get(code, messages.CCCD_MESSAGES["not_payload"])
            + " Các ô đã nhập được giữ nguyên; hãy quét lại hoặc nhập tay.",
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
            drafts.clear_draft(self.draft_file)
        else:
            try:
                drafts.save_draft(self.draft_file, self.to_draft())
            except OSError:
                log.exception("could not save the intake draft")
                return
        self.dirty = False

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
        text = (f"Đã khôi phục hồ sơ đang nhập dở (lưu tự động lúc {when}, "
                f"cán bộ {data.get('clerk', '')}). Kiểm tra lại rồi lưu, hoặc "
                "<a href='discard'>bỏ bản nháp này</a>.")
        if lost:
            text += (f" Thủ tục «{data.get('procedure_title', '')}» không còn hiệu lực: "
                     "hãy chọn lại thủ tục.")
        self.show_banner(text, ok=not lost)
        return True

    def discard_restored(self) -> None:
        self.reset()
        self.show_banner("Đã bỏ bản nháp.")

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
            self, f"Bỏ hồ sơ đang nhập dở để tiếp tục hồ sơ {data.code}?"
        ):
            return False
        self.reset()
        self.show_banner("")
        fill_form(self, data)
        return True

    def focus_resumed(self) -> None:
        first_to_tick(self).setFocus()

    def focus_applicant(self) -> None:
        """Alt+3: to the applicant's block (its first field, the name)."""
        self.applicant.widgets["full_name"].setFocus(Qt.FocusReason.ShortcutFocusReason)
