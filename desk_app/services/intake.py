"""Intake (tiếp nhận): the three outcomes of a dossier handed in at the desk.

* :func:`receive` - complete: a code is allocated and the due date fixed (form 01).
* :func:`request_supplement` - incomplete: what is missing, in what form, why (form 02).
* :func:`refuse` - cannot be accepted, with the reason (form 03).

All three validate first (nothing is written on a :class:`ValidationError`), then write the
dossier, its components, its first history event, an outbox event and an audit record in the
caller's transaction. A request whose client-made UUID is stored returns that dossier: a retried
or double-clicked save never makes a second record. A request that ``resumes`` a dossier left
waiting for a supplement links the two (:mod:`desk_app.services.resume_link`).
"""

from __future__ import annotations

import uuid as uuid_mod
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core import cccd
from desk_app.core.fees import compute_fee
from desk_app.core.lifecycle import Status
from desk_app.core.permissions import Action
from desk_app.core.text import fold, nfc
from desk_app.errors import FieldError, ValidationError
from desk_app.services import access, audit, resume_link, ticket_visits
from desk_app.services import intake_write as w
from desk_app.services import validation as v
from desk_app.services.counter import COUNTER, REFUSED, intake_counter
from desk_app.services.desk_settings import RESTORED
from desk_app.services.queue import Visit
from desk_app.services.serialize import dossier_payload
from desk_app.store import codes, outbox
from desk_app.store.raw import Raw
from desk_app.store.stamps import stamp


@dataclass
class Person:
    full_name: str = ""
    id_number: str = ""
    birth_date: date | None = None
    gender: str = ""  # "Nam" | "Nữ" | ""
    address: str = ""
    phone: str = ""
    email: str = ""
    relation: str = ""  # representative only: "con", "được ủy quyền" ...
    card_address: str = ""  # the address as the scanned CCCD printed it (old units, maybe)


@dataclass
class Received:
    """Counts handed in for the procedure component at ``position`` (1-based)."""

    position: int
    originals: int = 0
    certified_copies: int = 0
    copies: int = 0


@dataclass
class Missing:
    """One line of form 02: the component, in what form, why."""

    name: str
    originals: int = 0
    certified_copies: int = 0
    copies: int = 0
    reason: str = ""


@dataclass
class IntakeRequest:
    procedure_version_id: int
    applicant: Person
    representative: Person | None = None
    components: list[Received] = field(default_factory=list)
    sets_count: int = 1
    channel: str = "desk"
    delivery: str = "desk"  # desk | post
    delivery_address: str = ""
    note: str = ""
    pages: int = 1  # per-page fee rules only
    uuid: str = field(default_factory=lambda: str(uuid_mod.uuid4()))
    # what the clerk confirmed after checking the original card although the CCCD number
    # contradicts the typed birth year or gender (codes of core.cccd.number_mismatches)
    id_mismatch_acknowledged: list[str] = field(default_factory=list)
    resumes: int | None = None  # the supplement-requested dossier this one resumes (its id)
    visit: Visit | None = None  # the queue ticket the counter called for this citizen, if any


@dataclass(frozen=True)
class IntakeResult:
    dossier_id: int
    uuid: str
    code: str
    status: Status
    received_at: datetime
    due_at: datetime | None
    fee_amount: int
    duplicate: bool = False


def _clean_person(p: Person) -> Person:
    return Person(
        full_name=nfc(p.full_name),
        id_number=nfc(p.id_number).replace(" ", ""),
        birth_date=p.birth_date,
        gender=nfc(p.gender),
        address=nfc(p.address),
        # a valid number is stored as its national digits; a wrong one stays as typed so the
        # check can name what is wrong with it
        phone=v.normalise_phone(p.phone) if v.phone_error(p.phone) is None else nfc(p.phone),
        email=nfc(p.email).lower(),
        relation=nfc(p.relation),
        card_address=nfc(p.card_address),
    )


def id_mismatches(person: Person) -> list[str]:
    """What a well-formed 12-digit CCCD number contradicts in the typed birth date or gender
    (a malformed number is the id check's business)."""
    if v.check_id_number("x", person.id_number) or len(person.id_number) != 12:
        return []
    found = cccd.number_mismatches(person.id_number, person.birth_date, person.gender or None)
    return [p for p in found if p in ("gender", "birth_year")]


