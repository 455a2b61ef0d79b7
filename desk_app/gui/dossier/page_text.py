"""The words of the dossier page: its header, the history rows, the links between dossiers.

Plain functions from a :class:`~desk_app.gui.dossier.view_data.DossierView` to the HTML and
text the page shows (no widget here), so the page module keeps only widgets and actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from desk_app.core.lifecycle import EXTENDABLE, Status
from desk_app.gui import messages
from desk_app.gui.dossier.view_data import DossierView, EventRow
from desk_app.gui.formatting import fmt_datetime, fmt_money
from desk_app.gui.tr import QT_TR_NOOP, tr


def header_html(v: DossierView, now: datetime) -> str:
    """Code, status (overdue or not), procedure, applicant, receipt, appointment, outcome."""
    status = messages.status_label(v.status)
    due = fmt_datetime(v.due_at) or "—"
    if v.original_due_at and v.due_at != v.original_due_at:
        due += tr(" (hẹn ban đầu {datetime})").format(datetime=fmt_datetime(v.original_due_at))
    overdue = (v.due_at is not None and Status(v.status) in EXTENDABLE
               and now > v.due_at)
    lines = [
        tr("<h2 style='margin:0'>Hồ sơ {code}</h2>").format(code=v.code),
        tr("<p>Trạng thái: <b>{status}</b>").format(status=status)
        + (tr(" <span style='color:#b00020'><b>(quá hạn)</b></span>") if overdue else "")
        + tr("<br>Thủ tục: {procedure_code} · {procedure}").format(procedure_code=v.procedure_code,
                 procedure=v.procedure)
        + tr("<br>Người nộp: <b>{applicant}</b>").format(applicant=v.applicant)
        + (f" · CCCD {v.applicant_id}" if v.applicant_id else "")
        + (tr(" · ĐT {applicant_phone}").format(applicant_phone=v.applicant_phone) if v.applicant_phone else "")
        + _mismatch_note(v)
        + (tr("<br>Nơi thường trú: {applicant_address}").format(applicant_address=v.applicant_address) if v.applicant_address else "")
        + (tr("<br>Người nộp thay: {representative}").format(representative=v.representative) if v.representative else "")
        + tr("<br>Tiếp nhận: {datetime} · cán bộ {received_by}").format(datetime=fmt_datetime(v.received_at),
                 received_by=v.received_by)
        + tr("<br>Hẹn trả: <b>{due}</b>").format(due=due)
        + (tr(" · nhận qua bưu chính") if v.delivery == "post" else "")
        + (tr(" · lệ phí {money}").format(money=fmt_money(v.fee_amount)) if v.fee_amount else "")
        + (tr("<br>Đã trả: {datetime} ({timing_label})").format(datetime=fmt_datetime(v.returned_at),
                  timing_label=messages.timing_label(v.return_timing))
           if v.returned_at else "")
        + (tr("<br>Lý do: {outcome_reason}").format(outcome_reason=v.outcome_reason) if v.outcome_reason else "")
        + "".join("<br>" + visit_words(x) for x in v.visits)
        + "</p>",
    ]
    return "".join(lines)


def visit_words(x: Any) -> str:
    """A queue ticket the dossier was served with (issue 17), e.g. "Số thứ tự 007 (tiếp
    nhận, quầy 2): chờ 12 phút, phục vụ 5 phút"."""
    occasion = tr("tiếp nhận") if x.occasion == "intake" else tr("trả kết quả")
    return tr("Số thứ tự {label} ({occasion}, quầy {counter}): chờ {wait} phút, phục vụ "
              "{service} phút").format(label=x.label, occasion=occasion, counter=x.counter,
                                       wait=round(x.wait_s / 60), service=round(x.service_s / 60))


