"""The intake form's clock warning: shown above the form, before the save, never in the way.

What the desk knows about its clock (:mod:`desk_app.services.clock_check`) in words: the
province's clock disagrees with this PC's by more than a few minutes at the last sync, or the
clock was set back behind the last time this desk stored. The clerk can still receive (a
commune must receive with no network, and cannot always fix the clock on the spot); the words
say what the clock decides (the receipt time, the code's date, the due date) and whom to ask.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QWidget

from desk_app.errors import KnownError
from desk_app.gui.formatting import fmt_datetime
from desk_app.gui.ops import Ops
from desk_app.gui.sync_indicator import skew_words
from desk_app.services.clock_check import ClockCheck, check_clock

log = logging.getLogger(__name__)

STYLE = "background: #fdecea; border: 1px solid #d9534f; padding: 6px; color: #5f1410;"
CONSEQUENCE = ("Giờ tiếp nhận, ngày trong mã hồ sơ và hạn trả kết quả tính theo giờ máy: hãy "
               "báo quản trị chỉnh lại đồng hồ máy tính. Vẫn tiếp nhận được.")


def clock_words(check: ClockCheck) -> str:
    """The warning in Vietnamese, or '' when the clock is to be trusted."""
    parts: list[str] = []
    if check.set_back and check.last_stamp is not None:
        parts.append(f"Đồng hồ máy này đã bị chỉnh lùi: giờ máy sớm hơn lần ghi cuối của máy "
                     f"({fmt_datetime(check.last_stamp)}). Hồ sơ tiếp nhận lúc này sẽ ghi giờ "
                     f"{fmt_datetime(check.last_stamp)} để giữ đúng thứ tự.")
    if check.province_disagrees:
        parts.append(skew_words(check.province_offset_s).split(":")[0]
                     + " (đo ở lần đồng bộ cuối).")
    if not parts:
        return ""
    return "⚠ " + " ".join(parts) + " " + CONSEQUENCE


class ClockBanner(QLabel):
    """Red banner; invisible while the clock is fine. :meth:`refresh` reads the store."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setObjectName("clockWarning")
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self.setVisible(False)

    def refresh(self) -> None:
        try:
            with self.ops.read() as session:
                check = check_clock(session, self.ops.clock.now())
        except KnownError:  # a busy store: keep what is shown, try at the next tick
            log.warning("clock check could not read the store")
            return
        text = clock_words(check)
        if text and text != self.text():
            log.info("clock warning shown: %s", text)
        self.setText(text)
        self.setVisible(bool(text))
