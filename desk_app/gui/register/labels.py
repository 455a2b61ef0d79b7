"""The register's words for people: column headers (Vietnamese, through Qt's translation).

Status names, their order and the urgency notes are the one vocabulary's
(:mod:`desk_app.core.words`), reached through :mod:`desk_app.gui.messages` like every other
screen's, so the register names a status exactly as the dossier page and the forms do.
"""

from __future__ import annotations

from desk_app.core.words import STATUS_ORDER
from desk_app.gui.messages import status_label, urgency_label
from desk_app.gui.tr import QT_TR_NOOP, tr

__all__ = ["HEADERS", "STATUS_ORDER", "header", "status_label", "tr", "urgency_label"]

HEADERS = (
    QT_TR_NOOP("Mã hồ sơ"), QT_TR_NOOP("Người nộp"), QT_TR_NOOP("Thủ tục"),
    QT_TR_NOOP("Lĩnh vực"), QT_TR_NOOP("Ngày nhận"), QT_TR_NOOP("Hẹn trả"),
    QT_TR_NOOP("Trạng thái"), QT_TR_NOOP("Người tiếp nhận"),
)


def header(column: int) -> str:
    return tr(HEADERS[column])
