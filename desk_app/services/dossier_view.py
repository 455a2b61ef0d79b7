"""One dossier read once into plain values: the dossier with its procedure version, the names of
its clerks, its components and its history, and the dossiers it is linked to.

The one query both readers of a whole dossier use: the dossier page
(:mod:`desk_app.gui.dossier.view_data`) and the printed forms (:mod:`desk_app.printing.context`).
Each turns the record into its own view; neither queries the store's models for the dossier.
A clerk no longer on the desk reads as an empty name; the reader decides how to show that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from desk_app.core.lifecycle import RESUMABLE, Status
from desk_app.services.returns import collector_of
from desk_app.services.ticket_visits import seconds
from desk_app.store.models import Dossier, DossierEvent
from desk_app.store.models_queue import TicketVisit
from desk_app.store.raw import Raw


@dataclass(frozen=True)
class ComponentRecord:
    position: int
    name: str
    originals: int
    certified_copies: int
    copies: int
    originals_required: int
    certified_copies_required: int
    copies_required: int
    missing_note: str
    digitised: bool = False  # has a current scanned document (issue 16)


@dataclass(frozen=True)
class EventRecord:
    at: datetime
    clerk_name: str
    action: str
    from_status: str
    to_status: str
    reason: str
    data: dict[str, Any]


@dataclass(frozen=True)
class VisitRecord:
    """A queue ticket served with the dossier (issue 17: ``ticket_visits``)."""

    occasion: str  # intake | return
    label: str  # the ticket's number as printed: "007"
    day: date
    counter: int
    wait_s: int  # issued -> first called
    service_s: int  # called -> the dossier saved


@dataclass(frozen=True)
class DossierRecord:
    id: int
    uuid: str
    code: str
    status: str
    commune_id: int
    procedure: str  # the version's name
    procedure_code: str  # the national code of the procedure
    limit_kind: str
    limit_days: int
    sets_count: int
    applicant_name: str
    applicant_id_number: str
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
    received_by: str  # the clerk's full name
    due_at: datetime | None
    original_due_at: datetime | None
    returned_at: datetime | None
    return_timing: str
    components: tuple[ComponentRecord, ...]
    events: tuple[EventRecord, ...]
    resumable: bool  # left waiting for a supplement: can be taken up again
    resumed_from: tuple[str, int | None] | None  # (code, id) of the dossier it resumed
    resumed_by: tuple[str, int | None] | None  # (code, id) of the dossier resuming it
    collector: dict[str, Any] | None  # who collected the result
    visits: tuple[VisitRecord, ...] = ()  # the queue tickets it was served with


_DOSSIER_COLUMNS = (
    "id", "uuid", "code", "status", "commune_id", "sets_count", "applicant_name",
    "applicant_id_number", "applicant_address", "applicant_phone", "applicant_email",
    "rep_name", "rep_phone", "rep_relation", "delivery", "delivery_address", "fee_amount",
    "outcome_reason", "received_at", "received_by", "due_at", "original_due_at", "returned_at",
    "return_timing")
_DOSSIER_SQL = (
    "SELECT " + ", ".join(f"d.{c}" for c in _DOSSIER_COLUMNS)
    + ", v.name, p.national_code, v.limit_kind, v.limit_days FROM dossiers d"
    " JOIN procedure_versions v ON v.id = d.procedure_version_id"
    " JOIN procedures p ON p.id = v.procedure_id WHERE d.id = ?")
_TIMES = ("received_at", "due_at", "original_due_at", "returned_at")


def load_dossier_record(session: Session, dossier_id: int) -> DossierRecord | None:
    """The dossier ``dossier_id`` with everything a page or a form shows, or None.

    Five small reads on the session's cursor (:class:`~desk_app.store.raw.Raw`): a form 01
    printed from the store spent about 40% of its time in the ORM's loading of these rows."""
    raw = Raw(session)
    row = raw.one(_DOSSIER_SQL, (dossier_id,))
    if row is None:
        return None
    t_d, t_e = Dossier.__table__, DossierEvent.__table__
    d = dict(zip(_DOSSIER_COLUMNS, row, strict=False))
    for col in _TIMES:
        d[col] = raw.reader(t_d, col)(d[col])  # type: ignore[arg-type]
    name, code, limit_kind, limit_days = row[len(_DOSSIER_COLUMNS):]
    at, data = raw.reader(t_e, "at"), raw.reader(t_e, "data")  # type: ignore[arg-type]
    events = [SimpleNamespace(at=at(e[0]), clerk_id=e[1], action=e[2], from_status=e[3] or "",
                              to_status=e[4] or "", reason=e[5] or "", data=data(e[6]) or {})
              for e in raw.all("SELECT at, clerk_id, action, from_status, to_status, reason,"
                               " data FROM dossier_events WHERE dossier_id = ? ORDER BY id",
                               (dossier_id,))]
    clerk_ids = sorted({d["received_by"], *(e.clerk_id for e in events)})
    names: dict[int, str] = dict(raw.all(
        f"SELECT id, full_name FROM clerks WHERE id IN ({', '.join('?' * len(clerk_ids))})",
        clerk_ids))
    components = tuple(
        ComponentRecord(*c) for c in raw.all(
            "SELECT position, name, originals, certified_copies, copies, originals_required,"
            " certified_copies_required, copies_required, missing_note,"
            " scan_document_id IS NOT NULL FROM dossier_components"
            " WHERE dossier_id = ? ORDER BY position, id", (dossier_id,)))
    return DossierRecord(
        **{c: d[c] for c in _DOSSIER_COLUMNS if c != "received_by"},
        procedure=name, procedure_code=code, limit_kind=limit_kind, limit_days=limit_days or 0,
        received_by=names.get(d["received_by"], ""), components=components,
        events=tuple(
            EventRecord(e.at, names.get(e.clerk_id, ""), e.action, e.from_status, e.to_status,
                        e.reason, dict(e.data)) for e in events),
        resumable=Status(d["status"]) in RESUMABLE,
        resumed_from=_link(raw, events, "resumed_from"),
        resumed_by=_link(raw, events, "resumed_by"),
        collector=collector_of(events),
        visits=_visits(raw, dossier_id),
    )


def _visits(raw: Raw, dossier_id: int) -> tuple[VisitRecord, ...]:
    t = TicketVisit.__table__
    day, time = raw.reader(t, "day"), raw.reader(t, "issued_at")  # type: ignore[arg-type]
    return tuple(
        VisitRecord(occasion, f"{number:03d}", day(d), counter,
                    seconds(time(issued), time(called)), seconds(time(called), time(served)))
        for occasion, number, d, counter, issued, called, served in raw.all(
            "SELECT occasion, number, day, counter, issued_at, called_at, served_at"
            " FROM ticket_visits WHERE dossier_id = ? ORDER BY id", (dossier_id,)))


def _link(raw: Raw, events: list[Any], key: str) -> tuple[str, int | None] | None:
    """The linked dossier named in an event's data: its code, and its id if stored here."""
    for e in events:
        link = (e.data or {}).get(key)
        if isinstance(link, dict):
            other = raw.one("SELECT id FROM dossiers WHERE uuid = ?", (link.get("uuid"),))
            return str(link.get("code", "")), other[0] if other else None
    return None
