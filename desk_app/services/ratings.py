"""Satisfaction ratings at the counter: recording, the chain check and the desk's figures.

Each rating is its own append-only row (never a counter), chained by hash per desk
(:mod:`desk_app.core.ratingchain`) and sent to the province as an outbox event
(entity ``rating``, kind ``rating.recorded``, payload = the full chained record) in the same
transaction.

Counting once:

* the GUI makes the rating's UUID when it offers the slip; recording the same UUID again (a
  double tap, a retried save) returns the stored rating and writes nothing;
* a second rating of the same visit (same dossier and occasion, e.g. the slip offered twice
  after a return) is **kept, flagged** ``repeat`` and left out of the figures. It is not
  refused: the province's rule is to keep suspected misuse flagged, never to lose a record.
"""

from __future__ import annotations

import uuid as uuid_mod
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Text, func, literal, select, type_coerce
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.core.rating_settings import (
    REPEAT,
    FormError,
    RatingForm,
    default_form,
    parse_form,
)
from desk_app.core.ratingchain import GENESIS, ChainProblem, check_chain, seal
from desk_app.core.text import nfc
from desk_app.errors import FieldError, NotFoundError, ValidationError
from desk_app.services import ticket_visits
from desk_app.services.access import require
from desk_app.services.serialize import iso
from desk_app.services.validation import check_chars
from desk_app.store import outbox
from desk_app.store.models import (
    Clerk,
    Commune,
    Dossier,
    OutboxEvent,
    Procedure,
    ProcedureVersion,
    Setting,
)
from desk_app.store.models_rating import Rating
from desk_app.store.stamps import stamp

FORM_SETTING = "rating"
DESK_SETTING = "rating.desk_uuid"
RECORDED = "rating.recorded"  # outbox kind
COMMENT_MAX = 500
# repeat: a second rating of the same visit (kept, not counted); unconfirmed: the citizen chose
# a level but the screen reset (timeout, next citizen) before "Gửi" was pressed (counted)
UNCONFIRMED = "unconfirmed"
KNOWN_FLAGS = frozenset({REPEAT, UNCONFIRMED})


@dataclass
class RatingInput:
    """What the citizen chose. ``uuid`` is made when the slip is offered (see module doc)."""

    dossier_id: int
    occasion: str  # return | intake
    overall: str
    criteria: dict[str, str] = field(default_factory=dict)
    comment: str = ""
    flags: tuple[str, ...] = ()  # set by the caller: "unconfirmed" (see KNOWN_FLAGS)
    uuid: str = field(default_factory=lambda: str(uuid_mod.uuid4()))


@dataclass(frozen=True)
class Recorded:
    rating_id: int
    uuid: str
    seq: int
    hash: str
    flags: tuple[str, ...]
    already_stored: bool = False


@dataclass(frozen=True)
class Visit:
    """What the citizen's screen shows about the dossier being rated (no personal data)."""

    dossier_id: int
    code: str
    procedure_name: str


def load_form(session: Session) -> RatingForm:
    """The commune's slip from the settings, or the bundled default when absent or unusable."""
    row = session.get(Setting, FORM_SETTING)
    if row is not None and row.value:
        try:
            return parse_form(row.value)
        except FormError:
            pass  # a broken setting must not stop the desk; the default slip applies
    return default_form()


def desk_id(session: Session) -> str:
    """This desk's rating-chain identity (setting ``rating.desk_uuid``, made on first use).

    A UUID made by the desk itself, so ratings chain from the first one, before or without
    enrolment with the province; the hub verifies one chain per value of ``desk``.
    """
    row = session.get(Setting, DESK_SETTING)
    if row is None:
        row = Setting(key=DESK_SETTING, value=str(uuid_mod.uuid4()))
        session.add(row)
        session.flush()
    return str(row.value)


def visit(session: Session, dossier_id: int) -> Visit:
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise NotFoundError("dossier_not_found", f"dossier {dossier_id}")
    return Visit(dossier.id, dossier.code, dossier.procedure_version.name)


def record_of(r: Rating) -> dict[str, Any]:
    """The rating as it is chained, stored in the outbox and sent to the province. ``wait_s``
    and ``service_s`` are in it only when the visit came with a queue ticket: a rating without
    them is the record it always was, so older chains hash (and verify) as before."""
    record = {
        "uuid": r.uuid,
        "seq": r.seq,
        "desk": r.desk,
        "agency_code": r.agency_code,
        "dossier_uuid": r.dossier_uuid,
        "dossier_code": r.dossier_code,
        "procedure_code": r.procedure_code,
        "clerk": r.clerk,
        "occasion": r.occasion,
        "at": iso(r.at),
        "form": r.form,
        "overall": r.overall,
        "criteria": dict(sorted(r.criteria.items())),
        "comment": r.comment,
        "flags": list(r.flags),
        "prev_hash": r.prev_hash,
        "hash": r.hash,
    }
    if r.wait_s is not None:
        record["wait_s"] = r.wait_s
    if r.service_s is not None:
        record["service_s"] = r.service_s
    return record


