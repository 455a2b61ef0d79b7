"""Dossiers for the register's tests and screenshots, made through the real intake services.

:func:`fill_small` makes eight dossiers whose colours are known at the test clock (Mon
23/11/2026 09:00; Tue 24/11 is a day off, so the next working day is Wed 25/11):

======================  =========  =====================  ===================  ==========
applicant               procedure  received               status               urgency
======================  =========  =====================  ===================  ==========
Nguyễn Thị Hằng         1.004873   Mon 16/11 09:00        received             overdue
Đặng Văn Đức            1.004873   Thu 19/11 09:00        in_processing        due_soon
Trần Văn An             1.004873   Fri 20/11 10:00        received             -
Lê Thị Lan              1.004873   Mon 16/11 10:00        returned             -
Phạm Minh Đạt           1.004873   Fri 20/11 14:00        supplement_requested -
Hoàng Thị Mai           2.001035   Wed 18/11 08:00        refused              -
Vũ Quốc Khánh           1.012812   Mon 02/11 08:00        in_processing        -
Bùi Thị Thảo            2.001035   Tue 17/11 08:00        result_ready         - (past due)
======================  =========  =====================  ===================  ==========
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.services import intake, lifecycle
from desk_app.services.intake import Missing
from desk_app.store.engine import Store
from tests.helpers import complete_request

CLERK = 3


@dataclass(frozen=True)
class Made:
    id: int
    code: str
    name: str


PATHS: dict[Status, list[Status]] = {
    Status.RECEIVED: [],
    Status.IN_PROCESSING: [Status.IN_PROCESSING],
    Status.WAITING_SUPPLEMENT: [Status.IN_PROCESSING, Status.WAITING_SUPPLEMENT],
    Status.RESULT_READY: [Status.IN_PROCESSING, Status.RESULT_READY],
    Status.RETURNED: [Status.IN_PROCESSING, Status.RESULT_READY, Status.RETURNED],
    Status.WITHDRAWN: [Status.WITHDRAWN],
}


def _intake(store: Store, at: datetime, name: str, status: Status, national_code: str,
            clerk: int, **person: object) -> Made:
    """The intake alone (received, or the form 02 / form 03 outcome)."""
    clock = FixedClock(at)
    with store.write() as s:
        req = complete_request(s, national_code, full_name=name, **person)
        if status is Status.SUPPLEMENT_REQUESTED:
            req.components.pop(0)
            missing = intake.missing_components(s, req)
            res = intake.request_supplement(s, clock, clerk, req, missing or [Missing("Tờ khai")],
                                            "Thiếu tờ khai")
        elif status is Status.REFUSED:
            res = intake.refuse(s, clock, clerk, req, "Không thuộc thẩm quyền của xã")
        else:
            res = intake.receive(s, clock, clerk, req)
    return Made(res.dossier_id, res.code, name)


def _steps(at: datetime, status: Status) -> list[tuple[datetime, Status]]:
    """The moves after the intake towards ``status``, 30 minutes apart."""
    return [(at + timedelta(minutes=30 * (k + 1)), step)
            for k, step in enumerate(PATHS.get(status, []))]


def _move(store: Store, at: datetime, clerk: int, dossier_id: int, step: Status) -> None:
    reason = "Theo yêu cầu" if step in (Status.WAITING_SUPPLEMENT, Status.WITHDRAWN) else ""
    with store.write() as s:
        lifecycle.change_status(s, FixedClock(at), clerk, dossier_id, step, reason)


def make(
    store: Store, at: datetime, name: str, status: Status, national_code: str = "1.004873",
    *, clerk: int = CLERK, **person: object,
) -> Made:
    """One dossier received at ``at`` by ``clerk`` and moved along to ``status`` (call in time
    order: the desk never stamps earlier than the last time it stored)."""
    made = _intake(store, at, name, status, national_code, clerk, **person)
    for when, step in _steps(at, status):
        _move(store, when, clerk, made.id, step)
    return made


def fill_small(store: Store) -> dict[str, Made]:
    """The eight dossiers of the module docstring, by applicant name."""
    d = datetime
    spec = [
        ("Nguyễn Thị Hằng", d(2026, 11, 16, 9), Status.RECEIVED, "1.004873"),
        ("Đặng Văn Đức", d(2026, 11, 19, 9), Status.IN_PROCESSING, "1.004873"),
        ("Trần Văn An", d(2026, 11, 20, 10), Status.RECEIVED, "1.004873"),
        ("Lê Thị Lan", d(2026, 11, 16, 10), Status.RETURNED, "1.004873"),
        ("Phạm Minh Đạt", d(2026, 11, 20, 14), Status.SUPPLEMENT_REQUESTED, "1.004873"),
        ("Hoàng Thị Mai", d(2026, 11, 18, 8), Status.REFUSED, "2.001035"),
        ("Vũ Quốc Khánh", d(2026, 11, 2, 8), Status.IN_PROCESSING, "1.012812"),
        ("Bùi Thị Thảo", d(2026, 11, 17, 8), Status.RESULT_READY, "2.001035"),
    ]
    made = {}
    # made in the order they were received, as at a real desk: the desk never stamps a receipt
    # earlier than the last time it stored (desk_app.store.stamps)
    for i, (name, at, status, code) in sorted(enumerate(spec), key=lambda item: item[1][1]):
        made[name] = make(store, at, name, status, code, id_number=f"0010900{i:05d}",
                          phone=f"09123450{i:02d}")
    return made


SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Đức", "Thu"]
GIVEN = ["An", "Bình", "Hằng", "Hoa", "Hùng", "Lan", "Linh", "Nam", "Phúc", "Thảo", "Trang",
         "Tuấn", "Yến", "Đạt", "Dũng"]
CODES = ["1.004873", "2.000815", "2.001035", "1.012812", "2.001019", "1.013831"]


def fill_realistic(store: Store, count: int, end: date, seed: int = 3) -> None:
    """``count`` dossiers over the working days before ``end``, received in time order (as
    at a real desk, ids follow the receipt order): old ones mostly returned, the last week's
    mostly open, so that at ``end`` some are overdue and some due soon."""
    rng = random.Random(seed)
    per_day = 12
    days: list[date] = []
    day = end
    while len(days) * per_day < count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    n = 0
    # (time, order, what): receipts and the moves that follow them, done in time order at the
    # end, as a desk would have (its stamps never go back)
    actions: list[tuple[datetime, int, Any]] = []
    for day in reversed(days):
        age = (end - day).days
        times = sorted(rng.randint(0, 7 * 60) for _ in range(per_day))
        for minute in times:
            if n == count:
                break
            at = datetime.combine(day, datetime.min.time()) + timedelta(hours=7, minutes=40)
            at += timedelta(minutes=minute if minute < 230 else minute + 120)  # lunch break
            if age > 9:
                status = rng.choices([Status.RETURNED, Status.REFUSED, Status.WITHDRAWN,
                                      Status.SUPPLEMENT_REQUESTED, Status.IN_PROCESSING],
                                     [86, 3, 2, 5, 4])[0]
            else:
                status = rng.choices([Status.RECEIVED, Status.IN_PROCESSING,
                                      Status.WAITING_SUPPLEMENT, Status.RESULT_READY,
                                      Status.RETURNED, Status.SUPPLEMENT_REQUESTED],
                                     [25, 35, 5, 15, 15, 5])[0]
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            intake_args = (name, status, rng.choice(CODES), rng.choice((2, 3)), {
                "id_number": f"0010{rng.randint(80, 99)}{rng.randint(0, 999999):06d}",
                "phone": f"09{rng.randint(0, 99999999):08d}"})
            actions.append((at, n, intake_args))
            actions += [(when, n, step) for when, step in _steps(at, status)]
            n += 1
    made: dict[int, Made] = {}
    clerks: dict[int, int] = {}
    for at, i, what in sorted(actions, key=lambda a: (a[0], a[1])):
        if isinstance(what, tuple):
            name, status, code, clerk, person = what
            made[i] = _intake(store, at, name, status, code, clerk, **person)
            clerks[i] = clerk
        else:
            _move(store, at, clerks[i], made[i].id, what)
