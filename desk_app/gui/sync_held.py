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
from desk_app.store.engine import Store
from desk_app.sync.held import HeldEvent, held_events

log = logging.getLogger(__name__)

# The province's reasons for refusing one event (province_hub/ingest.py and the desk's own);
# the other codes of province_hub/rules.py are worded in sync_indicator.ERROR_WORDS.
MALFORMED = "Dữ liệu gửi lên sai dạng theo máy chủ tỉnh (lỗi của chương trình)"
REASON_WORDS: dict[str, str] = {
    "foreign_commune": "Dữ liệu mang mã của xã khác, hoặc hồ sơ đã thuộc xã khác: máy này "
                       "không được gửi",
    "same_uuid_other_content": "Tỉnh đã có một bản khác của chính thay đổi này (máy được khôi "
                               "phục từ bản sao lưu cũ?)",
    "too_large": "Thay đổi quá lớn so với giới hạn của máy chủ tỉnh",
    "control_chars": "Nội dung có ký tự ẩn hoặc ký tự điều khiển không hợp lệ (nhập từ phiên "
                     "bản cũ của phần mềm)",
    "not_an_object": MALFORMED, "bad_uuid": MALFORMED, "bad_seq": MALFORMED,
    "bad_entity": MALFORMED, "bad_entity_uuid": MALFORMED, "bad_kind": MALFORMED,
    "bad_payload": MALFORMED, "bad_created_at": MALFORMED, "too_long": MALFORMED,
}
CONFLICT_WORDS = "Tỉnh đã có một bản khác của thay đổi này"
OTHER_WORDS = "Tỉnh không nhận thay đổi này (lý do chưa có lời giải thích trên máy này)"

KIND_WORDS: dict[str, str] = {
    "dossier.intake": "Tiếp nhận hồ sơ",
    "dossier.extend": "Gia hạn, hẹn lại (mẫu 04)",
    "dossier.resumed": "Tiếp tục hồ sơ (công dân bổ sung)",
    "dossier.province_rejected": "Báo tỉnh: không nhận thay đổi trạng thái do tỉnh gửi",
    "rating.recorded": "Phiếu đánh giá của người dân",
}
HEADERS = ("Lúc làm", "Hồ sơ", "Người nộp", "Thay đổi", "Cán bộ", "Lý do tỉnh không nhận")
REASON_COLUMN = 5


def reason_words(event: HeldEvent) -> str:
    # the status bar's words for the province's codes (province_hub.rules) complete these; read
    # at call time: the indicator module imports this one
    from desk_app.gui.sync_indicator import ERROR_WORDS

    words = REASON_WORDS.get(event.reason) or ERROR_WORDS.get(event.reason)
    if words is not None:
        return words
    if event.state == "conflict":
        return CONFLICT_WORDS
    log.warning("no Vietnamese wording for the province's refusal %r (event %s)",
                event.reason, event.uuid)
    return OTHER_WORDS


def change_words(event: HeldEvent) -> str:
    if event.kind == "dossier.status" and event.to_status:
        before = f"«{status_label(event.from_status)}» → " if event.from_status else ""
        return f"Chuyển trạng thái {before}«{status_label(event.to_status)}»"
    return KIND_WORDS.get(event.kind, "Thay đổi khác của hồ sơ" if event.entity == "dossier"
                          else "Thay đổi khác")


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
    return (f"{change_words(event)}, hồ sơ {shown(event.dossier_code) or '—'}.\n"
            f"{reason_words(event)}.\nTỉnh trả lời lúc {_when(event.held_at)}.")


def report_text(events: list[HeldEvent]) -> str:
    """The list as plain text for the province: the words, and the codes it can look up."""
    lines = [f"{len(events)} thay đổi bị máy chủ tỉnh từ chối:"]
    for e in events:
        made, code, citizen, change, clerk, why = row_texts(e)
        lines.append(f"- {made} · {change} · hồ sơ {code} · người nộp {citizen} · cán bộ "
                     f"{clerk} · {why} (mã lý do {e.reason or e.state}; số thứ tự {e.seq}; "
                     f"mã thay đổi {e.uuid}) · tỉnh trả lời lúc {_when(e.held_at)}")
    return "\n".join(lines)


class HeldDialog(QDialog):
    """The refused changes, read when opened (Đóng closes; nothing here changes data)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heldDialog")
        self.setWindowTitle("Thay đổi bị máy chủ tỉnh từ chối")
        with store.read() as session:
            self.events = held_events(session)
        self.intro = QLabel(
            f"Máy chủ tỉnh không nhận {len(self.events)} thay đổi dưới đây. Các thay đổi này "
            "vẫn được giữ nguyên trên máy, không gửi lại, và không làm chậm các thay đổi khác "
            "(vẫn được gửi bình thường). Hãy báo cho quản trị hoặc Văn phòng UBND tỉnh, gửi kèm "
            "danh sách này (nút «Chép danh sách»).")
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(self.events), len(HEADERS))
        self.table.setObjectName("heldTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
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
        self.copy_button = buttons.addButton("Chép danh sách",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
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
        self.copy_button.setText("Đã chép")
