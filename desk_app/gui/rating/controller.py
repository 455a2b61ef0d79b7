"""The rating at the counter: offers the slip, times it out, records what the citizen chose.

Counting once, in two layers: the citizen's window sends a slip once (double tap), and each
offer carries one UUID made here, so even a second save of the same slip stores nothing new
(:func:`desk_app.services.ratings.record_rating`). A second offer for the same visit is
recorded flagged ``repeat`` by the service.

The clerk's side sees only :attr:`RatingController.stateChanged` (``idle``, ``rating``,
``thanks``, ``error``), never the level chosen. Saves run on the database worker like every
write (:func:`desk_app.gui.ops.submit`), but not as the clerk's ``Ops.write``: a fault must be
shown on the citizen's screen (the choice stays, the citizen may send again), not in a message
box on the clerk's.
"""

from __future__ import annotations

import logging
import uuid as uuid_mod
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desk_app.clock import Clock
from desk_app.core.rating_settings import RatingForm
from desk_app.errors import KnownError
from desk_app.gui import ops
from desk_app.gui.rating.citizen_window import IDLE, RATING, THANKS, Answers, CitizenWindow
from desk_app.gui.session import ClerkInfo
from desk_app.gui.tr import QT_TR_NOOP, tr
from desk_app.services import ratings
from desk_app.services.desk_settings import desk_names
from desk_app.services.ratings import UNCONFIRMED, RatingInput, Recorded
from desk_app.store.engine import Store

log = logging.getLogger(__name__)
IDLE_REFRESH_MS = 30_000
SAVE_FAILED = QT_TR_NOOP("Chưa lưu được đánh giá. Xin Ông/Bà bấm “Gửi đánh giá” lại.")


@dataclass(frozen=True)
class _Offer:
    uuid: str
    dossier_id: int
    occasion: str
    clerk_id: int
    form: RatingForm


class RatingController(QObject):
    stateChanged = Signal(str)  # idle | rating | thanks | error  (never the citizen's choice)
    recorded = Signal(object)  # Recorded

    def __init__(
        self, store: Store, clock: Clock, clerk: Callable[[], ClerkInfo | None],
        window: CitizenWindow | None = None, *, timeout_ms: int | None = None,
        thanks_ms: int | None = None, parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.clerk = clerk
        self.window = window or CitizenWindow()
        self._timeout_override = timeout_ms
        self._thanks_override = thanks_ms
        self._offer: _Offer | None = None
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timeout)
        # between citizens the idle screen follows the clerk on duty (sign-in, hand-over)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(IDLE_REFRESH_MS)
        self.idle_timer.timeout.connect(self._paint_idle)
        self.idle_timer.start()
        self.window.submitted.connect(self._on_submitted)
        self.window.activity.connect(self._on_activity)
        self.to_idle()

    # --- hooks ---------------------------------------------------------------------------

    def after_return(self, dossier_id: int) -> None:
        self.offer(dossier_id, "return")

    def after_intake(self, dossier_id: int) -> None:
        self.offer(dossier_id, "intake")

    def offer(self, dossier_id: int, occasion: str) -> bool:
        """Put the slip for this visit on the citizen's screen; False if not offered."""
        clerk = self.clerk()
        if clerk is None or self.locked:
            return False
        with self.store.read() as s:
            form = ratings.load_form(s)
            if occasion not in form.offer_after:
                return False
            visit = ratings.visit(s, dossier_id)
        self._close_pending()  # the previous citizen left without sending
        self._offer = _Offer(str(uuid_mod.uuid4()), dossier_id, occasion, clerk.id, form)
        timeout_s = form.timeout_seconds
        self.window.show_rating(form, occasion, visit.code, visit.procedure_name, timeout_s)
        self.timer.start(self._timeout_override or timeout_s * 1000)
        log.info("rating offered for dossier %s (%s)", dossier_id, occasion)
        self.stateChanged.emit("rating")
        return True

    def set_locked(self, locked: bool) -> None:
        """The clerk's desk locked: a slip under way closes (a chosen level still counts,
        flagged unconfirmed) and the citizen sees the idle page until the desk unlocks."""
        self.locked = locked
        if locked:
            self._close_pending()
            self.to_idle()

    # --- screen states ---------------------------------------------------------------------

    def to_idle(self) -> None:
        self.timer.stop()
        self._offer = None
        self._paint_idle(force=True)
        self.stateChanged.emit("idle")

    def _paint_idle(self, force: bool = False) -> None:
        if not force and self.window.page() != IDLE:
            return
        clerk = self.clerk()
        with self.store.read() as s:
            names = desk_names(s)
        self.window.show_idle(names.parent_name, names.commune_name, names.desk_name,
                              clerk.full_name if clerk else "")

    def _on_activity(self) -> None:
        if self.window.page() == RATING and self._offer is not None:
            self.timer.start()  # same interval: pushed back by every touch

    def _on_timeout(self) -> None:
        if self.window.page() == RATING:
            log.info("rating screen timed out")
            self._close_pending()
        self.to_idle()

    def _close_pending(self) -> None:
        """A level chosen but never sent still counts, flagged ``unconfirmed``."""
        offer, answers = self._offer, self.window.answers()
        self._offer = None
        if offer is not None and answers is not None and self.window.page() == RATING:
            self._save(offer, answers, (UNCONFIRMED,))

    def _on_submitted(self, answers: Answers) -> None:
        offer = self._offer
        if offer is None:
            return

        def thanks(_result: Recorded) -> None:
            if self._offer is not offer:  # timed out or replaced meanwhile: saved all the same
                return
            self._offer = None
            self.window.show_thanks()
            self.timer.start(self._thanks_override or offer.form.thanks_seconds * 1000)
            self.stateChanged.emit("thanks")

        def retry(_exc: KnownError) -> None:
            if self._offer is offer:
                self.window.allow_retry(tr(SAVE_FAILED))
                self.stateChanged.emit("error")

        self._save(offer, answers, (), done=thanks, failed=retry)

    def _save(self, offer: _Offer, answers: Answers, flags: tuple[str, ...], *,
              done: Callable[[Recorded], None] | None = None,
              failed: Callable[[KnownError], None] | None = None) -> ops.Write[Recorded] | None:
        """Record the slip on the database worker; ``done``/``failed`` on the GUI thread."""
        inp = RatingInput(
            dossier_id=offer.dossier_id, occasion=offer.occasion, overall=answers.overall,
            criteria=answers.criteria, comment=answers.comment, flags=flags, uuid=offer.uuid,
        )
        clock = self.clock

        def recorded(result: Recorded) -> None:
            if not shiboken6.isValid(self):  # the program is closing: the slip is stored
                return
            # the level is deliberately not logged: the log is read on the clerk's PC
            log.info("rating %s recorded seq %s flags %s", result.uuid, result.seq,
                     result.flags)
            self.recorded.emit(result)
            if done is not None:
                done(result)

        def refused(exc: KnownError) -> None:  # database busy, disk full
            log.warning("rating %s not saved: %s", offer.uuid, exc)
            if failed is not None:
                failed(exc)

        return ops.submit(
            self.store, "rating",
            lambda s: ratings.record_rating(s, clock, offer.clerk_id, inp, offer.form),
            parent=None, done=recorded, failed=refused)

    def is_showing_thanks(self) -> bool:
        return self.window.page() == THANKS
