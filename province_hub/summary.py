"""The province summary per commune (the admin API's JSON): received, returned on time, late,
overdue, satisfaction.

The figures are :mod:`province_hub.figures`' (the shared rules of
:mod:`desk_app.core.indicators`): dossiers by the day they were received, returned on time or
late against the legal due date (an extension does not make a late dossier on time), overdue
when still open past it; ratings given in the period, never those flagged ``repeat``, positive
as the rating slip marks them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from province_hub.figures import commune_counts
from province_hub.models import Commune, Desk, Dossier


def summary(session: Session, now_local: datetime, start: date | None = None,
            end: date | None = None) -> list[dict[str, Any]]:
    """One row per commune; dossiers counted by the day they were received (inclusive range)."""
    counts = commune_counts(session, start, end, now_local)
    conds = []
    if start:
        conds.append(Dossier.received_at >= datetime.combine(start, time.min))
    if end:
        conds.append(Dossier.received_at < datetime.combine(end + timedelta(days=1), time.min))
    dossiers = dict(session.execute(select(Dossier.commune_id, func.count()).where(*conds)
                                    .group_by(Dossier.commune_id)).all())
    desks = dict(session.execute(
        select(Desk.commune_id, func.count()).group_by(Desk.commune_id)).all())
    out = []
    for c in session.scalars(select(Commune).order_by(Commune.agency_code)):
        n = counts.get(c.id)
        k = n.kinds if n else {}
        on_time = k.get("solved_early", 0) + k.get("solved_on_time", 0)
        rate, sat = (n.on_time_rate(), n.satisfaction_rate()) if n else (None, None)
        out.append({
            "agency_code": c.agency_code, "commune": c.name, "desks": desks.get(c.id, 0),
            "dossiers": dossiers.get(c.id, 0), "received": k.get("received", 0),
            "on_time": on_time, "late": k.get("solved_late", 0),
            "overdue_open": n.overdue_open if n else 0,
            "on_time_rate": None if rate is None else round(100 * rate, 2),
            "ratings": n.ratings if n else 0,
            "satisfaction_rate": None if sat is None else round(100 * sat, 2),
        })
    return out