def validate_request(
    raw: Raw, req: IntakeRequest, today: date, *, need_complete: bool
) -> tuple[w.VersionInfo, list[FieldError]]:
    """Check everything; returns the procedure version and the list of problems."""
    errors: list[FieldError] = []
    version = w.load_version(raw, req.procedure_version_id)
    if version is None:
        raise ValidationError([FieldError("procedure", "required")])
    if version.effective_from > today or (
        version.effective_to is not None and version.effective_to < today
    ):
        errors.append(FieldError("procedure", "not_in_force"))
    a = req.applicant
    errors += v.check_name("applicant.full_name", a.full_name)
    errors += v.check_id_number("applicant.id_number", a.id_number)
    unconfirmed = [p for p in id_mismatches(a) if p not in req.id_mismatch_acknowledged]
    if unconfirmed:
        errors.append(FieldError("applicant.id_number", "mismatch_unconfirmed",
                                 {"problems": unconfirmed}))
    errors += v.check_birth_date("applicant.birth_date", a.birth_date, today)
    if a.gender not in ("", "Nam", "Nữ"):
        errors.append(FieldError("applicant.gender", "bad_gender"))
    errors += v.check_text("applicant.address", a.address, 400)
    errors += v.check_phone("applicant.phone", a.phone)
    errors += v.check_email("applicant.email", a.email)
    r = req.representative
    if r is not None and (r.full_name or r.id_number or r.phone):
        errors += v.check_name("representative.full_name", r.full_name)
        errors += v.check_id_number("representative.id_number", r.id_number, required=True)
        errors += v.check_phone("representative.phone", r.phone)
    if r is not None:
        errors += v.check_text("representative.relation", r.relation)
    errors += v.check_text("delivery_address", req.delivery_address, 400)
    errors += v.check_text("note", req.note)
    if not 1 <= req.sets_count <= 99:
        errors.append(FieldError("sets_count", "out_of_range", {"min": 1, "max": 99}))
    if req.delivery not in ("desk", "post"):
        errors.append(FieldError("delivery", "bad_choice"))
    elif req.delivery == "post" and not (req.delivery_address or a.address):
        errors.append(FieldError("delivery_address", "required"))
    if req.channel not in ("desk", "online", "post"):
        errors.append(FieldError("channel", "bad_choice"))
    if req.pages < 1:
        errors.append(FieldError("pages", "out_of_range", {"min": 1}))
    given = {c.position: c for c in req.components}
    positions = {c.position for c in version.components}
    for pos in given:
        if pos not in positions:
            errors.append(FieldError(f"components.{pos}", "unknown_component"))
    for c in given.values():
        if min(c.originals, c.certified_copies, c.copies) < 0:
            errors.append(FieldError(f"components.{c.position}", "negative"))
    if need_complete:
        for comp in version.components:
            got = given.get(comp.position)
            if comp.required and (
                got is None
                or got.originals < comp.originals
                or got.certified_copies < comp.certified_copies
                or got.copies < comp.copies
            ):
                errors.append(FieldError(f"components.{comp.position}", "missing"))
    return version, errors


_INTAKE_ACTION = {Status.RECEIVED: Action.RECEIVE, Status.SUPPLEMENT_REQUESTED: Action.SUPPLEMENT,
                  Status.REFUSED: Action.REFUSE}
_AUDIT_ACTION = {s: f"dossier.{a.value}" for s, a in _INTAKE_ACTION.items()}


