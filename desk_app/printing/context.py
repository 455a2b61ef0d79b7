"""What a form prints, read from the store into plain values (no ORM objects past this point).

:func:`load_dossier` snapshots a dossier with its commune, procedure version, components,
history and clerks (the dossier itself through the services' one dossier query, which the
dossier page uses too); :func:`values_of` turns it into the placeholder values the templates
use.
Dates follow Nghị định 30/2020 style: days below 10 and months 1-2 get a leading zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core.status_link import status_link
from desk_app.errors import NotFoundError
from desk_app.services.dossier_view import load_dossier_record
from desk_app.store.models import CodeCounter, Commune, Dossier
from desk_app.store.models_sync import SyncEnrolment


@dataclass
class ComponentView:
    position: int
    name: str
    originals: int
    certified_copies: int
    copies: int
    missing_note: str = ""
    digitised: bool = False  # printed "đã số hóa" beside it on form 01


@dataclass
class EventView:
    at: datetime
    clerk_name: str
    action: str
    from_status: str
    to_status: str
    reason: str
    data: dict[str, Any]


@dataclass
class CommuneView:
    name: str
    parent_name: str
    desk_name: str
    place_name: str
    address: str
    phone: str
    settings: dict[str, Any]
    hub_url: str = ""  # the province hub this desk syncs with ("": none): form 01's QR link


@dataclass
class DossierView:
    id: int
    uuid: str
    code: str
    status: str
    commune: CommuneView
    procedure: str
    limit_kind: str
    limit_days: int
    sets_count: int
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    rep_name: str
    rep_phone: str
    rep_relation: str
    delivery: str
    delivery_address: str
    fee_amount: int
    outcome_reason: str
    received_at: datetime
    received_by: str
    due_at: datetime | None
    original_due_at: datetime | None
    returned_at: datetime | None
    return_timing: str
    register_number: int
    components: list[ComponentView] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)


def commune_view(c: Commune, hub_url: str = "") -> CommuneView:
    return CommuneView(c.name, c.parent_name, c.desk_name, c.place_name, c.address, c.phone,
                       dict(c.settings or {}), hub_url)


def hub_url(session: Session) -> str:
    """The address of the province hub of the desk's active enrolment, "" when none."""
    url = session.scalars(select(SyncEnrolment.hub_url).where(SyncEnrolment.active.is_(True))
                          .order_by(SyncEnrolment.id.desc()).limit(1)).first()
    return (url or "").strip()


def load_commune(session: Session) -> CommuneView:
    commune = session.scalars(select(Commune).limit(1)).first()
    if commune is None:
        raise NotFoundError("commune_not_found", "no commune configured")
    return commune_view(commune)


def register_number(session: Session, dossier_id: int, received_at: datetime,
                    agency_code: str) -> int:
    """The dossier's line in the year's register (Sổ theo dõi hồ sơ, one book a year).

    Every dossier takes the next number of its day's counter (``store.codes``), so its line is
    the counts of the earlier days of the year (the small per-day counter table) plus its place
    among the dossiers of its own day (a few hundred entries of the received_at index at most);
    counting the year's rows instead costs ~200 ms late in the year of a million-dossier store.
    The digits of the code are not used: they carry the desk's counter number in front.
    """
    day = received_at.date()
    start = datetime(day.year, day.month, day.day)
    today = select(func.count(Dossier.id)).where(
        Dossier.received_at >= start, Dossier.received_at < start + timedelta(days=1),
        Dossier.id <= dossier_id).scalar_subquery()
    before = select(func.coalesce(func.sum(CodeCounter.last_seq), 0)).where(
        CodeCounter.agency_code == agency_code, CodeCounter.day >= date(day.year, 1, 1),
        CodeCounter.day < day).scalar_subquery()
    return int(session.scalar(select(today + before)) or 0)  # one statement, one round trip


