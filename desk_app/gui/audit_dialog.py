"""Tài khoản → "Nhật ký thao tác…" (leaders and admins): who did what, newest first, filtered by
clerk, action, dossier code and dates; "Kiểm tra chuỗi" re-checks the hash chain and says in
words which record was edited, deleted or moved (:mod:`desk_app.services.audit`).

Reads run on the read lane; the table holds at most 2,000 rows (the count of all matches is
said), so a year's log opens at once.
"""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.ratingchain import ChainProblem
from desk_app.errors import KnownError
from desk_app.gui import background, messages
from desk_app.gui.geometry import resize_within_screen
from desk_app.gui.ops import Ops
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import audit

ACTION_WORDS = {
    "dossier.receive": QT_TR_NOOP("Tiếp nhận hồ sơ"),
    "dossier.supplement": QT_TR_NOOP("Yêu cầu bổ sung"),
    "dossier.refuse": QT_TR_NOOP("Từ chối tiếp nhận"),
    "dossier.status": QT_TR_NOOP("Chuyển trạng thái hồ sơ"),
    "dossier.extend": QT_TR_NOOP("Gia hạn (mẫu 04)"),
    "print": QT_TR_NOOP("In phiếu"),
    "account.create": QT_TR_NOOP("Tạo tài khoản"),
    "account.lock": QT_TR_NOOP("Khoá tài khoản"),
    "account.unlock": QT_TR_NOOP("Mở khoá tài khoản"),
    "account.password": QT_TR_NOOP("Đặt lại mật khẩu"),
    "settings.counter": QT_TR_NOOP("Đổi số quầy"),
    "settings.idle_lock": QT_TR_NOOP("Đổi thời gian khoá màn hình"),
    "settings.calendar": QT_TR_NOOP("Sửa lịch làm việc"),
    "settings.hours": QT_TR_NOOP("Sửa giờ làm việc"),
    "settings.setup": QT_TR_NOOP("Sửa thông tin đơn vị"),
    "settings.backup": QT_TR_NOOP("Sửa thiết lập sao lưu"),
    "settings.clock": QT_TR_NOOP("Xác nhận giờ máy"),
    "sync.enrol": QT_TR_NOOP("Đăng ký với tỉnh"),
    "backup.restore": QT_TR_NOOP("Khôi phục từ bản sao lưu"),
    "dossier.scan": QT_TR_NOOP("Số hóa thành phần hồ sơ"),
    "dossier.scan_reuse": QT_TR_NOOP("Tái sử dụng giấy tờ đã số hóa"),
    "settings.queue_host": QT_TR_NOOP("Đặt máy giữ hàng đợi số thứ tự"),
    "settings.ticket_printer": QT_TR_NOOP("Chọn máy in vé số thứ tự"),
    "settings.queue_link": QT_TR_NOOP("Đặt cách nối hàng đợi số thứ tự trong cơ quan"),
    "queue.remote": QT_TR_NOOP("Quầy khác gọi số qua mạng nội bộ"),
}
PROBLEM_WORDS = {
    "edited": QT_TR_NOOP("bản ghi số {seq} đã bị sửa"),
    "missing": QT_TR_NOOP("thiếu bản ghi trước bản ghi số {seq} (bị xoá?)"),
    "duplicate": QT_TR_NOOP("bản ghi số {seq} bị chèn thêm"),
    "reordered": QT_TR_NOOP("bản ghi số {seq} sai thứ tự"),
    "broken_link": QT_TR_NOOP("chuỗi bị đứt tại bản ghi số {seq}"),
    "malformed": QT_TR_NOOP("có bản ghi hỏng dữ liệu"),
}


