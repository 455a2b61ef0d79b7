"""A hand-written month for the hub's figures: dossiers and ratings as a desk sends them
(intake, status changes, extensions, rating records), pushed through the hub's real push call
with a desk's credential. The expected figures are worked out by hand in the tests."""

from __future__ import annotations

import itertools
import uuid as uuid_mod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from province_hub import auth
from province_hub.clock import Clock
from province_hub.db import write

Post = Callable[[str, dict[str, Any], dict[str, str]], Any]  # (path, json, headers) -> response


def wire(t: datetime | None) -> str | None:
    return None if t is None else t.isoformat(timespec="seconds") + "+07:00"


def T(day: str, hm: str = "09:00") -> datetime:
    """'2026-11-04', '10:30' -> a naive Vietnam time."""
    return datetime.fromisoformat(f"{day}T{hm}")


@dataclass
class Seed:
    """One desk's events, in its own sequence."""

    agency_code: str
    events: list[dict[str, Any]] = field(default_factory=list)
    uuids: dict[str, str] = field(default_factory=dict)  # our name -> dossier uuid
    _seq: itertools.count = field(default_factory=lambda: itertools.count(1))
    _rating_seq: itertools.count = field(default_factory=lambda: itertools.count(1))

    def _event(self, entity: str, entity_uuid: str, kind: str, payload: dict[str, Any],
               at: datetime) -> None:
        self.events.append({"uuid": str(uuid_mod.uuid4()), "seq": next(self._seq),
                            "entity": entity, "entity_uuid": entity_uuid, "kind": kind,
                            "payload": payload, "created_at": wire(at)})

    def dossier(self, name: str, received: datetime, due: datetime | None, *,
                channel: str = "desk", status: str = "received",
                path: tuple[tuple[str, datetime], ...] = (),
                extend: datetime | None = None) -> None:
        """Received at ``received`` (``status`` at intake; due ``due``, None for form 02/03),
        then each (status, at) of ``path``; ``extend``: form 04's new appointment, issued
        a minute after intake."""
        u = self.uuids[name] = str(uuid_mod.uuid4())
        code = f"{self.agency_code}-{received:%y%m%d}-{len(self.uuids):04d}"
        self._event("dossier", u, "dossier.intake", {
            "uuid": u, "code": code, "agency_code": self.agency_code,
            "procedure_code": "1.001193", "status": status, "channel": channel,
            "received_at": wire(received), "due_at": wire(due)}, received)
        if extend is not None:
            self._event("dossier", u, "dossier.extend", {
                "uuid": u, "code": code, "at": wire(received), "reason": "Cần xác minh thêm",
                "old_due_at": wire(due), "new_due_at": wire(extend)}, received)
        current = status
        for to, at in path:
            self._event("dossier", u, "dossier.status", {
                "uuid": u, "code": code, "from": current, "to": to, "at": wire(at)}, at)
            current = to

    def rating(self, name: str | None, at: datetime, overall: str,
               criteria: dict[str, str] | None = None, flags: tuple[str, ...] = ()) -> None:
        u = str(uuid_mod.uuid4())
        self._event("rating", u, "rating.recorded", {
            "uuid": u, "seq": next(self._rating_seq), "agency_code": self.agency_code,
            "dossier_uuid": self.uuids[name] if name else "", "occasion": "return",
            "at": wire(at), "overall": overall, "criteria": criteria or {},
            "flags": list(flags), "prev_hash": "0" * 64, "hash": "f" * 64}, at)


def enrol_desk(engine: Engine, agency_code: str, name: str) -> str:
    """A desk credential for a new desk of commune ``agency_code`` (created if new)."""
    now = Clock().utc()
    with write(engine) as s:
        code = auth.issue_code(s, agency_code, name, now)
    with write(engine) as s:
        return auth.enrol(s, code, agency_code, str(uuid_mod.uuid4()), "Máy 1", now)[2]


