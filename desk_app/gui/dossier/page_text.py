"""The words of the dossier page: its header, the history rows, the links between dossiers.

Plain functions from a :class:`~desk_app.gui.dossier.view_data.DossierView` to the HTML and
text the page shows (no widget here), so the page module keeps only widgets and actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from desk_app.core.lifecycle import EXTENDABLE, Status
from desk_app.gui import messages
from desk_app.gui.dossier.view_data import DossierView, EventRow
from desk_app.gui.formatting import fmt_datetime, fmt_money


def header_html(v: DossierView, now: datetime) -> str:
    """Code, status (overdue or not), procedure, applicant, receipt, appointment, outcome."""
    status = messages.status_label(v.status)
    due = fmt_datetime(v.due_at) or "—"
    if v.original_due_at and v.due_at != v.original_due_at:
        due += f" (hẹn ban đầu {fmt_datetime(v.original_due_at)})"
    overdue = (v.due_at is not None and Status(v.status) in EXTENDABLE
               and now > v.due_at)
    lines = [
        f"<h2 style='margin:0'>Hồ sơ {v.code}</h2>",
        f"<p>Trạng thái: <b>{status}</b>"
        + (" <span style='color:#b00020'><b>(quá hạn)</b></span>" if overdue else "")
        + f"<br>Thủ tục: {v.procedure_code} · {v.procedure}"
        + f"<br>Người nộp: <b>{v.applicant}</b>"
        + (f" · CCCD {v.applicant_id}" if v.applicant_id else "")
        + (f" · ĐT {v.applicant_phone}" if v.applicant_phone else "")
        + _mismatch_note(v)
        + (f"<br>Nơi thường trú: {v.applicant_address}" if v.applicant_address else "")
        + (f"<br>Người nộp thay: {v.representative}" if v.representative else "")
        + f"<br>Tiếp nhận: {fmt_datetime(v.received_at)} · cán bộ {v.received_by}"
        + f"<br>Hẹn trả: <b>{due}</b>"
        + (" · nhận qua bưu chính" if v.delivery == "post" else "")
        + (f" · lệ phí {fmt_money(v.fee_amount)}" if v.fee_amount else "")
        + (f"<br>Đã trả: {fmt_datetime(v.returned_at)} "
           f"({messages.timing_label(v.return_timing)})"
           if v.returned_at else "")
        + (f"<br>Lý do: {v.outcome_reason}" if v.outcome_reason else "")
        + "</p>",
    ]
    return "".join(lines)


def history_rows(events: Sequence[EventRow]) -> list[tuple[str, str, str, str, str]]:
    """One row per event: time, who, what, the statuses, reason and note."""
    rows: list[tuple[str, str, str, str, str]] = []
    for e in events:
        what = messages.EVENT_LABELS.get(e.action, e.action)
        if e.action == "extend":
            states = f"hẹn mới {fmt_datetime(_parse(e.data.get('new_due_at')))}"
        elif e.action == "resumed":
            states = messages.status_label(e.to_status)
        elif e.action == "upstream_ignored":  # the desk's life cycle refused it
            states = (f"vẫn «{messages.status_label(e.from_status)}», không chuyển sang "
                      f"«{messages.status_label(e.to_status)}»")
        elif e.from_status:
            states = (f"{messages.status_label(e.from_status)} → "
                      f"{messages.status_label(e.to_status)}")
        else:
            states = messages.status_label(e.to_status)
        timing = e.data.get("return_timing")
        if timing:
            states += f" ({messages.timing_label(timing)})"
        note = "; ".join(x for x in (e.reason, _event_note(e.data)) if x)
        rows.append((f"{e.at:%H:%M %d/%m/%Y}", _by(e), what, states, note))
    return rows


def link_lines(v: DossierView) -> list[str]:
    """The dossier this one resumes or was resumed by, and who collected the result."""
    lines: list[str] = []
    if v.resumed_from is not None:
        code, other = v.resumed_from
        lines.append(f"Tiếp tục hồ sơ {_code_link(code, other)} (đã yêu cầu bổ sung).")
    if v.resumed_by is not None:
        code, other = v.resumed_by
        lines.append(f"Công dân đã bổ sung: tiếp tục bằng hồ sơ {_code_link(code, other)}.")
    if v.collector:
        c = v.collector
        role = messages.collector_label(c.get("kind"))
        lines.append(f"Người nhận kết quả: <b>{c.get('full_name', '')}</b> ({role}), "
                     f"số CCCD/CMND {c.get('id_number', '')}.")
    return lines


KIND_NAMES = ("bản chính", "bản sao chứng thực", "bản sao")


def _mismatch_note(v: DossierView) -> str:
    """The clerk's confirmation at intake that the card was checked despite a CCCD number
    contradicting the birth year or gender (stored in the intake event)."""
    for e in v.events:
        problems = e.data.get("id_mismatch_acknowledged") if e.action == "intake" else None
        if problems:
            words = "; ".join(messages.MISMATCH_MESSAGES.get(str(p), "") for p in problems)
            return (f"<br><span style='color:#9a5b00'>Số CCCD không khớp ({words}): cán bộ "
                    f"{e.clerk} đã đối chiếu thẻ gốc khi tiếp nhận.</span>")
    return ""


def components_html(v: DossierView) -> str:
    """'Thành phần đã nhận: 1. Tờ khai (1 bản chính) ...', missing ones marked."""
    items = []
    for n, c in enumerate(v.components, start=1):
        got = ", ".join(f"{k} {name}" for k, name in zip(c.got, KIND_NAMES, strict=False) if k)
        short = any(g < need for g, need in zip(c.got, c.need, strict=False))
        text = f"{n}. {c.name}" + (f" ({got})" if got else "")
        if c.note:
            text += f" — {c.note}"
        if short:
            text = f"<span style='color:#9a5b00'>{text} — chưa đủ</span>"
        items.append(text)
    return "<b>Thành phần hồ sơ:</b><br>" + "<br>".join(items) if items else ""


def _code_link(code: str, dossier_id: int | None) -> str:
    return f"<a href='dossier:{dossier_id}'>{code}</a>" if dossier_id else f"<b>{code}</b>"


def _by(e: EventRow) -> str:
    """Who made the change: the province's office for a change pulled from the province."""
    if e.data.get("source") == "province":
        return str(e.data.get("by") or "") or "Tỉnh"
    return e.clerk


def _event_note(data: dict) -> str:
    """What a history row adds beside the reason: who collected, which dossier is linked."""
    who = data.get("collector")
    if isinstance(who, dict):
        role = messages.collector_label(who.get("kind"))
        return (f"người nhận: {who.get('full_name', '')} ({role}), "
                f"CCCD/CMND {who.get('id_number', '')}")
    for key, text in (("resumed_from", "tiếp tục hồ sơ"), ("resumed_by", "tiếp tục bằng hồ sơ")):
        link = data.get(key)
        if isinstance(link, dict):
            return f"{text} {link.get('code', '')}"
    return ""


def _parse(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return None