def load_dossier(session: Session, dossier_id: int) -> DossierView:
    """What the forms print of a dossier: the services' one dossier query
    (:func:`~desk_app.services.dossier_view.load_dossier_record`), its commune and its line in
    the year's register."""
    d = load_dossier_record(session, dossier_id)
    if d is None:
        raise NotFoundError("dossier_not_found", f"dossier {dossier_id}")
    # held for the session (one read transaction: it cannot change under it), so a batch of
    # slips does not fetch it again each time the identity map has let it go
    held: dict[int, Commune | None] = session.info.setdefault("printing.communes", {})
    if d.commune_id not in held:
        held[d.commune_id] = session.get(Commune, d.commune_id)
    commune = held[d.commune_id]
    if commune is None:
        raise NotFoundError("commune_not_found", f"commune {d.commune_id}")
    if "printing.hub_url" not in session.info:
        session.info["printing.hub_url"] = hub_url(session)
    return DossierView(
        id=d.id, uuid=d.uuid, code=d.code, status=d.status,
        commune=commune_view(commune, session.info["printing.hub_url"]),
        procedure=d.procedure, limit_kind=d.limit_kind, limit_days=d.limit_days,
        sets_count=d.sets_count, applicant_name=d.applicant_name,
        applicant_address=d.applicant_address, applicant_phone=d.applicant_phone,
        applicant_email=d.applicant_email, rep_name=d.rep_name, rep_phone=d.rep_phone,
        rep_relation=d.rep_relation, delivery=d.delivery, delivery_address=d.delivery_address,
        fee_amount=d.fee_amount, outcome_reason=d.outcome_reason, received_at=d.received_at,
        received_by=d.received_by, due_at=d.due_at,
        original_due_at=d.original_due_at, returned_at=d.returned_at,
        return_timing=d.return_timing,
        register_number=register_number(session, d.id, d.received_at, commune.agency_code),
        components=[
            ComponentView(c.position, c.name, c.originals, c.certified_copies, c.copies,
                          c.missing_note, bool(c.digitised))
            for c in d.components
        ],
        events=[
            EventView(e.at, e.clerk_name, e.action, e.from_status, e.to_status, e.reason,
                      dict(e.data))
            for e in d.events
        ],
    )


# -- formatting -----------------------------------------------------------------------------

def _dm(day: int, month: int) -> tuple[str, str]:
    return (f"{day:02d}" if day < 10 else str(day), f"{month:02d}" if month < 3 else str(month))


def date_parts(d: date) -> dict[str, str]:
    day, month = _dm(d.day, d.month)
    return {"day": day, "month": month, "year": str(d.year)}


def fmt_time(t: datetime | None, tpl: dict[str, Any]) -> str:
    if t is None:
        return ""
    return tpl["common"]["time_format"].format(
        hour=f"{t.hour:02d}", minute=f"{t.minute:02d}", **date_parts(t.date())
    )


def fmt_date(t: date | datetime | None, tpl: dict[str, Any]) -> str:
    if t is None:
        return ""
    d = t.date() if isinstance(t, datetime) else t
    return str(tpl["common"]["date_format"]).format(
        day=f"{d.day:02d}", month=f"{d.month:02d}", year=d.year
    )


def fmt_money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def parse_iso(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    except ValueError:
        return None


def commune_values(c: CommuneView) -> dict[str, Any]:
    return {
        "commune_name": c.name, "parent_name": c.parent_name, "desk_name": c.desk_name,
        "place_name": c.place_name, "commune_address": c.address, "commune_phone": c.phone,
    }


def values_of(d: DossierView, tpl: dict[str, Any]) -> dict[str, Any]:
    vals = commune_values(d.commune) | {
        "code": d.code, "procedure": d.procedure, "applicant_name": d.applicant_name,
        "address": d.applicant_address, "phone": d.applicant_phone, "email": d.applicant_email,
        "sets": d.sets_count, "days": d.limit_days, "fee": fmt_money(d.fee_amount),
        "received": fmt_time(d.received_at, tpl), "due": fmt_time(d.due_at, tpl),
        "received_date": fmt_date(d.received_at, tpl),
        "delivery_address": d.delivery_address or d.applicant_address,
        "clerk_name": d.received_by, "reason": d.outcome_reason,
        "number": d.register_number, "year": d.received_at.year,
        "mr_mrs": tpl["common"]["mr_mrs"],
    }
    # desk names on forms read "Bộ phận tiếp nhận và trả kết quả" mid-sentence, not in capitals
    return vals


def lookup_text(d: DossierView, tpl: dict[str, Any]) -> str:
    """The QR content: with a hub address, the link to the dossier's status page on the hub
    (:mod:`desk_app.core.status_link`); otherwise the province's look-up link or text
    (settings["lookup_text"], else the template's: the code)."""
    if d.commune.hub_url:
        return status_link(d.commune.hub_url, d.code, d.uuid)
    fmt = d.commune.settings.get("lookup_text") or tpl["common"]["lookup_text"]
    try:
        return str(fmt).format(code=d.code, uuid=d.uuid)
    except (KeyError, ValueError, IndexError):
        return d.code