def push(post: Post, credential: str, seed: Seed) -> None:
    for i in range(0, len(seed.events), 100):
        r = post("/api/v1/push", {"protocol": 1, "events": seed.events[i:i + 100]},
                 {"Authorization": f"Bearer {credential}"})
        assert r.status_code == 200, r.text
        assert {x["status"] for x in r.json()["results"]} == {"stored"}, r.text


A, B = "000.00.41.H26", "000.00.42.H26"


def november(agency_a: str = A, agency_b: str = B) -> tuple[Seed, Seed]:
    """Commune A's November 2026 (13 dossiers, 6 ratings) and commune B's two dossiers."""
    a = Seed(agency_a)
    ret = ("in_processing", "result_ready", "returned")

    def returned(at: datetime) -> tuple[tuple[str, datetime], ...]:
        return tuple((s, at) for s in ret)

    a.dossier("d1", T("2026-11-02"), T("2026-11-05", "17:00"), path=returned(T("2026-11-04", "10:00")))
    a.dossier("d2", T("2026-11-02"), T("2026-11-05", "17:00"), channel="online",
              path=returned(T("2026-11-05", "16:00")))
    a.dossier("d3", T("2026-11-03"), T("2026-11-06", "17:00"), extend=T("2026-11-10", "17:00"),
              path=returned(T("2026-11-09", "10:00")))
    a.dossier("d4", T("2026-11-03"), T("2026-11-06", "17:00"), channel="post",
              path=returned(T("2026-11-07", "10:00")))
    a.dossier("d5", T("2026-11-04"), None, channel="online", status="supplement_requested")
    a.dossier("d6", T("2026-11-04"), None, status="refused")
    a.dossier("d7", T("2026-11-04"), T("2026-11-07", "17:00"),
              path=(("withdrawn", T("2026-11-05")),))
    a.dossier("d8", T("2026-11-05"), T("2026-11-10", "17:00"), channel="online",
              path=(("in_processing", T("2026-11-06")),))
    a.dossier("d9", T("2026-11-05"), T("2026-11-10", "17:00"), extend=T("2026-11-25", "17:00"))
    a.dossier("d10", T("2026-11-06"), T("2026-11-30", "17:00"))
    a.dossier("d11", T("2026-11-06"), T("2026-11-09", "17:00"),
              path=returned(T("2026-11-09", "17:00")))
    a.dossier("d12", T("2026-11-07"), T("2026-11-12", "17:00"),
              path=(("in_processing", T("2026-11-08")), ("stopped", T("2026-11-09"))))
    a.dossier("d13", T("2026-11-07"), T("2026-11-12", "17:00"),
              path=(("in_processing", T("2026-11-08")), ("refused", T("2026-11-09"))))
    a.rating("d1", T("2026-11-04", "10:05"), "very_satisfied",
             {"attitude": "satisfied", "timeliness": "earlier"})
    a.rating("d1", T("2026-11-04", "10:06"), "unsatisfied", flags=("repeat",))
    a.rating("d2", T("2026-11-05", "16:05"), "unsatisfied", {"attitude": "unsatisfied"})
    a.rating("d2", T("2026-11-05", "16:06"), "satisfied", flags=("unconfirmed", "repeat"))
    a.rating("d3", T("2026-11-09", "10:05"), "unsatisfied")
    a.rating("d11", T("2026-12-01", "08:00"), "satisfied", {"timeliness": "on_time"})
    b = Seed(agency_b)
    b.dossier("e1", T("2026-11-30", "16:00"), T("2026-12-03", "17:00"),
              path=returned(T("2026-12-02", "09:00")))
    b.dossier("e2", T("2026-12-01"), T("2026-12-04", "17:00"), channel="online",
              path=returned(T("2026-12-05", "09:00")))
    b.rating("e2", T("2026-12-05", "09:05"), "satisfied", {"attitude": "very_satisfied"})
    return a, b
