"""The intake form's widgets and where they sit: procedure, components, applicant,
representative, delivery, the banner and the button bar.

:class:`IntakeLayout` only builds and places the widgets (and shows the banner); what they do
lives in :mod:`desk_app.gui.intake.saving` (the save flow) and
:mod:`desk_app.gui.intake.form` (reactions, drafts, scanner, resuming), which connect them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from desk_app.gui.fields import FieldMessage
from desk_app.gui.intake.address_offer import AddressOffer
from desk_app.gui.intake.checklist import ComponentChecklist
from desk_app.gui.intake.clock_banner import ClockBanner
from desk_app.gui.intake.person import APPLICANT_FIELDS, REPRESENTATIVE_FIELDS, PersonFields
from desk_app.gui.intake.picker import ProcedurePicker
from desk_app.gui.intake.resume import ResumeBar
from desk_app.gui.tr import tr

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


class IntakeLayout(QWidget):
    """The widgets of the intake form, placed; no behaviour (see the module)."""

    def __init__(self, clock_banner: ClockBanner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeForm")
        self.clock_banner = clock_banner
        self.banner_ok = True
        outer = QVBoxLayout(self)
        outer.addWidget(self.clock_banner)
        self.banner = QLabel()
        self.banner.setObjectName("intakeBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        outer.addWidget(self.banner)
        self.resume_bar = ResumeBar()
        outer.addWidget(self.resume_bar)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body = QWidget()
        self.body = body  # the fields: frozen while their dossier is being saved
        columns = QHBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        left = QVBoxLayout()
        proc_box = QGroupBox(tr("1. Thủ tục hành chính"))
        proc_layout = QVBoxLayout(proc_box)
        self.picker = ProcedurePicker()
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
        info.addRow(tr("Lĩnh vực:"), self.field_label)
        info.addRow(tr("Thời hạn giải quyết:"), self.limit_label)
        info.addRow(tr("Phí, lệ phí:"), self.fee_label)
        info.addRow(tr("Hẹn trả kết quả:"), self.due_label)
        proc_layout.addLayout(info)
        left.addWidget(proc_box)
        comp_box = QGroupBox(tr("2. Thành phần hồ sơ nhận"))
        comp_layout = QVBoxLayout(comp_box)
        self.checklist = ComponentChecklist()
        comp_layout.addWidget(self.checklist)
        left.addWidget(comp_box)
        left.addStretch(1)

        right = QVBoxLayout()
        app_box = QGroupBox(tr("3. Người nộp hồ sơ (Alt+3)"))
        app_layout = QVBoxLayout(app_box)
        hint = QLabel(tr("Quét mã QR trên thẻ CCCD để điền tự động (con trỏ ở ô nào cũng được)."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        app_layout.addWidget(hint)
        self.applicant = PersonFields("applicant", APPLICANT_FIELDS)
        app_layout.addWidget(self.applicant)
        self.address_offer = AddressOffer(self.applicant.line("address"))
        app_layout.addWidget(self.address_offer)
        right.addWidget(app_box)
        self.rep = PersonFields("representative", REPRESENTATIVE_FIELDS)
        self.rep_box = OptionalSection(tr("Có người nộp thay (nộp hộ, được ủy quyền)"), self.rep)
        self.rep_box.check.setObjectName("representativeBox")
        right.addWidget(self.rep_box)
        del_box = QGroupBox(tr("4. Nhận kết quả"))
        del_form = QFormLayout(del_box)
        self.delivery = QComboBox()
        self.delivery.setObjectName("delivery")
        self.delivery.addItems([tr("Tại Bộ phận một cửa"), tr("Qua dịch vụ bưu chính (gửi về địa chỉ)")])
        self.delivery_address = QLineEdit()
        self.delivery_address.setObjectName("delivery_address")
        self.delivery_address.setPlaceholderText(tr("để trống: gửi về nơi thường trú"))
        self.delivery_msg = FieldMessage()
        self.sets_count = QSpinBox()
        self.sets_count.setObjectName("sets_count")
        self.sets_count.setRange(1, 99)
        self.sets_count.setSuffix(tr(" bộ"))
        self.pages = QSpinBox()
        self.pages.setObjectName("pages")
        self.pages.setRange(1, 9999)
        self.pages.setSuffix(" trang")
        self.pages_label = QLabel(tr("Số trang (chứng thực):"))
        self.pages.setVisible(False)  # only for per-page fees (certified copies)
        self.pages_label.setVisible(False)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        del_form.addRow(tr("Hình thức nhận:"), self.delivery)
        addr = QVBoxLayout()
        addr.addWidget(self.delivery_address)
        addr.addWidget(self.delivery_msg)
        del_form.addRow(tr("Địa chỉ nhận:"), addr)
        del_form.addRow(tr("Số lượng hồ sơ:"), self.sets_count)
        del_form.addRow(self.pages_label, self.pages)
        self.note_msg = FieldMessage()
        note_box = QVBoxLayout()
        note_box.addWidget(self.note)
        note_box.addWidget(self.note_msg)
        del_form.addRow(tr("Ghi chú:"), note_box)
        right.addWidget(del_box)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        self.delivery_address.setEnabled(False)  # only for delivery by post

        bar = QHBoxLayout()
        self.new_button = QPushButton(tr("Hồ sơ mới (Ctrl+N)"))
        self.refuse_button = QPushButton(tr("Từ chối tiếp nhận (Ctrl+R)"))
        self.refuse_button.setObjectName("refuseButton")
        self.supplement_button = QPushButton(tr("Yêu cầu bổ sung (Ctrl+B)"))
        self.supplement_button.setObjectName("supplementButton")
        self.receive_button = QPushButton(tr("Tiếp nhận hồ sơ (Ctrl+Enter)"))
        self.receive_button.setObjectName("receiveButton")
        self.receive_button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        bar.addWidget(self.refuse_button)
        bar.addWidget(self.supplement_button)
        bar.addWidget(self.receive_button)
        outer.addLayout(bar)

    def show_banner(self, html: str, ok: bool = True) -> None:
        self.banner_ok = ok
        self.banner.setStyleSheet(BANNER_OK if ok else BANNER_WARN)
        self.banner.setText(html)
        self.banner.setVisible(bool(html))
