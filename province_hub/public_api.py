"""The calls anyone may make, with no credential: ``/healthz`` and ``/api/v1/enrol`` (a desk
trades a one-time code from the province for its credential).

The bodies are read and bounded at the edge like every other route (``edge.EdgeRoute``).
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from annotated_types import Interval
from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from desk_app.sync import protocol as p
from province_hub import auth, edge
from province_hub.answer import Stamped, refusals, stamp
from province_hub.clock import Clock
from province_hub.db import write

log = logging.getLogger("province_hub")


class EnrolIn(BaseModel):
    code: Annotated[str, edge.limit(40)] = Field(description="one-time code issued by the "
                                                             "province, e.g. ABCD-EFGH-JKLM")
    agency_code: edge.AGENCY = Field(description="the desk's commune agency code")
    installation_id: Annotated[str, edge.limit(36, min_length=1, pattern=edge.TOKEN)] = Field(
        description="a UUID the desk made once; same desk on re-enrol")
    desk_name: Annotated[str, edge.limit(1000)] = Field(
        "", description="kept to its first 200 characters")
    counter: Annotated[int, Interval(ge=1, le=9), edge.WHOLE] | None = Field(None, description=(
        "the desk's counter number, the first digit of the daily sequence of its dossier "
        "codes; unique among the commune's desks (409 counter_taken)"))
    secret: Annotated[str, edge.limit(86, pattern=p.SECRET_PATTERN)] | None = Field(
        None, description=(
            "the desk's own new secret (43-86 URL-safe characters): the same request again "
            "(its answer was lost) gets the same credential back"))
    previous_credential: Annotated[str, edge.limit(200)] | None = Field(None, description=(
        "the desk's current credential (even revoked): proves that a re-enrolling desk is "
        "the one enrolled with this installation id (else 409 installation_taken)"))


class EnrolOut(Stamped):
    desk_id: int
    credential: str = Field(description="send as 'Authorization: Bearer <credential>'")
    agency_code: str
    commune_name: str
    counter: int | None = Field(None, description="the desk's counter number at the hub")
    limits: dict[str, int]


def routes(engine: Engine, clock: Clock) -> APIRouter:
    router = APIRouter(route_class=edge.EdgeRoute)

    @router.get("/healthz", response_model=Stamped)
    def healthz() -> dict[str, Any]:
        return stamp({}, clock)

    @router.post(p.API + "/enrol", response_model=EnrolOut,
                 responses=refusals(400, 403, 409, 413, 422))
    def enrol(body: EnrolIn) -> dict[str, Any]:
        """Trade a one-time enrolment code for this desk's credential."""
        with write(engine) as s:
            d, c, credential = auth.enrol(s, body.code, body.agency_code, body.installation_id,
                                          body.desk_name, clock.utc(), secret=body.secret,
                                          counter=body.counter,
                                          previous_credential=body.previous_credential)
            out = {"desk_id": d.id, "credential": credential, "agency_code": c.agency_code,
                   "commune_name": c.name, "counter": d.counter}
        log.info("desk %s enrolled for %s", out["desk_id"], out["agency_code"])
        return stamp(out | {"limits": {"max_batch_events": p.MAX_BATCH_EVENTS,
                                       "max_batch_bytes": p.MAX_BATCH_BYTES}}, clock)

    return router