def _validate(form: RatingForm, inp: RatingInput) -> list[FieldError]:
    errors: list[FieldError] = []
    if inp.occasion not in ("return", "intake"):
        errors.append(FieldError("occasion", "unknown", {"value": inp.occasion}))
    if not inp.overall:
        errors.append(FieldError("overall", "required"))
    elif form.overall.level(inp.overall) is None:
        errors.append(FieldError("overall", "unknown_level", {"value": inp.overall}))
    allowed = {q.code: q for q in form.criteria_for(inp.occasion)}
    for code, level in inp.criteria.items():
        q = allowed.get(code)
        if q is None:
            errors.append(FieldError(code, "unknown_question"))
        elif q.level(level) is None:
            errors.append(FieldError(code, "unknown_level", {"value": level}))
    if len(nfc(inp.comment)) > COMMENT_MAX:
        errors.append(FieldError("comment", "too_long", {"max": COMMENT_MAX}))
    errors += check_chars("comment", inp.comment)  # the phrases come from the slip's setting
    if not set(inp.flags) <= KNOWN_FLAGS:
        errors.append(FieldError("flags", "unknown", {"value": sorted(inp.flags)}))
    try:
        uuid_mod.UUID(inp.uuid)
    except ValueError:
        errors.append(FieldError("uuid", "invalid"))
    return errors


def record_rating(
    session: Session, clock: Clock, clerk_id: int, inp: RatingInput,
    form: RatingForm | None = None,
) -> Recorded:
    """Append one rating (and its outbox event) to the caller's transaction.

    Call inside ``store.write()`` (``BEGIN IMMEDIATE``): the next ``seq`` and the previous hash
    are read under the write lock, so two windows never chain two ratings to the same parent.
    """
    existing = session.scalar(select(Rating).where(Rating.uuid == inp.uuid))
    if existing is not None:
        return Recorded(existing.id, existing.uuid, existing.seq, existing.hash,
                        tuple(existing.flags), already_stored=True)
    form = form or load_form(session)
    errors = _validate(form, inp)
    if errors:
        raise ValidationError(errors)
    dossier = session.get(Dossier, inp.dossier_id)
    if dossier is None:
        raise NotFoundError("dossier_not_found", f"dossier {inp.dossier_id}")
    clerk = session.get(Clerk, clerk_id)
    if clerk is None:
        raise NotFoundError("clerk_not_found", f"clerk {clerk_id}")
    commune = session.get(Commune, dossier.commune_id)
    assert commune is not None  # dossiers.commune_id is a foreign key
    desk = desk_id(session)
    last = session.scalars(
        select(Rating).where(Rating.desk == desk).order_by(Rating.seq.desc()).limit(1)
    ).first()
    flags = list(dict.fromkeys(inp.flags))  # de-duplicated, order kept
    seen = session.scalar(
        select(func.count(Rating.id)).where(
            Rating.dossier_id == dossier.id, Rating.occasion == inp.occasion
        )
    )
    if seen:
        flags.append(REPEAT)
    at = stamp(session, clock.now())  # never earlier than the desk's last receipt or event
    wait_s, service_s = ticket_visits.times_for_rating(session, dossier.id, inp.occasion, at)
    row = Rating(
        uuid=inp.uuid, desk=desk, seq=(last.seq + 1) if last else 1,
        agency_code=commune.agency_code, dossier_id=dossier.id, dossier_uuid=dossier.uuid,
        dossier_code=dossier.code,
        procedure_code=dossier.procedure_version.procedure.national_code,
        clerk_id=clerk.id, clerk=clerk.username, occasion=inp.occasion,
        at=at, wait_s=wait_s, service_s=service_s, form=form.id, overall=inp.overall,
        criteria=dict(sorted(inp.criteria.items())),
        comment=nfc(inp.comment).strip(), flags=flags,
        prev_hash=last.hash if last else GENESIS, hash="",
    )
    sealed = seal(row.prev_hash, record_of(row))
    row.hash = sealed["hash"]
    session.add(row)
    session.flush()
    outbox.append(
        session, entity="rating", entity_uuid=row.uuid, kind=RECORDED,
        payload=sealed, at=row.at,
    )
    return Recorded(row.id, row.uuid, row.seq, row.hash, tuple(flags))


