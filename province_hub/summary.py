"""The province summary per commune: received, returned on time, late, overdue, satisfaction.

Dossier figures are read from the dossier projection (:mod:`province_hub.project`: the status
the desk's own sequence and the life cycle give). Satisfaction follows the desk's rule
(:data:`desk_app.core.rating_settings.REPEAT`): a rating flagged ``repeat`` is kept but not
counted, and the positive levels are those the bundled slip marks positive.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from desk_app.core.lifecycle import OPEN as OPEN_STATUSES
from desk_app.core.rating_settings import REPEAT, default_form
from province_hub.models import Commune, Desk, Dossier, Rating

OPEN = tuple(sorted(s.value for s in OPEN_STATUSES))
POSITIVE = tuple(sorted(default_form().positive_codes()))


def summary(session: Session, now_local: datetime, start: date | None = None,
            end: date | None = None) -> list[dict[str, Any]]:
    """One row per commune; dossiers counted by the day they were received (inclusive range)."""
    conds = []
    if start:
        conds.append(Dossier.received_at >= datetime.combine(start, datetime.min.time()))
    if end:
        conds.append(Dossier.received_at < datetime.combine(end + timedelta(days=1),
                                                             datetime.min.time()))
    d = select(
        Dossier.commune_id,
        func.sum(case((Dossier.intake_status == "received", 1), else_=0)).label("received"),
        func.sum(case((and_(Dossier.status == "returned",
                            Dossier.return_timing.in_(("early", "on_time"))), 1),
                      else_=0)).label("on_time"),
        func.sum(case((and_(Dossier.status == "returned", Dossier.return_timing == "late"), 1),
                      else_=0)).label("late"),
        func.sum(case((and_(Dossier.status.in_(OPEN), Dossier.due_at < now_local), 1),
                      else_=0)).label("overdue"),
        func.count().label("dossiers"),
    ).where(*conds).group_by(Dossier.commune_id)
    dossiers = {r.commune_id: r for r in session.execute(d)}
    # the flags as JSON text (SQLite json_extract, PostgreSQL ->>): '["unconfirmed", "repeat"]'
    flags = func.coalesce(Rating.record["flags"].as_string(), literal(""))
    r = select(
        Rating.commune_id, func.count().label("ratings"),
        func.sum(case((Rating.overall.in_(POSITIVE), 1), else_=0)).label("positive"),
    ).where(flags.not_like(f'%"{REPEAT}"%')).group_by(Rating.commune_id)
    ratings = {x.commune_id: x for x in session.execute(r)}
    desks = dict(session.execute(
        select(Desk.commune_id, func.count()).group_by(Desk.commune_id)).all())
    out = []
    for c in session.scalars(select(Commune).order_by(Commune.agency_code)):
        dd, rr = dossiers.get(c.id), ratings.get(c.id)
        returned = (dd.on_time + dd.late) if dd else 0
        out.append({
            "agency_code": c.agency_code, "commune": c.name, "desks": desks.get(c.id, 0),
            "dossiers": dd.dossiers if dd else 0,
            "received": int(dd.received or 0) if dd else 0,
            "on_time": int(dd.on_time or 0) if dd else 0,
            "late": int(dd.late or 0) if dd else 0,
            "overdue_open": int(dd.overdue or 0) if dd else 0,
            "on_time_rate": round(100 * dd.on_time / returned, 2) if dd and returned else None,
            "ratings": rr.ratings if rr else 0,
            "satisfaction_rate": round(100 * int(rr.positive or 0) / rr.ratings, 2)
            if rr and rr.ratings else None,
        })
    return out
