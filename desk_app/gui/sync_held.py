"""The changes the province refused, one per line: which dossier, what, who, when, why.

Opened from the status bar ("N bị từ chối…"). A refused change stays on this PC, is not sent
again and does not hold back the others (:mod:`desk_app.sync.state`); what a clerk or the admin
can do is tell the province, so the dialog says that, and "Chép danh sách" puts a plain-text
list on the clipboard (with the province's reason codes and the changes' identifiers, which is
what the province needs to find them) for a message or a ticket.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.text import is_forbidden
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.messages import status_label
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.store.engine import Store
from desk_app.sync.held import HeldEvent, held_events

log = logging.getLogger(__name__)

# The province's reasons for refusing one event (province_hub/ingest.py and the desk's own);
# the other codes of province_hub/rules.py are worded in sync_indicator.ERROR_WORDS.
MALFORMED = QT_TR_NOOP("Dữ liệu gửi lên sai dạng theo máy chủ tỉnh (lỗi của chương trình)")
REASON_WORDS: dict[str, str] = {
    "foreign_commune": QT_TR_NOOP("Dữ liệu mang mã của xã khác, hoặc hồ sơ đã thuộc xã khác: máy này "
                       "không được gửi"),
    "same_uuid_other_content": QT_TR_NOOP("Tỉnh đã có một bản khác của chính thay đổi này (máy được khôi "
                               "phục từ bản sao lưu cũ?)"),
    "too_large": QT_TR_NOOP("Thay đổi quá lớn so với giới hạn của máy chủ tỉnh"),
    "control_chars": QT_TR_NOOP("Nội dung có ký tự ẩn hoặc ký tự điều khiển không hợp lệ (nhập từ phiên "
                     "bản cũ của phần mềm)"),
    "not_an_object": MALFORMED, "bad_uuid": MALFORMED, "bad_seq": MALFORMED,
    "bad_entity": MALFORMED, "bad_entity_uuid": MALFORMED, "bad_kind": MALFORMED,
    "bad_payload": MALFORMED, "bad_created_at": MALFORMED, "too_long": MALFORMED,
}
CONFLICT_WORDS = QT_TR_NOOP("Tỉnh đã có một bản khác của thay đổi này")
OTHER_WORDS = QT_TR_NOOP("Tỉnh không nhận thay đổi này (lý do chưa có lời giải thích trên máy này)")

KIND_WORDS: dict[str, str] = {
    "dossier.intake": QT_TR_NOOP("Tiếp nhận hồ sơ"),
    "dossier.extend": QT_TR_NOOP("Gia hạn, hẹn lại (mẫu 04)"),
    "dossier.resumed": QT_TR_NOOP("Tiếp tục hồ sơ (công dân bổ sung)"),
    "dossier.province_rejected": QT_TR_NOOP("Báo tỉnh: không nhận thay đổi trạng thái do tỉnh gửi"),
    "rating.recorded": QT_TR_NOOP("Phiếu đánh giá của người dân"),
}
HEADERS = (QT_TR_NOOP("Lúc làm"), QT_TR_NOOP("Hồ sơ"), QT_TR_NOOP("Người nộp"),
           QT_TR_NOOP("Thay đổi"), QT_TR_NOOP("Cán bộ"), QT_TR_NOOP("Lý do tỉnh không nhận"))
REASON_COLUMN = 5


def reason_words(event: HeldEvent) -> str:
    # the status bar's words for the province's codes (province_hub.rules) complete these; read
    # at call time: the indicator module imports this one
    from desk_app.gui.sync_indicator import ERROR_WORDS

    words = REASON_WORDS.get(event.reason) or ERROR_WORDS.get(event.reason)
    if words is not None:
        return tr(words)
    if event.state == "conflict":
        return tr(CONFLICT_WORDS)
    log.warning("no Vietnamese wording for the province's refusal %r (event %s)",
                event.reason, event.uuid)
    return tr(OTHER_WORDS)


def change_words(event: HeldEvent) -> str:
    if event.kind == "dossier.status" and event.to_status:
        before = f"«{status_label(event.from_status)}» → " if event.from_status else ""
        return tr("Chuyển trạng thái {before}«{status_label}»").format(before=before,
                      status_label=status_label(event.to_status))
    if event.kind in KIND_WORDS:
        return tr(KIND_WORDS[event.kind])
    return tr("Thay đổi khác của hồ sơ") if event.entity == "dossier" else tr("Thay đổi khác")


def shown(text: str) -> str:
    """Text safe to show: a control character stored by an older version becomes �."""
    return "".join("\ufffd" if is_forbidden(ch) else ch for ch in text)


def _when(value: datetime) -> str:
    return f"{value:%H:%M %d/%m/%Y}"


def row_texts(event: HeldEvent) -> list[str]:
    """The cells of a row, in :data:`HEADERS` order."""
    return [_when(event.made_at), shown(event.dossier_code) or "—", shown(event.citizen) or "—",
            change_words(event), shown(event.clerk) or "—", reason_words(event)]


def row_tip(event: HeldEvent) -> str:
    return (tr("{change_words}, hồ sơ {dossier_code}.\n{reason_words}.\nTỉnh trả lời lúc {when}.").format(change_words=change_words(event),
                   dossier_code=shown(event.dossier_code) or '—', reason_words=reason_words(event),
                   when=_when(event.held_at)))


def report_text(events: list[HeldEvent]) -> str:
    """The list as plain text for the province: the words, and the codes it can look up."""
    lines = [tr("{count} thay đổi bị máy chủ tỉnh từ chối:").format(count=len(events))]
    for e in events:
        made, code, citizen, change, clerk, why = row_texts(e)
        lines.append(tr("- {made} · {change} · hồ sơ {code} · người nộp {citizen} · cán bộ "
                        "{clerk} · {why} (mã lý do {reason}; số thứ tự {seq}; mã thay đổi "
                        "{uuid}) · tỉnh trả lời lúc {when}").format(made=made,
                            change=change, code=code, citizen=citizen, clerk=clerk, why=why,
                            reason=e.reason or e.state, seq=e.seq, uuid=e.uuid,
                            when=_when(e.held_at)))
    return "\n".join(lines)


class HeldDialog(QDialog):
    """The refused changes, read when opened (Đóng closes; nothing here changes data)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldDialog")
        self.setWindowTitle(tr("Thay đổi bị máy chủ tỉnh từ chối"))
        with store.read() as session:
            self.events = held_events(session)
        self.intro = QLabel(
            tr("Máy chủ tỉnh không nhận {count} thay đổi dưới đây. Các thay đổi này vẫn được giữ "
               "nguyên trên máy, không gửi lại, và không làm chậm các thay đổi khác (vẫn được "
               "gửi bình thường). Hãy báo cho quản trị hoặc Văn phòng UBND tỉnh, gửi kèm danh "
               "sách này (nút «Chép danh sách»).").format(count=len(self.events)))
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(self.events), len(HEADERS))
        self.table.setObjectName("heldTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        for r, event in enumerate(self.events):
            tip = row_tip(event)
            for c, text in enumerate(row_texts(event)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for c in range(len(HEADERS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Stretch)
        # the reason wraps to the width it is given: rows follow the column's width, once the
        # header has laid the columns out (hence the queued call)
        header.sectionResized.connect(
            lambda column, _old, _new: QTimer.singleShot(0, self.table.resizeRowsToContents)
            if column == REASON_COLUMN else None)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(tr("Chép danh sách"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        close = buttons.addButton(tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addWidget(self.table, 1)
        box.addWidget(buttons)
        self.setMinimumSize(640, 300)
        resize_within_screen(self, 1180, 460)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(report_text(self.events))
        self.copy_button.setText(tr("Đã chép"))