def stored_chains(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every stored rating rebuilt as its record, per desk, in ``seq`` order."""
    chains: dict[str, list[dict[str, Any]]] = defaultdict(list)
    # plain rows, not ORM objects: the check reads every rating the desk ever took
    rows = session.execute(
        select(Rating.__table__).order_by(Rating.desk, Rating.seq, Rating.id)
    )
    for r in rows:
        chains[r.desk].append(record_of(r))  # type: ignore[arg-type]
    return dict(chains)


def check_stored_chain(session: Session) -> list[ChainProblem]:
    """Problems in the stored ratings (edited, deleted, inserted rows); ``[]`` when intact.

    Besides the chain itself, each rating is compared with its copy in the outbox (the record
    as queued for the province): that also catches the deletion of the *last* rating, which a
    hash chain alone cannot see, and a chain rewritten with recomputed hashes. Comparing the
    hashes is enough: the chain check has just shown each row matches its own hash.
    """
    problems: list[ChainProblem] = []
    chains = stored_chains(session)
    for records in chains.values():
        problems.extend(check_chain(records))
    stored = {r["uuid"]: r["hash"] for records in chains.values() for r in records}
    sent = session.execute(
        select(func.json_extract(OutboxEvent.payload, "$.uuid"),
               func.json_extract(OutboxEvent.payload, "$.seq"),
               func.json_extract(OutboxEvent.payload, "$.hash"))
        .where(OutboxEvent.kind == RECORDED).order_by(OutboxEvent.id)
    )
    for rating_uuid, seq, sent_hash in sent:
        mine = stored.get(rating_uuid)
        if mine is None:
            problems.append(ChainProblem("missing", seq, "in the outbox but not in ratings"))
        elif mine != sent_hash:
            problems.append(ChainProblem("edited", seq, "differs from its outbox copy"))
    return problems


def recheck_chain(session: Session, clock: Clock, clerk_id: int) -> list[ChainProblem]:
    """:func:`check_stored_chain` on a desk leader's (or admin's) request."""
    require(session, clerk_id, Action.RATING_FIGURES)
    return check_stored_chain(session)


# --- figures for the desk leader -----------------------------------------------------------

GROUPS = ("clerk", "procedure", "month")


@dataclass
class FigureRow:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=dict)  # overall level code -> ratings
    total: int = 0
    positive: int = 0

    @property
    def positive_pct(self) -> float:
        return 100.0 * self.positive / self.total if self.total else 0.0


def figures(
    session: Session, *, start: date, end: date, by: str, form: RatingForm | None = None,
) -> tuple[list[FigureRow], FigureRow]:
    """Ratings between ``start`` and ``end`` (inclusive) grouped ``by`` clerk, procedure or
    month, plus the total row. Ratings flagged ``repeat`` are not counted."""
    if by not in GROUPS:
        raise ValueError(f"by must be one of {GROUPS}")
    form = form or load_form(session)
    positive = form.positive_codes()
    key_col = {"clerk": Rating.clerk_id, "procedure": Rating.procedure_code,
               "month": func.strftime("%Y-%m", Rating.at)}[by]
    # counted in SQL: a year of a busy desk is ~25,000 rows, the answer a few dozen
    not_repeat = func.instr(type_coerce(Rating.flags, Text), literal(f'"{REPEAT}"', Text)) == 0
    rows = session.execute(
        select(key_col, Rating.overall, func.count())
        .where(Rating.at >= datetime.combine(start, time.min),
               Rating.at <= datetime.combine(end, time.max), not_repeat)
        .group_by(key_col, Rating.overall)
    ).all()
    groups: dict[str, FigureRow] = {}
    total = FigureRow("", "")
    for key_value, overall, count in rows:
        key = str(key_value)
        row = groups.setdefault(key, FigureRow(key, key))
        for target in (row, total):
            target.counts[overall] = target.counts.get(overall, 0) + count
            target.total += count
            target.positive += count if overall in positive else 0
    _label(session, by, groups)
    ordered = sorted(groups.values(), key=lambda r: (r.key if by == "month" else r.label))
    return ordered, total


def _label(session: Session, by: str, groups: dict[str, FigureRow]) -> None:
    if by == "clerk" and groups:
        ids = [int(k) for k in groups]
        for cid, name in session.execute(
            select(Clerk.id, Clerk.full_name).where(Clerk.id.in_(ids))
        ):
            groups[str(cid)].label = name
    elif by == "procedure" and groups:
        latest = (
            select(Procedure.national_code, ProcedureVersion.name)
            .join(ProcedureVersion)
            .where(Procedure.national_code.in_(list(groups)))
            .order_by(ProcedureVersion.effective_from)
        )
        for code, name in session.execute(latest):  # later versions overwrite earlier names
            groups[code].label = f"{name} ({code})"
    elif by == "month":
        for key, row in groups.items():
            year, month = key.split("-")
            row.label = f"{int(month):02d}/{year}"
