"""A desk's rating records: stored one row each, and its chain checked from where the last
check stopped.

The chain is checked as :func:`desk_app.core.ratingchain.verify_chain` would check the desk's
whole chain, records in ``(chain_seq, uuid)`` order, but only the new records are read and
hashed: the desk row keeps where the last check stopped (``desks.chain_checked``: the sort key
of the last record checked, the seq and hash the next must follow, the count of records) next
to the problems found so far (``desks.chain_problems``). The whole chain is checked again when
that position is missing (a desk from before it was kept) or a new record sorts before it (a
gap filled by a resend, records arriving out of order): the problems are always the ones a
check of the whole chain gives.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from province_hub import rules
from province_hub.auth import DeskIdentity
from province_hub.db import insert_rows, one_of
from province_hub.models import Desk, Rating

if TYPE_CHECKING:
    from desk_app.core.ratingchain import ChainPosition

log = logging.getLogger(__name__)
Added = list[tuple[int, str, dict[str, Any]]]  # (chain_seq, rating uuid, record)


def store(session: Session, who: DeskIdentity, desk: Desk, rows: list[dict[str, Any]],
          now: datetime) -> None:
    """Store the rating records of the batch's new events (a rating already held under
    another event id stays an event only), then check the desk's chain."""
    known = set(session.scalars(select(Rating.uuid).where(
        one_of(session, Rating.uuid, [r["entity_uuid"] for r in rows]))))
    values: list[dict[str, Any]] = []
    for r in rows:
        if r["entity_uuid"] in known:
            continue
        known.add(r["entity_uuid"])
        rec = rules.record(r)
        values.append({
            "uuid": r["entity_uuid"], "desk_id": who.desk_id, "commune_id": who.commune_id,
            "chain_seq": int(rec.get("seq") or r["seq"]),
            "dossier_uuid": str(rec.get("dossier_uuid") or ""),
            "overall": str(rec.get("overall") or ""), "record": rec, "received_at": now})
    if not values:
        return
    insert_rows(session, cast(Table, Rating.__table__), values)
    try:  # written by the rating area; the hub still stores ratings without it
        import desk_app.core.ratingchain  # noqa: F401
    except ImportError:
        return
    check(session, desk, [(v["chain_seq"], v["uuid"], v["record"]) for v in values])


def check(session: Session, desk: Desk, added: Added) -> None:
    """Bring ``desk.chain_problems`` up to date with the records just ``added``, from
    ``desk.chain_checked`` when they all follow it, else over the whole chain."""
    from desk_app.core.ratingchain import check_from

    added = sorted(added, key=lambda a: (a[0], a[1]))
    start = _resume(desk.chain_checked, added)
    if start is not None:
        found, end = check_from([rec for _, _, rec in added], start)
        problems = [*(desk.chain_problems or []), *(str(x) for x in found)]
        last = added[-1]
    else:
        held = whole_chain(session, desk.id)
        found, end = check_from([rec for _, _, rec in held])
        problems = [str(x) for x in found]
        last = held[-1]
    if problems != (desk.chain_problems or []):
        log.warning("desk %s rating chain: %s", desk.id, problems[:5])
    desk.chain_problems = problems
    desk.chain_checked = {"key": [last[0], last[1]], "seq": end.seq, "hash": end.hash,
                          "count": end.count}


def _resume(pos: Any, added: Added) -> ChainPosition | None:
    """The position to check ``added`` from, or None when the whole chain must be checked."""
    from desk_app.core.ratingchain import ChainPosition

    if not isinstance(pos, dict):
        return None
    try:
        key = (int(pos["key"][0]), str(pos["key"][1]))
        start = ChainPosition(int(pos["seq"]), str(pos["hash"]), int(pos["count"]))
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    if (added[0][0], added[0][1]) <= key:
        return None  # a record sorts before where the last check stopped: a gap filled
    for _, _, rec in added:
        seq = rec.get("seq")
        if isinstance(seq, int) and not isinstance(seq, bool) and seq <= start.seq:
            return None  # a duplicate or reordered seq: told apart only by the whole chain
    return start


def whole_chain(session: Session, desk_id: int) -> Added:
    """Every rating record the hub holds from the desk, in chain order."""
    rows = session.execute(select(Rating.chain_seq, Rating.uuid, Rating.record)
                           .where(Rating.desk_id == desk_id))
    return sorted(((q, u, rec) for q, u, rec in rows), key=lambda a: (a[0], a[1]))
