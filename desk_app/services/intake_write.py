"""Writing an intake (the hot path of the desk): what :mod:`desk_app.services.intake` decided,
stored through the session's cursor (:class:`~desk_app.store.raw.Raw`).

A receipt reads a dozen small rows (the clerk, the procedure version and its components, the
commune, the calendar, four settings, the last stamp, the last audit record) and writes eleven
(the code's counter, the dossier, its components, its first history event, its outbox event, an
audit record and that record's outbox event), all in the caller's ``BEGIN IMMEDIATE``
transaction. Issue 14 measured the ORM's unit of work at several times what SQLite spends on
the same rows; here each is one prepared statement, converted by the tables' own types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desk_app.core.calendar import TimeLimit, WorkCalendar
from desk_app.errors import NotFoundError
from desk_app.store.calendar import build_calendar
from desk_app.store.models import (
    CalendarOverride,
    Commune,
    Dossier,
    DossierComponent,
    DossierEvent,
    ProcedureVersion,
    Setting,
)
from desk_app.store.raw import Raw


@dataclass(frozen=True)
class ComponentInfo:
    position: int
    name: str
    required: bool
    originals: int
    certified_copies: int
    copies: int


@dataclass(frozen=True)
class VersionInfo:
    """What an intake needs of a procedure version (read in one query, plus its components)."""

    id: int
    effective_from: date
    effective_to: date | None
    name: str
    field: str
    limit_kind: str
    limit_days: int
    cutoff: str
    fee_rule: dict[str, Any]
    national_code: str
    components: tuple[ComponentInfo, ...]


@dataclass(frozen=True)
class CommuneInfo:
    id: int
    agency_code: str
    code_format: str
    office_hours: list[Any]
    due_time_policy: str


def load_version(raw: Raw, version_id: int) -> VersionInfo | None:
    row = raw.one(
        "SELECT v.id, v.effective_from, v.effective_to, v.name, v.field, v.limit_kind,"
        " v.limit_days, v.cutoff, v.fee_rule, p.national_code FROM procedure_versions v"
        " JOIN procedures p ON p.id = v.procedure_id WHERE v.id = ?", (version_id,))
    if row is None:
        return None
    t = ProcedureVersion.__table__
    day = raw.reader(t, "effective_from")  # type: ignore[arg-type]
    comps = tuple(
        ComponentInfo(pos, name, bool(req), o or 0, cc or 0, c or 0)
        for pos, name, req, o, cc, c in raw.all(
            "SELECT position, name, required, originals, certified_copies, copies"
            " FROM procedure_components WHERE version_id = ? ORDER BY position, id",
            (version_id,)))
    return VersionInfo(
        row[0], day(row[1]), day(row[2]), row[3], row[4], row[5], row[6] or 0, row[7],
        raw.reader(t, "fee_rule")(row[8]) or {}, row[9], comps)  # type: ignore[arg-type]


def load_commune(raw: Raw) -> CommuneInfo:
    row = raw.one("SELECT id, agency_code, code_format, office_hours, due_time_policy"
                  " FROM communes LIMIT 1")
    if row is None:
        raise NotFoundError("commune_not_found", "no commune")
    hours = raw.reader(Commune.__table__, "office_hours")(row[3])  # type: ignore[arg-type]
    return CommuneInfo(row[0], row[1], row[2], hours or [], row[4] or "same_time")


_CALENDARS: dict[tuple[Any, ...], WorkCalendar] = {}


def load_calendar(raw: Raw, commune: CommuneInfo) -> WorkCalendar:
    """The commune's calendar (:func:`desk_app.store.calendar.build_calendar`), kept per
    process for the same overrides, hours and policy."""
    overrides = tuple(raw.all("SELECT day, kind FROM calendar_overrides ORDER BY day"))
    key = (overrides, repr(commune.office_hours), commune.due_time_policy)
    cal = _CALENDARS.get(key)
    if cal is None:
        day = raw.reader(CalendarOverride.__table__, "day")  # type: ignore[arg-type]
        cal = build_calendar([(day(d), k) for d, k in overrides], commune.office_hours,
                             commune.due_time_policy)
        if len(_CALENDARS) > 16:
            _CALENDARS.clear()
        _CALENDARS[key] = cal
    return cal


def settings(raw: Raw, *keys: str) -> dict[str, Any]:
    marks = ", ".join("?" for _ in keys)
    read = raw.reader(Setting.__table__, "value")  # type: ignore[arg-type]
    return {k: read(v) for k, v in raw.all(
        f"SELECT key, value FROM settings WHERE key IN ({marks})", keys)}


def existing(raw: Raw, req_uuid: str) -> tuple[Any, ...] | None:
    """The stored dossier of a request's uuid: (id, uuid, code, status, received_at, due_at,
    fee_amount), converted."""
    row = raw.one("SELECT id, uuid, code, status, received_at, due_at, fee_amount FROM dossiers"
                  " WHERE uuid = ?", (req_uuid,))
    if row is None:
        return None
    read = raw.reader(Dossier.__table__, "received_at")  # type: ignore[arg-type]
    return (*row[:4], read(row[4]), read(row[5]), row[6])


def insert_dossier(raw: Raw, values: dict[str, Any], components: list[dict[str, Any]],
                   event: dict[str, Any]) -> int:
    """The dossier, its components and its first history event; returns the dossier's id."""
    dossier_id = raw.insert(Dossier.__table__, values)  # type: ignore[arg-type]
    raw.insert_many(DossierComponent.__table__,  # type: ignore[arg-type]
                    [c | {"dossier_id": dossier_id} for c in components])
    raw.insert(DossierEvent.__table__, event | {"dossier_id": dossier_id})  # type: ignore[arg-type]
    return dossier_id


def limit_of(version: VersionInfo) -> TimeLimit:
    return TimeLimit.from_dict(
        {"kind": version.limit_kind, "days": version.limit_days, "cutoff": version.cutoff})


def clerk_row(raw: Raw, clerk_id: int) -> tuple[int, str, str, bool] | None:
    """(id, username, role, active) of a clerk."""
    row = raw.one("SELECT id, username, role, active FROM clerks WHERE id = ?", (clerk_id,))
    return None if row is None else (row[0], row[1], row[2], bool(row[3]))