def _day(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def problem_words(p: ChainProblem) -> str:
    return tr(PROBLEM_WORDS.get(p.code, QT_TR_NOOP("bản ghi số {seq} có lỗi"))).format(seq=p.seq)


class AuditDialog(QDialog):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(tr("Nhật ký thao tác - Một cửa"))
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.clerk = QComboBox()
        self.clerk.setObjectName("auditClerk")
        self.action = QComboBox()
        self.action.setObjectName("auditAction")
        self.action.addItem(tr("Mọi thao tác"), "")
        for code in audit.ACTIONS:
            self.action.addItem(tr(ACTION_WORDS[code]), code)
        self.code = QLineEdit()
        self.code.setObjectName("auditCode")
        self.code.setPlaceholderText(tr("Mã hồ sơ"))
        self.code.setMinimumWidth(self.code.fontMetrics().horizontalAdvance("000.00.12.H26-261123"))
        today = ops.clock.now().date()
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit, day in ((self.date_from, date(today.year, 1, 1)), (self.date_to, today)):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setDate(QDate(day.year, day.month, day.day))
        for label, widget in ((tr("&Cán bộ:"), self.clerk), (tr("&Thao tác:"), self.action),
                              (tr("&Hồ sơ:"), self.code), (tr("Từ &ngày:"), self.date_from),
                              (tr("đến:"), self.date_to)):
            text = QLabel(label)
            text.setBuddy(widget)
            filters.addWidget(text)
            filters.addWidget(widget, 1 if widget is self.code else 0)
        layout.addLayout(filters)
        self.count = QLabel()
        self.count.setObjectName("auditCount")
        layout.addWidget(self.count)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([tr("Số"), tr("Thời điểm"), tr("Cán bộ"),
                                              tr("Thao tác"), tr("Hồ sơ, nội dung")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.check_button = QPushButton(tr("&Kiểm tra chuỗi"))
        self.check_button.setObjectName("auditCheck")
        self.check_button.clicked.connect(self.check_chain)
        self.verdict = QLabel()
        self.verdict.setObjectName("auditVerdict")
        self.verdict.setWordWrap(True)
        close = QPushButton(tr("Đóng"))
        close.clicked.connect(self.reject)
        bottom.addWidget(self.check_button)
        bottom.addWidget(self.verdict, 1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        for b in self.findChildren(QPushButton):
            b.setAutoDefault(False)
        self._fill_clerks()
        for signal in (self.clerk.currentIndexChanged, self.action.currentIndexChanged,
                       self.date_from.dateChanged, self.date_to.dateChanged):
            signal.connect(self.reload)
        self.code.textChanged.connect(self.reload)
        self.reload()
        resize_within_screen(self, 1100, 640, near=parent)

    def _fill_clerks(self) -> None:
        with self.ops.read() as session:
            names = audit.clerk_names(session)
        self.clerk.addItem(tr("Mọi cán bộ"), "")
        for name in names:
            self.clerk.addItem(name or tr("(trước khi có tài khoản)"), name)

    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(
            clerk=str(self.clerk.currentData() or ""), action=str(self.action.currentData() or ""),
            dossier_code=self.code.text(), date_from=_day(self.date_from.date()),
            date_to=_day(self.date_to.date()))

    def reload(self) -> None:
        store, clerk_id, flt = self.ops.store, self.ops.clerk.id, self.current_filter()

        def read() -> tuple[list[audit.AuditRow], int]:
            with store.read() as session:
                return audit.audit_rows(session, clerk_id, flt)

        background.lane("read").run(read, self._show, failed=self._failed, context=self)

    def _show(self, found: tuple[list[audit.AuditRow], int]) -> None:
        rows, total = found
        self.count.setText(tr("{n} thao tác khớp bộ lọc").format(n=total) if total <= len(rows)
                           else tr("{n} thao tác khớp bộ lọc; hiện {shown} thao tác mới nhất")
                           .format(n=total, shown=len(rows)))
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            what = row.dossier_code
            detail = "; ".join(f"{k}: {v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)}"
                               for k, v in row.change.items() if v not in ("", None, [], {}))[:300]
            cells = (str(row.seq), f"{row.at:%H:%M:%S %d/%m/%Y}", row.clerk,
                     tr(ACTION_WORDS.get(row.action, row.action)),
                     f"{what} {detail}".strip())
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if c == 4 else "")
                self.table.setItem(r, c, item)

    def _failed(self, exc: KnownError) -> None:
        messages.show_known_error(self, exc)

    def check_chain(self) -> None:
        store, clerk_id = self.ops.store, self.ops.clerk.id
        self.check_button.setEnabled(False)
        self.verdict.setText(tr("Đang kiểm tra…"))

        def check() -> list[ChainProblem]:
            with store.read() as session:
                return audit.check(session, clerk_id)

        background.lane("read").run(check, self._checked, failed=self._failed, context=self)

    def _checked(self, problems: list[ChainProblem]) -> None:
        self.check_button.setEnabled(True)
        if not problems:
            self.verdict.setStyleSheet("color: #1b5e20;")
            self.verdict.setText(tr("Chuỗi nhật ký nguyên vẹn: không bản ghi nào bị sửa, xoá "
                                    "hay đổi chỗ."))
            return
        self.verdict.setStyleSheet("color: #b00020; font-weight: bold;")
        self.verdict.setText(tr("Nhật ký đã bị can thiệp: {what}.").format(
            what="; ".join(problem_words(p) for p in problems[:5])))
