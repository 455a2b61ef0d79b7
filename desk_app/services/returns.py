"""The return of the result (F8): who collected it, checked, recorded with the status change.

The collector is the applicant or someone collecting on their behalf (a representative), each
with a name and a CCCD (12 digits) or old CMND (9 digits) number, checked by the rules of
:mod:`desk_app.services.validation`. It is kept in the ``returned`` history event's data, so
it reaches the dossier page, form 06 and the sync payload (``dossier.status`` + ``collector``)
without a schema change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.lifecycle import Status
from desk_app.core.text import nfc
from desk_app.errors import FieldError, ValidationError
from desk_app.services import lifecycle
from desk_app.services import validation as v
from desk_app.services.queue import Visit

COLLECTOR_KINDS = ("applicant", "representative")


@dataclass(frozen=True)
class Collector:
    """Who took the result: ``kind`` is "applicant" or "representative"."""

    kind: str
    full_name: str
    id_number: str

    def cleaned(self) -> Collector:
        return Collector(self.kind, " ".join(nfc(self.full_name).split()),
                         nfc(self.id_number).replace(" ", ""))

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "full_name": self.full_name, "id_number": self.id_number}


def check_collector(c: Collector) -> list[FieldError]:
    errors: list[FieldError] = []
    if c.kind not in COLLECTOR_KINDS:
        errors.append(FieldError("collector.kind", "bad_choice"))
    errors += v.check_name("collector.full_name", c.full_name)
    errors += v.check_id_number("collector.id_number", c.id_number, required=True)
    return errors


def return_result(
    session: Session, clock: Clock, clerk_id: int, dossier_id: int, collector: Collector,
    *, visit: Visit | None = None,
) -> lifecycle.ChangeResult:
    """Hand the result back to ``collector``: validated first, nothing written on an error.
    ``visit``: the queue ticket the counter called for the collector; kept with the dossier
    (:mod:`desk_app.services.ticket_visits`) in the same transaction."""
    collector = collector.cleaned()
    errors = check_collector(collector)
    if errors:
        raise ValidationError(errors)
    return lifecycle.change_status(
        session, clock, clerk_id, dossier_id, Status.RETURNED, collector=collector.to_data(),
        visit=visit)


def collector_of(events: list[Any]) -> dict[str, Any] | None:
    """The collector recorded with the last return among ``events`` (objects with ``data``)."""
    for e in reversed(events):
        data = e.data or {}
        if isinstance(data.get("collector"), dict):
            return dict(data["collector"])
    return None
