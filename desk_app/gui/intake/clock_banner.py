"""The intake form's clock warning: shown above the form, before the save, never in the way.

What the desk knows about its clock (:mod:`desk_app.services.clock_check`) in words: the
province's clock disagrees with this PC's by more than a few minutes at the last sync, or the
clock was set back behind the last time this desk stored. The clerk can still receive (a
commune must receive with no network, and cannot always fix the clock on the spot); the words
say what the clock decides (the receipt time, the code's date, the due date) and whom to ask.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desk_app.core.permissions import Action, allowed
from desk_app.errors import KnownError
from desk_app.gui import messages
from desk_app.gui.formatting import fmt_datetime
from desk_app.gui.ops import Ops
from desk_app.gui.sync_indicator import skew_words
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services.clock_check import ClockCheck, accept_clock, check_clock

log = logging.getLogger(__name__)

STYLE = "background: #fdecea; border: 1px solid #d9534f; padding: 6px; color: #5f1410;"
ACCEPT_LINK = QT_TR_NOOP("Giờ máy hiện tại là đúng…")
ACCEPT_QUESTION = (
    QT_TR_NOOP("Xác nhận giờ máy hiện tại ({now}) là đúng?\n\nChỉ chọn «Có» khi đã đối chiếu với đồng hồ "
    "chuẩn (điện thoại, giờ của tỉnh): lần ghi cuối của máy ({last}) là do đồng hồ từng chạy "
    "nhanh. Từ nay hồ sơ ghi theo giờ máy, kể cả sớm hơn lần ghi đó; việc xác nhận được lưu "
    "lại (người, giờ)."))
CONSEQUENCE = (QT_TR_NOOP("Giờ tiếp nhận, ngày trong mã hồ sơ và hạn trả kết quả tính theo giờ máy: hãy "
               "báo quản trị chỉnh lại đồng hồ máy tính. Vẫn tiếp nhận được."))


def clock_words(check: ClockCheck) -> str:
    """The warning in Vietnamese, or '' when the clock is to be trusted."""
    parts: list[str] = []
    if check.set_back and check.last_stamp is not None:
        parts.append(tr("Đồng hồ máy này đã bị chỉnh lùi: giờ máy sớm hơn lần ghi cuối của máy "
                        "({datetime}). Hồ sơ tiếp nhận lúc này sẽ ghi giờ {datetime} để giữ đúng "
                        "thứ tự.").format(datetime=fmt_datetime(check.last_stamp)))
    if check.province_disagrees:
        parts.append(skew_words(check.province_offset_s).split(":")[0]
                     + tr(" (đo ở lần đồng bộ cuối)."))
    if not parts:
        return ""
    return "⚠ " + " ".join(parts) + " " + tr(CONSEQUENCE)


class ClockBanner(QLabel):
    """Red banner; invisible while the clock is fine. :meth:`refresh` reads the store. When the
    clock was set back, the admin finds a link here to say the clock is right now (the earlier
    stamps came from a clock set ahead): :func:`desk_app.services.clock_check.accept_clock`."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.check: ClockCheck | None = None
        self.setObjectName("clockWarning")
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(self._accept)
        self.setVisible(False)

    def _may_accept(self) -> bool:
        return allowed(self.ops.clerk.role, Action.SETTINGS)

    def refresh(self) -> None:
        try:
            with self.ops.read() as session:
                check = check_clock(session, self.ops.clock.now())
        except KnownError:  # a busy store: keep what is shown, try at the next tick
            log.warning("clock check could not read the store")
            return
        self.check = check
        words = clock_words(check)
        text = html.escape(words)
        if words and check.set_back and self._may_accept():
            text += f' <a href="accept">{html.escape(tr(ACCEPT_LINK))}</a>'
        if text and text != self.text():
            log.info("clock warning shown: %s", words)
        self.setText(text)
        self.setVisible(bool(text))

    def _accept(self, _link: str = "") -> None:
        if not self._may_accept() or self.check is None or self.check.last_stamp is None:
            return
        question = tr(ACCEPT_QUESTION).format(now=fmt_datetime(self.ops.clock.now()),
                                          last=fmt_datetime(self.check.last_stamp))
        if not messages.confirm(self, question, tr("Giờ máy tính")):
            return
        self.ops.write("accept_clock", accept_clock, parent=self,
                       done=lambda _r: self.refresh())
