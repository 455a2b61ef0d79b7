"""The register's words for people: status names, column headers, urgency notes (Vietnamese).

Kept in the GUI layer and passed through Qt's translation (``QCoreApplication.translate``), so
the core keeps its codes and an English register is one .qm file away.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.core.lifecycle import Status

CONTEXT = "Register"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


_STATUS = {
    Status.RECEIVED: "Đã tiếp nhận",
    Status.IN_PROCESSING: "Đang xử lý",
    Status.WAITING_SUPPLEMENT: "Chờ bổ sung",
    Status.RESULT_READY: "Đã có kết quả",
    Status.RETURNED: "Đã trả kết quả",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    Status.REFUSED: "Từ chối tiếp nhận",
    Status.WITHDRAWN: "Rút hồ sơ",
    Status.STOPPED: "Dừng xử lý",
}

# The order a clerk thinks in: open work first, then the ways a dossier ends.
STATUS_ORDER = (
    Status.RECEIVED, Status.IN_PROCESSING, Status.WAITING_SUPPLEMENT, Status.RESULT_READY,
    Status.RETURNED, Status.SUPPLEMENT_REQUESTED, Status.REFUSED, Status.WITHDRAWN,
    Status.STOPPED,
)


def status_label(status: str | Status) -> str:
    """The Vietnamese name of a status code ('in_processing' -> 'Đang xử lý')."""
    try:
        return tr(_STATUS[Status(status)])
    except ValueError:
        return str(status)


HEADERS = (
    "Mã hồ sơ", "Người nộp", "Thủ tục", "Lĩnh vực", "Ngày nhận", "Hẹn trả", "Trạng thái",
    "Người tiếp nhận",
)


def header(column: int) -> str:
    return tr(HEADERS[column])


URGENCY = {"overdue": "Quá hạn", "due_soon": "Sắp đến hạn (trong một ngày làm việc)"}


def urgency_label(urgency: str) -> str:
    return tr(URGENCY[urgency]) if urgency in URGENCY else ""
