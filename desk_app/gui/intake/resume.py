"""Taking up a dossier left waiting for a supplement (form 02) in the intake form.

:func:`fill_form` puts the first dossier's data into the form (procedure version if still in
force, else the picker lists the procedure's current versions to choose from; applicant,
representative, what was handed in the first time, delivery, note). :class:`ResumeBar` is the
banner that says which dossier the form is resuming, for as long as it does; its
:attr:`ResumeBar.dossier_id` goes into the request (``IntakeRequest.resumes``), and into the
draft so a restart keeps it.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desk_app.gui.fields import mark
from desk_app.gui.formatting import fmt_date, fmt_datetime
from desk_app.gui.tr import tr
from desk_app.services.intake import Person
from desk_app.services.resume import ResumeData

if TYPE_CHECKING:
    from desk_app.gui.intake.form import IntakeForm

STYLE = "background: #e8f0fb; border: 1px solid #7aa3d6; padding: 6px;"


class ResumeBar(QLabel):
    """"Tiếp tục hồ sơ X ...": visible while the form resumes a dossier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resumeBanner")
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(lambda _l: self.clear())
        self.dossier_id: int | None = None
        self.code = ""
        self.setVisible(False)

    def start(self, dossier_id: int, code: str, detail: str) -> None:
        self.dossier_id, self.code = dossier_id, code
        self.setText(
            tr("<b>Tiếp tục hồ sơ {code}</b> (công dân đã bổ sung). {detail} Đánh dấu những gì "
               "công dân mang đến rồi tiếp nhận (Ctrl+Enter): hồ sơ mới được liên kết với hồ sơ "
               "{code}. <a href='stop'>Không tiếp tục hồ sơ này</a>").format(code=code,
                   detail=detail)
        )
        self.setVisible(True)

    def clear(self) -> None:
        self.dossier_id, self.code = None, ""
        self.setText("")
        self.setVisible(False)

    def to_draft(self) -> dict[str, Any] | None:
        if self.dossier_id is None:
            return None
        return {"dossier_id": self.dossier_id, "code": self.code, "text": self.text()}

    def load(self, data: object) -> None:
        if not isinstance(data, dict) or not isinstance(data.get("dossier_id"), int):
            self.clear()
            return
        self.dossier_id, self.code = data["dossier_id"], str(data.get("code", ""))
        self.setText(str(data.get("text", "")) or tr("<b>Tiếp tục hồ sơ {code}</b>").format(code=self.code))
        self.setVisible(True)


def _person(p: Person) -> dict[str, Any]:
    out = asdict(p)
    out["birth_date"] = fmt_date(p.birth_date)
    return out


def fill_form(form: IntakeForm, data: ResumeData) -> None:
    """Put the first dossier's data into an empty form and mark it as resuming that dossier."""
    form._loading = True
    try:
        choice = form.picker.select(data.version_id)
        if choice is not None:
            form.checklist.load([asdict(c) for c in data.components])
        form.applicant.load(_person(data.applicant))
        form.rep_box.setChecked(data.representative is not None)
        form.rep.load(_person(data.representative) if data.representative else {})
        form.delivery.setCurrentIndex(1 if data.delivery == "post" else 0)
        form.delivery_address.setText(data.delivery_address)
        form.sets_count.setValue(data.sets_count)
        form.note.setText(data.note)
    finally:
        form._loading = False
    detail = tr("Yêu cầu bổ sung lúc {datetime}.").format(datetime=fmt_datetime(data.received_at))
    if data.missing:
        detail += tr(" Còn thiếu: ") + "; ".join(data.missing) + "."
    if choice is None:
        detail += (tr("Thủ tục «{procedure_title}» của hồ sơ cũ không còn hiệu lực: hãy chọn thủ "
                      "tục đang áp dụng.").format(procedure_title=data.procedure_title))
        mark(form.picker.edit, form.procedure_msg,
             tr("Phiên bản thủ tục của hồ sơ cũ không còn hiệu lực: chọn thủ tục đang áp dụng."))
        form.picker.search(data.procedure_title.split(" · ")[0])
    form.resume_bar.start(data.dossier_id, data.code, detail)
    form.dirty = True
    form.save_draft()  # a crash now still brings the citizen's data and the link back


def first_to_tick(form: IntakeForm) -> QWidget:
    """Where the clerk starts: the first required component not yet complete, or the
    procedure picker when the procedure must be chosen again."""
    if form.picker.current is None:
        return form.picker.edit
    for row in form.checklist.rows:
        if row.spec.required and not row.complete():
            return row.check
    return form.receive_button
