"""The register's words for people: column headers (Vietnamese, through Qt's translation).

Status names, their order and the urgency notes are the one vocabulary's
(:mod:`desk_app.core.words`), reached through :mod:`desk_app.gui.messages` like every other
screen's, so the register names a status exactly as the dossier page and the forms do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.core.words import STATUS_ORDER
from desk_app.gui.messages import status_label, urgency_label

CONTEXT = "Register"

__all__ = ["HEADERS", "STATUS_ORDER", "header", "status_label", "tr", "urgency_label"]


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


HEADERS = (
    "Mã hồ sơ", "Người nộp", "Thủ tục", "Lĩnh vực", "Ngày nhận", "Hẹn trả", "Trạng thái",
    "Người tiếp nhận",
)


def header(column: int) -> str:
    return tr(HEADERS[column])
