"""Dates, times, money and time limits as a Vietnamese clerk writes them."""

from __future__ import annotations

import re
from datetime import date, datetime

from desk_app.core.calendar import TimeLimit
from desk_app.core.fees import format_vnd
from desk_app.gui.tr import QT_TR_NOOP, tr

WEEKDAYS = (QT_TR_NOOP("Thứ Hai"), QT_TR_NOOP("Thứ Ba"), QT_TR_NOOP("Thứ Tư"),
            QT_TR_NOOP("Thứ Năm"), QT_TR_NOOP("Thứ Sáu"), QT_TR_NOOP("Thứ Bảy"),
            QT_TR_NOOP("Chủ Nhật"))


def fmt_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def fmt_datetime(value: datetime | None) -> str:
    """'09:00 ngày 27/11/2026'."""
    return tr("{value:%H:%M} ngày {value:%d/%m/%Y}").format(value=value) if value else ""


def fmt_appointment(value: datetime | None) -> str:
    """'09:00, Thứ Sáu 27/11/2026' (the weekday helps the citizen remember)."""
    if value is None:
        return ""
    return f"{value:%H:%M}, {tr(WEEKDAYS[value.weekday()])} {value:%d/%m/%Y}"


def fmt_money(amount: int) -> str:
    return tr("{vnd} đồng").format(vnd=format_vnd(amount))


def fmt_limit(limit: TimeLimit) -> str:
    if limit.kind == "same_day":
        return tr("Trong ngày (nhận sau {cutoff:%H:%M} trả vào ngày làm việc tiếp theo)").format(cutoff=limit.cutoff)
    if limit.kind == "calendar_days":
        return tr("{days} ngày (tính cả ngày nghỉ)").format(days=limit.days)
    return tr("{days} ngày làm việc").format(days=limit.days)


def parse_date(text: str) -> date | None:
    """'15/03/1990', '15-3-1990', '15.03.1990', '15031990' -> date; '' -> None.

    Raises ValueError on anything else.
    """
    text = text.strip()
    if not text:
        return None
    parts = re.split(r"[/\-. ]+", text)
    if len(parts) == 1 and re.fullmatch(r"\d{8}", text):
        parts = [text[:2], text[2:4], text[4:]]
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        raise ValueError(text)
    return date(int(parts[2]), int(parts[1]), int(parts[0]))


_TIME = r"(?P<h>\d{1,2})\s*[:hg]\s*(?P<m>\d{2})"
_DAY = r"(?P<d>\d{1,2})\s*[/\-.]\s*(?P<mo>\d{1,2})\s*[/\-.]\s*(?P<y>\d{4})"
_DATETIME_FORMS = (
    re.compile(rf"^{_TIME}\s*(?:,|ngày)?\s*{_DAY}$", re.IGNORECASE),
    re.compile(rf"^{_DAY}\s*(?:,|lúc)?\s*{_TIME}$", re.IGNORECASE),
)


def parse_datetime(text: str) -> datetime:
    """'09:00 04/12/2026', '9h00 ngày 4/12/2026', '04/12/2026 09:00' -> datetime.

    Raises ValueError on anything else (an hour and a date, both, or nothing is guessed)."""
    text = " ".join(text.split())
    for form in _DATETIME_FORMS:
        m = form.match(text)
        if m is not None:
            return datetime(int(m["y"]), int(m["mo"]), int(m["d"]), int(m["h"]), int(m["m"]))
    raise ValueError(text)


def fmt_datetime_input(value: datetime) -> str:
    """The form a typed date-time field shows: '09:00 04/12/2026'."""
    return f"{value:%H:%M %d/%m/%Y}"