def _write(
    session: Session,
    clock: Clock,
    clerk_id: int,
    req: IntakeRequest,
    status: Status,
    *,
    reason: str = "",
    missing: list[Missing] | None = None,
) -> IntakeResult:
    req.applicant = _clean_person(req.applicant)
    if req.representative is not None:
        req.representative = _clean_person(req.representative)
    req.delivery_address = nfc(req.delivery_address)
    req.note = nfc(req.note)
    reason = nfc(reason)
    raw = Raw(session)
    clerk = w.clerk_row(raw, clerk_id) or (clerk_id, "", "", False)
    access.check(clerk_id, clerk[3], clerk[2], _INTAKE_ACTION[status])
    dup = w.existing(raw, req.uuid)
    if dup is not None:
        return IntakeResult(dup[0], dup[1], dup[2], Status(dup[3]), dup[4], dup[5], dup[6], True)
    now = stamp(session, clock.now(), raw)  # never earlier than the last receipt or event
    version, errors = validate_request(raw, req, now.date(),
                                       need_complete=status is Status.RECEIVED)
    if status is not Status.RECEIVED:
        errors += v.check_text("reason", reason, required=True)
    if status is Status.SUPPLEMENT_REQUESTED and not missing:
        errors.append(FieldError("missing", "required"))
    for i, line in enumerate(missing or []):
        errors += v.check_text(f"missing.{i}.name", nfc(line.name))
        errors += v.check_text(f"missing.{i}.reason", nfc(line.reason))
    if errors:
        raise ValidationError(errors)
    commune = w.load_commune(raw)
    first = None if req.resumes is None else resume_link.check_resumable(session, req.resumes)
    due = None
    if status is Status.RECEIVED:
        due = w.load_calendar(raw, commune).due_at(now, w.limit_of(version))
    values = w.settings(raw, RESTORED, COUNTER, REFUSED)
    counter = intake_counter(values.get(COUNTER), values.get(REFUSED))
    if values.get(RESTORED) is not None:  # restored, the province not asked yet
        codes.reserve_after_restore(raw, commune.agency_code, now.date())
    code = codes.allocate_code(raw, commune.code_format, commune.agency_code, now.date(), counter)
    a, r = req.applicant, req.representative or Person()
    given = {c.position: c for c in req.components}
    fee = compute_fee(version.fee_rule, req.pages, req.sets_count) \
        if status is Status.RECEIVED else 0
    dossier = {
        "uuid": req.uuid, "code": code, "commune_id": commune.id,
        "procedure_version_id": version.id, "status": status.value, "channel": req.channel,
        "sets_count": req.sets_count, "applicant_name": a.full_name,
        "applicant_id_number": a.id_number, "applicant_birth_date": a.birth_date,
        "applicant_gender": a.gender, "applicant_address": a.address,
        "applicant_address_card": a.card_address[:400], "applicant_phone": a.phone,
        "applicant_email": a.email, "rep_name": r.full_name, "rep_id_number": r.id_number,
        "rep_phone": r.phone, "rep_relation": r.relation,
        "search_folded": fold(" | ".join(x for x in (a.full_name, a.address, r.full_name) if x)),
        "delivery": req.delivery,
        "delivery_address": req.delivery_address or (a.address if req.delivery == "post" else ""),
        "fee_amount": fee, "note": req.note, "outcome_reason": reason, "received_at": now,
        "received_by": clerk[0], "due_at": due, "original_due_at": due, "updated_at": now,
    }
    missing_by_name = {m.name: m for m in missing or []}
    components = []
    for comp in version.components:
        got = given.get(comp.position, Received(comp.position))
        miss = missing_by_name.get(comp.name)
        components.append({
            "position": comp.position, "name": comp.name, "required": comp.required,
            "originals_required": comp.originals,
            "certified_copies_required": comp.certified_copies,
            "copies_required": comp.copies, "originals": got.originals,
            "certified_copies": got.certified_copies, "copies": got.copies,
            "missing_note": nfc(miss.reason) if miss else ""})
    event_data: dict = {}
    acknowledged = id_mismatches(req.applicant)
    if acknowledged:  # the clerk checked the card: kept with the dossier, sent to the province
        event_data["id_mismatch_acknowledged"] = acknowledged
    if missing:
        event_data["missing"] = [
            {"name": nfc(m.name), "originals": m.originals,
             "certified_copies": m.certified_copies, "copies": m.copies,
             "reason": nfc(m.reason)}
            for m in missing
        ]
    new = SimpleNamespace(uuid=req.uuid, code=code)
    if first is not None:
        event_data["resumed_from"] = resume_link.link_of(first)
    dossier_id = w.insert_dossier(raw, dossier, components, {
        "at": now, "clerk_id": clerk[0], "action": "intake", "from_status": "",
        "to_status": status.value, "reason": reason, "data": event_data})
    ticket = {}
    if req.visit is not None:  # the visit ends here, whatever the outcome (ticket_visits)
        ticket_visits.write_raw(raw, req.visit, dossier_id, "intake", now)
        ticket = {"ticket": ticket_visits.payload_of(req.visit, now)}
    outbox.append_raw(
        raw, entity="dossier", entity_uuid=req.uuid, kind="dossier.intake",
        payload=dossier_payload(dossier, components, commune.agency_code, version)
        | {"intake": event_data} | ticket, at=now)
    if first is not None:
        resume_link.mark_resumed(session, first, new, SimpleNamespace(
            id=clerk[0], username=clerk[1]), now)
        session.flush()  # its rows before the audit record's, as they were made
    audit.record(session, clerk[0], _AUDIT_ACTION[status], now, dossier=new, change={
        "status": status.value, "procedure": version.national_code, "reason": reason}, raw=raw,
        username=clerk[1], agency_code=commune.agency_code)
    return IntakeResult(dossier_id, req.uuid, code, status, now, due, fee)


def receive(session: Session, clock: Clock, clerk_id: int, req: IntakeRequest) -> IntakeResult:
    """Receive a complete dossier: code, due date, history, outbox."""
    return _write(session, clock, clerk_id, req, Status.RECEIVED)


def request_supplement(
    session: Session, clock: Clock, clerk_id: int, req: IntakeRequest,
    missing: list[Missing], reason: str,
) -> IntakeResult:
    """Record an incomplete dossier and what it lacks (form 02)."""
    return _write(
        session, clock, clerk_id, req, Status.SUPPLEMENT_REQUESTED, reason=reason, missing=missing
    )


def refuse(
    session: Session, clock: Clock, clerk_id: int, req: IntakeRequest, reason: str
) -> IntakeResult:
    """Record a dossier the desk cannot accept and why (form 03)."""
    return _write(session, clock, clerk_id, req, Status.REFUSED, reason=reason)


def missing_components(session: Session, req: IntakeRequest) -> list[Missing]:
    """What a request lacks against its procedure version (to pre-fill form 02)."""
    version = w.load_version(Raw(session), req.procedure_version_id)
    if version is None:
        return []
    given = {c.position: c for c in req.components}
    out = []
    for comp in version.components:
        got = given.get(comp.position, Received(comp.position))
        if not comp.required:
            continue
        need = (
            max(0, comp.originals - got.originals),
            max(0, comp.certified_copies - got.certified_copies),
            max(0, comp.copies - got.copies),
        )
        if any(need):
            out.append(Missing(comp.name, *need))
    return out
