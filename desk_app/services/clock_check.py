"""Is this PC's clock to be trusted before a receipt? (Qt-free; the intake form shows the words.)

A receipt's time fixes its dossier code's date, its due date and the province's on-time figures.
Two facts the desk has without asking anyone:

* the province's clock minus this PC's, measured at the last sync answer
  (``sync_status.clock_offset_s``, :mod:`desk_app.sync.cycle`);
* the last time this desk stored (:func:`desk_app.store.stamps.last_stamp`): a clock behind it
  has been set back, and the desk will stamp the next receipt with that later time instead.

Either one beyond :data:`SKEW_WARN_S` is worth a warning before the clerk receives; neither
stops the work (the desk must receive with no network, and a clerk cannot always fix a clock).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.permissions import Action
from desk_app.services import audit
from desk_app.services.access import require
from desk_app.services.desk_settings import set_setting
from desk_app.store.models import Dossier, OutboxEvent
from desk_app.store.models_sync import SyncStatus
from desk_app.store.stamps import FLOOR_KEY, last_stamp

log = logging.getLogger(__name__)

SKEW_WARN_S = 5 * 60  # "a few minutes": beyond this the clocks disagree for real


@dataclass(frozen=True)
class ClockCheck:
    province_offset_s: int | None  # province minus desk at the last sync (None: never synced)
    behind_last_s: int  # how far the clock is behind the desk's last stored time (0: not behind)
    last_stamp: datetime | None

    @property
    def province_disagrees(self) -> bool:
        return self.province_offset_s is not None and abs(self.province_offset_s) > SKEW_WARN_S

    @property
    def set_back(self) -> bool:
        return self.behind_last_s > SKEW_WARN_S

    @property
    def warn(self) -> bool:
        return self.province_disagrees or self.set_back


def check_clock(session: Session, now: datetime) -> ClockCheck:
    """What the desk knows about its clock at ``now`` (the clock's reading)."""
    row = session.get(SyncStatus, 1)
    last = last_stamp(session)
    behind = max(0, round((last - now).total_seconds())) if last is not None else 0
    return ClockCheck(row.clock_offset_s if row is not None else None, behind, last)


def accept_clock(session: Session, clock: Clock, clerk_id: int) -> None:
    """The admin says this PC's clock is right now (the earlier stamps came from a clock set
    ahead): what was stored until now no longer holds the next stamps back. Kept with who,
    when and the floor given up (:data:`desk_app.store.stamps.FLOOR_KEY`)."""
    require(session, clerk_id, Action.SETTINGS)
    was = last_stamp(session)
    set_setting(session, FLOOR_KEY, {
        "dossier_id": session.scalar(select(func.max(Dossier.id))) or 0,
        "outbox_id": session.scalar(select(func.max(OutboxEvent.id))) or 0,
        "by": clerk_id, "at": clock.now().isoformat(),
        "was": was.isoformat() if was is not None else None,
    })
    audit.record(session, clerk_id, "settings.clock", clock.now(),
                 change={"was": was.isoformat() if was is not None else None})
    log.warning("clerk %s accepted the clock at %s; the last stamp was %s", clerk_id,
                clock.now(), was)