def history_rows(events: Sequence[EventRow]) -> list[tuple[str, str, str, str, str]]:
    """One row per event: time, who, what, the statuses, reason and note."""
    rows: list[tuple[str, str, str, str, str]] = []
    for e in events:
        what = messages.table_words(messages.EVENT_LABELS, e.action)
        if e.action == "extend":
            states = tr("hẹn mới {datetime}").format(datetime=fmt_datetime(_parse(e.data.get('new_due_at'))))
        elif e.action == "resumed":
            states = messages.status_label(e.to_status)
        elif e.action == "upstream_ignored":  # the desk's life cycle refused it
            states = (tr("vẫn «{status_label}», không chuyển sang «{v1}»").format(status_label=messages.status_label(e.from_status),
                             v1=messages.status_label(e.to_status)))
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
        lines.append(tr("Tiếp tục hồ sơ {code_link} (đã yêu cầu bổ sung).").format(code_link=_code_link(code, other)))
    if v.resumed_by is not None:
        code, other = v.resumed_by
        lines.append(tr("Công dân đã bổ sung: tiếp tục bằng hồ sơ {code_link}.").format(code_link=_code_link(code, other)))
    if v.collector:
        c = v.collector
        role = messages.collector_label(c.get("kind"))
        lines.append(tr("Người nhận kết quả: <b>{get}</b> ({role}), số CCCD/CMND {v2}.").format(get=c.get('full_name', ''),
                            role=role, v2=c.get('id_number', '')))
    return lines


KIND_NAMES = (QT_TR_NOOP("bản chính"), QT_TR_NOOP("bản sao chứng thực"), QT_TR_NOOP("bản sao"))


def _mismatch_note(v: DossierView) -> str:
    """The clerk's confirmation at intake that the card was checked despite a CCCD number
    contradicting the birth year or gender (stored in the intake event)."""
    for e in v.events:
        problems = e.data.get("id_mismatch_acknowledged") if e.action == "intake" else None
        if problems:
            words = "; ".join(messages.table_words(messages.MISMATCH_MESSAGES, p, "") for p in problems)
            return (tr("<br><span style='color:#9a5b00'>Số CCCD không khớp ({words}): cán bộ "
                       "{clerk} đã đối chiếu thẻ gốc khi tiếp nhận.</span>").format(words=words,
                           clerk=e.clerk))
    return ""


def components_html(v: DossierView) -> str:
    """'Thành phần đã nhận: 1. Tờ khai (1 bản chính) ...', missing ones marked."""
    items = []
    for n, c in enumerate(v.components, start=1):
        got = ", ".join(f"{k} {tr(name)}" for k, name in zip(c.got, KIND_NAMES, strict=False) if k)
        short = any(g < need for g, need in zip(c.got, c.need, strict=False))
        text = f"{n}. {c.name}" + (f" ({got})" if got else "")
        if c.note:
            text += f" — {c.note}"
        if c.digitised:
            text += tr(" — <span style='color:#1e6b34'>đã số hóa</span>")
        if short:
            text = tr("<span style='color:#9a5b00'>{text} — chưa đủ</span>").format(text=text)
        items.append(text)
    return tr("<b>Thành phần hồ sơ:</b><br>") + "<br>".join(items) if items else ""


def _code_link(code: str, dossier_id: int | None) -> str:
    return f"<a href='dossier:{dossier_id}'>{code}</a>" if dossier_id else f"<b>{code}</b>"


def _by(e: EventRow) -> str:
    """Who made the change: the province's office for a change pulled from the province."""
    if e.data.get("source") == "province":
        return str(e.data.get("by") or "") or tr("Tỉnh")
    return e.clerk


def _event_note(data: dict) -> str:
    """What a history row adds beside the reason: who collected, which dossier is linked."""
    who = data.get("collector")
    if isinstance(who, dict):
        role = messages.collector_label(who.get("kind"))
        return (tr("người nhận: {get} ({role}), CCCD/CMND {v2}").format(get=who.get('full_name', ''),
                       role=role, v2=who.get('id_number', '')))
    for key, text in (("resumed_from", tr("tiếp tục hồ sơ")), ("resumed_by", tr("tiếp tục bằng hồ sơ"))):
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
