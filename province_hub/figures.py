"""The province's figures per commune and month, in SQL over the hub's projection.

Each dossier counts as :func:`desk_app.core.indicators.kinds_of` says (the same rule the desk
keeps in its ``report_tallies``), written here as SQL conditions over the projection's
``status``, ``channel``, ``original_due_at`` (the legal due date), ``due_at`` (moved by form
04) and ``returned_at``; a dossier counts in the month it was received (``received_at``,
Vietnam time). Ratings count in the month the citizen gave them (the record's ``at``, the
index's stated basis), never one flagged ``repeat``; "positive" is what the rating slip marks
positive (:func:`desk_app.core.rating_settings.default_form`), for the overall level and for
each criterion. ``late_or_dissatisfied`` counts a solved dossier once when it was late or has
a counted rating whose overall level is not positive. ``overdue_open``: still open (received,
in processing, waiting for a supplement) past its legal due moment at ``now``.

The digitisation counts (issue 16) come from the ``documents`` desks declared, by the month
their dossier was received, as the desk's ``scan_tallies`` count them: dossiers with a result
document, dossiers with a component document, components with a document (a component scanned
again counts once), documents re-used; 0 rather than None in every month of a commune once it
has declared a document at all (a commune that never scanned does not score 0%).

The answer is a :class:`desk_app.core.indicators.Counts` per (commune id, 'YYYY-MM'); sums over
months (:func:`by_commune`, :func:`province`) add them, so a table and a chart of the same
period come from the one query. The QĐ 766 groups are ``indicators.score`` of a ``Counts``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, cast, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from desk_app.core.indicators import CHANNELS, DIGITISED, KINDS, OPEN_STATUSES, Counts
from desk_app.core.lifecycle import Status
from desk_app.core.rating_settings import REPEAT, RatingForm, default_form
from province_hub.models import Document, Dossier, Rating

Monthly = dict[int, dict[str, Counts]]  # commune id -> 'YYYY-MM' -> counts

D = Dossier
_ORIG, _DUE, _RET = D.original_due_at, D.due_at, D.returned_at
_RECEIVED = _ORIG.is_not(None)
_RETURNED = and_(D.status == Status.RETURNED.value, _RET.is_not(None))
_APOLOGISED = and_(_RECEIVED, _DUE > _ORIG)
_LATE = and_(_RETURNED, _RECEIVED, _RET > _ORIG)
# func.date: PostgreSQL's date(timestamp) and SQLite's date(text) both give the day
_KINDS: dict[str, ColumnElement[bool]] = {
    "received": _RECEIVED,
    "supplement_requested": and_(_ORIG.is_(None), D.status == Status.SUPPLEMENT_REQUESTED.value),
    "refused_intake": and_(_ORIG.is_(None), D.status == Status.REFUSED.value),
    "solved_early": and_(_RETURNED, _RECEIVED, func.date(_RET) < func.date(_ORIG)),
    "solved_on_time": and_(_RETURNED, or_(_ORIG.is_(None), and_(
        _RET <= _ORIG, func.date(_RET) >= func.date(_ORIG)))),
    "solved_late": _LATE,
    "apologised": _APOLOGISED,
    "late_apologised": and_(_LATE, _DUE > _ORIG),
    "refused_later": and_(_RECEIVED, D.status == Status.REFUSED.value),
    "withdrawn": and_(_RECEIVED, D.status == Status.WITHDRAWN.value),
    "stopped": and_(_RECEIVED, D.status == Status.STOPPED.value),
}
assert set(_KINDS) == set(KINDS), "every kind of indicators.KINDS has its SQL here"


def _month(text: Any) -> ColumnElement[str]:
    """'YYYY-MM' of a timestamp (PostgreSQL's text of it and SQLite's both start so)."""
    return func.substr(cast(text, String), 1, 7)


def _not_repeat() -> ColumnElement[bool]:
    # the flags as JSON text (SQLite json_extract, PostgreSQL ->>): '["unconfirmed", "repeat"]'
    flags = func.coalesce(Rating.record["flags"].as_string(), literal(""))
    return flags.not_like(f'%"{REPEAT}"%')


def _sum(cond: ColumnElement[bool]) -> Any:
    return func.sum(case((cond, 1), else_=0))


def monthly(session: Session, first: date | None, last: date | None, now: datetime,
            form: RatingForm | None = None) -> Monthly:
    """Counts per commune and month: dossiers received from ``first`` to ``last`` (days,
    inclusive; None: no bound), ratings given in those days; overdue as of ``now`` (naive
    Vietnam time)."""
    form = form or default_form()
    positive = sorted(form.positive_codes())
    out: Monthly = defaultdict(dict)

    def counts(commune_id: int, month: str) -> Counts:
        return out[commune_id].setdefault(month, Counts())

    conds = []
    if first is not None:
        conds.append(D.received_at >= datetime.combine(first, time.min))
    if last is not None:
        conds.append(D.received_at < datetime.combine(last + timedelta(days=1), time.min))
    overdue = and_(D.status.in_(OPEN_STATUSES), _RECEIVED, _ORIG < now)
    dissatisfied = exists().where(Rating.dossier_uuid == D.uuid, _not_repeat(),
                                  Rating.overall.not_in(positive))
    cols = [_sum(c).label(k) for k, c in _KINDS.items()]
    cols += [_sum(and_(_RECEIVED, D.channel == ch)).label(f"ch_{ch}") for ch in CHANNELS]
    cols += [_sum(overdue).label("overdue_open"),
             _sum(and_(overdue, _DUE > _ORIG)).label("overdue_apologised"),
             _sum(and_(_RETURNED, or_(_LATE, dissatisfied))).label("late_or_dissatisfied")]
    month = _month(D.received_at)
    for row in session.execute(select(D.commune_id, month.label("month"), *cols)
                               .where(D.received_at.is_not(None), *conds)
                               .group_by(D.commune_id, month)).mappings():
        c = counts(row["commune_id"], row["month"])
        c.kinds = {k: int(row[k] or 0) for k in KINDS}
        c.by_channel = {ch: int(row[f"ch_{ch}"] or 0) for ch in CHANNELS}
        c.overdue_open = int(row["overdue_open"] or 0)
        c.overdue_apologised = int(row["overdue_apologised"] or 0)
        c.late_or_dissatisfied = int(row["late_or_dissatisfied"] or 0)
    _ratings(session, first, last, form, counts)
    _documents(session, conds, out, counts)
    return out


def _documents(session: Session, conds: list[ColumnElement[bool]], out: Monthly,
               counts: Any) -> None:
    doc = Document
    component = func.coalesce(cast(doc.component, String), literal("-"))
    cols = [
        func.count(func.distinct(case((doc.role == "result", doc.dossier_uuid)))),
        func.count(func.distinct(case((doc.role == "component", doc.dossier_uuid)))),
        func.count(func.distinct(case((doc.role == "component",
                                       doc.dossier_uuid + literal(":") + component)))),
        _sum(doc.source == "reused"),
    ]
    month = _month(D.received_at)
    rows = session.execute(select(D.commune_id, month, *cols)
                           .join(D, D.uuid == doc.dossier_uuid)
                           .where(D.received_at.is_not(None), *conds)
                           .group_by(D.commune_id, month)).all()
    scanning = set(session.scalars(select(doc.commune_id).distinct()))
    for commune_id in scanning & set(out):
        for c in out[commune_id].values():
            for name in DIGITISED:
                setattr(c, name, 0)
    for commune_id, m, *values in rows:
        c = counts(commune_id, m)
        for name, value in zip(DIGITISED, values, strict=True):
            setattr(c, name, int(value or 0))


def _ratings(session: Session, first: date | None, last: date | None, form: RatingForm,
             counts: Any) -> None:
    at = Rating.record["at"].as_string()  # the desk's time, ISO text with +07:00
    day = func.substr(at, 1, 10)
    conds = [_not_repeat(), Rating.dossier_uuid != ""]  # as the desk: a rating of a dossier
    if first is not None:
        conds.append(day >= first.isoformat())
    if last is not None:
        conds.append(day <= last.isoformat())
    month = func.coalesce(func.substr(at, 1, 7), _month(Rating.received_at))
    cols = [func.count().label("ratings"),
            _sum(Rating.overall.in_(sorted(form.positive_codes()))).label("positive")]
    for i, q in enumerate(form.criteria):
        answer = Rating.record[("criteria", q.code)].as_string()
        good = sorted(lv.code for lv in q.levels if lv.positive)
        cols += [_sum(and_(answer.is_not(None), answer != "")).label(f"a{i}"),
                 _sum(answer.in_(good)).label(f"p{i}")]
    for row in session.execute(select(Rating.commune_id, month.label("month"), *cols)
                               .where(*conds).group_by(Rating.commune_id, month)).mappings():
        c = counts(row["commune_id"], row["month"])
        c.ratings = int(row["ratings"])
        c.ratings_positive = int(row["positive"] or 0)
        c.criteria = {q.code: [int(row[f"a{i}"] or 0), int(row[f"p{i}"] or 0)]
                      for i, q in enumerate(form.criteria) if row[f"a{i}"]}


def by_commune(months: Monthly) -> dict[int, Counts]:
    """The months of each commune added up."""
    out: dict[int, Counts] = {}
    for commune_id, per_month in months.items():
        total = out[commune_id] = Counts()
        for c in per_month.values():
            total.add(c)
    return out


def by_month(months: Monthly) -> dict[str, Counts]:
    """The communes of each month added up (the province's trend)."""
    out: dict[str, Counts] = {}
    for per_month in months.values():
        for month, c in per_month.items():
            out.setdefault(month, Counts()).add(c)
    return dict(sorted(out.items()))


def commune_counts(session: Session, first: date | None, last: date | None,
                   now: datetime) -> dict[int, Counts]:
    return by_commune(monthly(session, first, last, now))
