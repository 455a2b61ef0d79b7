"""The hub's fold of one dossier, event by event (no database): the desk's sequence, the life
cycle, and where the province's changes fall in the desk's life."""

from __future__ import annotations

from itertools import count
from types import SimpleNamespace
from typing import Any

from province_hub.project import fold

DESK, COMMUNE = 7, 3
_ids = count(1)


def desk(seq: int, kind: str, **payload: Any) -> SimpleNamespace:
    return SimpleNamespace(id=next(_ids), uuid=f"d{seq}", desk_id=DESK, commune_id=COMMUNE,
                           seq=seq, kind=kind, payload=payload)


def province(uuid: str, to: str) -> SimpleNamespace:
    return SimpleNamespace(id=next(_ids), uuid=uuid, desk_id=None, commune_id=COMMUNE,
                           seq=None, kind="dossier.status",
                           payload={"to": to, "at": "2026-11-24T10:00:00+07:00", "by": "Sở"})


def moved(seq: int, frm: str, to: str, at: str = "2026-11-23T10:00:00+07:00") -> SimpleNamespace:
    return desk(seq, "dossier.status", **{"from": frm, "to": to, "at": at})


INTAKE = dict(code="X-261123-0001", status="received", received_at="2026-11-23T09:00:00+07:00",
              due_at="2026-11-26T09:00:00+07:00")


def changes(folded: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(c["event_uuid"], c["state"], c["why"])
            for c in folded["snapshot"].get("province_changes", [])]


def test_changes_the_desk_applied_before_its_next_own_change_come_first() -> None:
    events = [desk(1, "dossier.intake", **INTAKE),
              province("p1", "in_processing"), province("p2", "waiting_supplement"),
              moved(2, "waiting_supplement", "in_processing"),
              moved(3, "in_processing", "result_ready")]
    out = fold(events)
    assert out is not None and out["status"] == "result_ready"
    assert changes(out) == [("p1", "applied", ""), ("p2", "applied", "")]


def test_a_gap_in_the_desks_events_follows_the_desk_and_its_rejection_stands() -> None:
    # seq 3 (in_processing -> result_ready) is held at the desk; the province, seeing
    # in_processing, asked for papers; the desk had returned the result and said no
    events = [desk(1, "dossier.intake", **INTAKE), moved(2, "received", "in_processing"),
              province("p1", "waiting_supplement"),
              moved(4, "result_ready", "returned", "2026-11-23T11:00:00+07:00"),
              desk(5, "dossier.province_rejected", province_event="p1", to="waiting_supplement",
                   current="returned", reason="transition_final")]
    out = fold(events)
    assert out is not None
    assert (out["status"], str(out["returned_at"])) == ("returned", "2026-11-23 11:00:00")
    assert changes(out) == [("p1", "rejected", "transition_final")]


def test_events_in_any_order_fold_by_the_desks_sequence() -> None:
    events = [desk(1, "dossier.intake", **INTAKE), moved(2, "received", "in_processing"),
              moved(3, "in_processing", "result_ready"),
              moved(4, "result_ready", "returned")]
    for order in (events, events[::-1], [events[0], events[3], events[1], events[2]]):
        out = fold(order)
        assert out is not None and out["status"] == "returned", [e.seq for e in order]
        assert out["snapshot"].get("province_changes", []) == []
