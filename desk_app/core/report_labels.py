"""The report's figures, named once: each column a report shows (on screen, in Excel, in PDF),
its Vietnamese label, how it is computed (said in words, for the reader of an export), and how
its value is read from a :class:`~desk_app.core.indicators.Counts`.

Qt-free: the GUI's table (``desk_app.gui.reports``) and the exports
(:mod:`desk_app.printing.report_export`, :mod:`desk_app.printing.report_pdf`) read the same
table, so a figure has one name and one meaning wherever it is shown. The labels are marked with
``QT_TRANSLATE_NOOP("Reports", ...)`` (a no-op here, as in :mod:`desk_app.core.words`) so that
``pyside6-lupdate`` collects them; the screen translates them, the files keep Vietnamese.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desk_app.core.indicators import Counts

CONTEXT = "Reports"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate looks for
    return text


@dataclass(frozen=True)
class Figure:
    """One column of a report."""

    key: str  # the name a formula of the index uses for it, or the rate's own name
    label: str  # Vietnamese, short: a column header
    how: str  # Vietnamese: how it is counted
    value: Callable[[Counts], int | float | None]
    rate: bool = False  # a share 0..1 (shown as a percent), None when nothing to divide

    def of(self, counts: Counts) -> int | float | None:
        return self.value(counts)


def _kind(name: str) -> Callable[[Counts], int | float | None]:
    return lambda c: c.kinds.get(name, 0)


def _channel(name: str) -> Callable[[Counts], int | float | None]:
    return lambda c: c.by_channel.get(name, 0)


_T = QT_TRANSLATE_NOOP
FIGURES: tuple[Figure, ...] = (
    Figure("received", _T(CONTEXT, "Tiếp nhận"),
           "Hồ sơ được tiếp nhận (có ngày hẹn trả), tính theo tháng tiếp nhận.",
           _kind("received")),
    Figure("received_desk", _T(CONTEXT, "Trực tiếp"),
           "Hồ sơ tiếp nhận nộp trực tiếp tại Bộ phận một cửa.", _channel("desk")),
    Figure("received_online", _T(CONTEXT, "Trực tuyến"),
           "Hồ sơ tiếp nhận nộp trực tuyến.", _channel("online")),
    Figure("received_post", _T(CONTEXT, "Bưu chính"),
           "Hồ sơ tiếp nhận qua dịch vụ bưu chính công ích.", _channel("post")),
    Figure("supplement_requested", _T(CONTEXT, "Yêu cầu bổ sung (02)"),
           "Hồ sơ chưa tiếp nhận, đã ra phiếu yêu cầu bổ sung (mẫu 02).",
           _kind("supplement_requested")),
    Figure("refused_intake", _T(CONTEXT, "Từ chối (03)"),
           "Hồ sơ từ chối tiếp nhận (mẫu 03).", _kind("refused_intake")),
    Figure("solved", _T(CONTEXT, "Đã trả"),
           "Hồ sơ đã trả kết quả = trước hạn + đúng hạn + trễ hạn.", lambda c: c.solved),
    Figure("solved_early", _T(CONTEXT, "Trước hạn"),
           "Trả kết quả trước ngày hẹn theo quy định.", _kind("solved_early")),
    Figure("solved_on_time", _T(CONTEXT, "Đúng hạn"),
           "Trả kết quả trong ngày hẹn, không muộn hơn giờ hẹn theo quy định.",
           _kind("solved_on_time")),
    Figure("solved_late", _T(CONTEXT, "Trễ hạn"),
           "Trả kết quả sau hạn theo quy định (gia hạn bằng mẫu 04 không làm hồ sơ đúng hạn).",
           _kind("solved_late")),
    Figure("late_apologised", _T(CONTEXT, "Trễ hạn có xin lỗi (04)"),
           "Hồ sơ trả trễ hạn đã có thư xin lỗi, hẹn lại (mẫu 04).", _kind("late_apologised")),
    Figure("on_time_rate", _T(CONTEXT, "Tỷ lệ đúng hạn"),
           "(Trước hạn + đúng hạn) / đã trả; trống khi chưa trả hồ sơ nào.",
           lambda c: c.on_time_rate(), rate=True),
    Figure("overdue_open", _T(CONTEXT, "Quá hạn chưa trả"),
           "Hồ sơ còn đang giải quyết đã quá hạn theo quy định, tại thời điểm lập báo cáo.",
           lambda c: c.overdue_open),
    Figure("overdue_apologised", _T(CONTEXT, "Quá hạn đã có 04"),
           "Trong số hồ sơ quá hạn chưa trả, hồ sơ đã có mẫu 04.",
           lambda c: c.overdue_apologised),
    Figure("apologised", _T(CONTEXT, "Đã có mẫu 04"),
           "Hồ sơ đã ra thư xin lỗi và hẹn lại ngày trả (mẫu 04).", _kind("apologised")),
    Figure("refused_later", _T(CONTEXT, "Từ chối sau tiếp nhận"),
           "Hồ sơ đã tiếp nhận, sau đó từ chối giải quyết.", _kind("refused_later")),
    Figure("withdrawn", _T(CONTEXT, "Rút hồ sơ"),
           "Hồ sơ đã tiếp nhận, công dân rút hồ sơ.", _kind("withdrawn")),
    Figure("stopped", _T(CONTEXT, "Dừng (05)"),
           "Hồ sơ đã tiếp nhận, dừng giải quyết (mẫu 05).", _kind("stopped")),
    Figure("digitised_results", _T(CONTEXT, "Số hóa kết quả"),
           "Hồ sơ có kết quả đã số hóa; trống khi quầy chưa lưu bản quét.",
           lambda c: c.digitised_results),
    Figure("ratings", _T(CONTEXT, "Lượt đánh giá"),
           "Lượt đánh giá trong kỳ, theo ngày đánh giá, không tính lượt đánh giá lặp lại.",
           lambda c: c.ratings),
    Figure("ratings_positive", _T(CONTEXT, "Hài lòng"),
           "Lượt đánh giá ở mức phiếu đánh giá ghi là hài lòng.", lambda c: c.ratings_positive),
    Figure("satisfaction_rate", _T(CONTEXT, "Tỷ lệ hài lòng"),
           "Hài lòng / lượt đánh giá; trống khi chưa có lượt đánh giá.",
           lambda c: c.satisfaction_rate(), rate=True),
    Figure("late_or_dissatisfied", _T(CONTEXT, "Trễ hạn hoặc không hài lòng"),
           "Hồ sơ đã trả trễ hạn, hoặc đúng hạn nhưng có đánh giá không hài lòng (mỗi hồ sơ một lần).",
           lambda c: c.late_or_dissatisfied),
)
FIGURE = {f.key: f for f in FIGURES}

# the first column of a report by each dimension (services.reports.DIMENSIONS)
DIMENSION_LABELS: dict[str, str] = {
    "month": _T(CONTEXT, "Tháng"),
    "field": _T(CONTEXT, "Lĩnh vực"),
    "procedure": _T(CONTEXT, "Thủ tục"),
    "clerk": _T(CONTEXT, "Công chức tiếp nhận"),
    "channel": _T(CONTEXT, "Kênh tiếp nhận"),
}
TOTAL_LABEL = _T(CONTEXT, "Tổng cộng")
NO_DATA = _T(CONTEXT, "chưa có dữ liệu")

# the columns of the QĐ 766 groups and of the satisfaction per criterion
GROUP_COLUMNS: tuple[str, ...] = (
    _T(CONTEXT, "Nhóm chỉ số"), _T(CONTEXT, "Điểm tối đa"), _T(CONTEXT, "Tỷ lệ"),
    _T(CONTEXT, "Điểm đạt"), _T(CONTEXT, "Cách tính"), _T(CONTEXT, "Công thức"),
    _T(CONTEXT, "Nguồn"), _T(CONTEXT, "Đã đối chiếu"),
)
CRITERIA_COLUMNS: tuple[str, ...] = (
    _T(CONTEXT, "Tiêu chí"), _T(CONTEXT, "Câu hỏi"), _T(CONTEXT, "Lượt trả lời"),
    _T(CONTEXT, "Hài lòng"), _T(CONTEXT, "Tỷ lệ hài lòng"),
)


def criterion_rate(answered: int, positive: int) -> float | None:
    return None if not answered else positive / answered

# the figures a narrow page (the PDF's tables by dimension) shows, in FIGURES' order
COMPACT: tuple[str, ...] = ("received", "solved", "solved_early", "solved_on_time",
                            "solved_late", "on_time_rate", "overdue_open", "apologised",
                            "ratings", "satisfaction_rate")


def percent(rate: float | None) -> str:
    """0.3333 -> '33,3%' (Vietnamese decimal comma); None -> '-'."""
    return "-" if rate is None else f"{rate * 100:.1f}%".replace(".", ",")


def scope(counter: int | None) -> str:
    """Whose dossiers a desk's report counts: this PC's only (each counter of a commune keeps
    its own store; the commune's whole figures are the province's)."""
    if counter:
        return (f"Chỉ gồm hồ sơ nhận tại máy này (quầy số {counter}); số liệu cả xã xem trên"
                " trang của tỉnh.")
    return "Chỉ gồm hồ sơ nhận tại máy này."
