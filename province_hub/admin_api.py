"""The province's own calls, under ``/api/v1/admin``: enrolment codes, the desks (list, revoke,
ask to rotate), the summary, problems, publishing catalogue releases and calendar overrides,
upstream status changes.

Every route here is on ``access.admin_router``: the router's guard has let only a valid,
unexpired province admin token through before a handler runs (or the body is read). What each
call takes and gives is in ``admin_models``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Path, Query
from sqlalchemy import Engine, select

from desk_app.core.text import nfc
from province_hub import auth, edge, feed
from province_hub.access import AdminGuard, admin_router
from province_hub.admin_models import (
    CalendarIn,
    CatalogueRelease,
    CodeIn,
    CodeOut,
    CursorOut,
    DeskRevokedOut,
    DeskRotateOut,
    DesksOut,
    ProblemsOut,
    StatusIn,
    SummaryOut,
)
from province_hub.answer import Fail, refusals, stamp
from province_hub.clock import Clock
from province_hub.db import read, write
from province_hub.models import Desk, EventProblem
from province_hub.summary import summary

CATALOGUE_BYTES = 4 * 1024 * 1024  # the national catalogue of a commune is ~100 KB
DESK_ID = Path(ge=1, le=2_147_483_647, description="the number in dk.<number>.<secret>")


def routes(engine: Engine, guard: AdminGuard, clock: Clock) -> APIRouter:
    router = admin_router(guard)

    @router.post("/codes", response_model=CodeOut, responses=refusals(400, 413, 422))
    def admin_code(body: CodeIn) -> dict[str, Any]:
        """Issue a one-time enrolment code for a commune (created if new)."""
        with write(engine) as s:
            code = auth.issue_code(s, body.agency_code, body.name, clock.utc(),
                                   timedelta(days=body.valid_days))
        return stamp({"code": code, "agency_code": body.agency_code}, clock)

    @router.get("/summary", response_model=SummaryOut, responses=refusals(422))
    def admin_summary(start: edge.IsoDate | None = None, end: edge.IsoDate | None = None,
                      as_of: edge.IsoDateTime | None = None) -> dict[str, Any]:
        """Per commune: received, on time, late, overdue (as of ``as_of``, Vietnam time;
        default now), satisfaction. ``start``/``end``: days of receipt, inclusive."""
        now_local = as_of.replace(tzinfo=None) if as_of else clock.vn_local()
        if end is not None and end >= date.max:  # up to the last day there is: no bound
            end = None
        with read(engine) as s:
            return stamp({"communes": summary(s, now_local, start, end)}, clock)

    @router.get("/problems", response_model=ProblemsOut, responses=refusals(422))
    def admin_problems(limit: int = Query(100, ge=1, le=1000)) -> dict[str, Any]:
        """The latest problems, newest first: conflicts and refusals (events not stored),
        and flags on stored events (``future_stamp``: stamped ahead of the hub's clock;
        ``province_change_rejected``: a desk could not apply a province status change); and
        desks whose rating chain has problems."""
        with read(engine) as s:
            rows = s.scalars(select(EventProblem).order_by(EventProblem.id.desc()).limit(limit))
            problems = [{"uuid": r.uuid, "desk_id": r.desk_id, "problem": r.problem,
                         "reason": r.reason, "received_at": r.received_at.isoformat(),
                         "kind": _text_or_none(r.event.get("kind")),
                         "entity_uuid": _text_or_none(r.event.get("entity_uuid")),
                         "created_at": _text_or_none(r.event.get("created_at"))}
                        for r in rows]
            chains = [{"desk_id": d.id, "problems": d.chain_problems} for d in s.scalars(
                select(Desk).where(Desk.chain_problems != [])) if d.chain_problems]
        return stamp({"events": problems, "rating_chains": chains}, clock)

    @router.post("/catalogue", response_model=CursorOut,
                 responses=refusals(400, 409, 413, 422),
                 openapi_extra={"x-max-body-bytes": CATALOGUE_BYTES})
    def admin_catalogue(body: CatalogueRelease) -> dict[str, Any]:
        """Publish a catalogue release (the JSON format of resources/catalogue) to all desks.
        Two procedures with one code (after trimming): 409 ``duplicate_procedure``."""
        codes = [nfc(x.code) for x in body.procedures]
        if len(set(codes)) != len(codes):
            raise Fail(409, "duplicate_procedure", "a procedure code is listed twice")
        release = body.model_dump(mode="json", exclude_unset=True)
        with write(engine) as s:
            try:
                item = feed.publish_catalogue(s, release, clock.utc())
            except ValueError as exc:  # the model should have caught it: say what it missed
                raise Fail(422, "bad_catalogue", str(exc)[:300]) from exc
            return stamp({"cursor": item.id}, clock)

    @router.post("/calendar", response_model=CursorOut, responses=refusals(400, 404, 413, 422))
    def admin_calendar(body: CalendarIn) -> dict[str, Any]:
        """Publish a day off / make-up working day (for one commune or all)."""
        with write(engine) as s:
            commune_id = None
            if body.agency_code:
                c = feed.commune_by_code(s, body.agency_code)
                if c is None:
                    raise Fail(404, "unknown_commune")
                commune_id = c.id
            item = feed.publish_calendar(s, body.day.isoformat(), body.kind, body.note,
                                         clock.utc(), commune_id)
            return stamp({"cursor": item.id}, clock)

    @router.post("/dossiers/{uuid}/status", response_model=CursorOut,
                 responses=refusals(400, 404, 409, 413, 422))
    def admin_status(uuid: edge.UUID_TEXT, body: StatusIn) -> dict[str, Any]:
        """Record a status change made upstream; the commune's desks pull it. 409 when the
        life cycle does not allow it from the dossier's status at the hub."""
        with write(engine) as s:
            try:
                item = feed.upstream_status(s, uuid, body.to.value, body.reason, body.by,
                                            clock.utc())
            except ValueError as exc:
                raise Fail(422, "bad_status", str(exc)) from exc
            except feed.TransitionRefused as exc:  # the life cycle, as at the desk
                detail = f"{exc.current} -> {exc.target}"
                if exc.code == "transition_final":
                    raise Fail(409, "transition_final", detail) from exc
                raise Fail(409, "transition_not_allowed", detail) from exc
            if item is None:
                raise Fail(404, "not_found")
            return stamp({"cursor": item.id}, clock)

    @router.get("/desks", response_model=DesksOut, responses=refusals(422))
    def admin_desks(agency_code: edge.AGENCY | None = None) -> dict[str, Any]:
        """The enrolled desks (of one commune, or all): counter number, last seen, revoked,
        rotation asked or pending."""
        with read(engine) as s:
            return stamp({"desks": auth.desk_rows(s, agency_code)}, clock)

    @router.post("/desks/{desk_id}/revoke", response_model=DeskRevokedOut,
                 responses=refusals(404, 422))
    def admin_revoke_desk(desk_id: int = DESK_ID) -> dict[str, Any]:
        """Stop a desk's credential at once (the desk says so in words and offers to enrol
        again; it keeps everything it has not sent). Its counter number is free again."""
        with write(engine) as s:
            if not auth.revoke_desk(s, desk_id, clock.utc()):
                raise Fail(404, "not_found")
        return stamp({"desk_id": desk_id, "revoked": True}, clock)

    @router.post("/desks/{desk_id}/rotate", response_model=DeskRotateOut,
                 responses=refusals(404, 422))
    def admin_rotate_desk(desk_id: int = DESK_ID) -> dict[str, Any]:
        """Ask a desk to rotate its credential: it does at its next sync, losing nothing."""
        with write(engine) as s:
            if not auth.request_rotation(s, desk_id):
                raise Fail(404, "not_found")
        return stamp({"desk_id": desk_id, "rotate_requested": True}, clock)

    return router


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
