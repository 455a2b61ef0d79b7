"""Provincial staff accounts under pressure: guesses sent together on PostgreSQL, a person who
leaves (disabled, sessions ended), a new password, and a period no calendar has."""

from __future__ import annotations

import io
import threading
from collections import Counter

import pytest

from province_hub import staff
from province_hub.__main__ import main as hub_cli
from province_hub.clock import Clock
from province_hub.db import write
from tests.sync.conftest import LocalHub
from tests.sync.hubs import hub  # noqa: F401 (SQLite and PostgreSQL)
from tests.sync.test_hub_staff import PASSWORD, login, site  # noqa: F401 (fixtures)


def test_five_failures_per_name_even_when_guesses_arrive_together(hub: LocalHub) -> None:
    """24 guesses at the same moment (a hub serves many at once) check at most five passwords:
    each waits for the ones before it and counts their failures."""
    now = Clock().utc()
    with write(hub.engine) as s:
        staff.create_staff(s, "ttuan", "Trần Thanh Tuấn", "mật khẩu tỉnh 2026", now)
    got: Counter[str] = Counter()
    start = threading.Barrier(24)

    def guess(i: int) -> None:
        start.wait()
        with write(hub.engine) as s:
            r = staff.login(s, "ttuan", f"sai {i:02d} mật khẩu", f"10.0.0.{i}", now)
        got[r.code if isinstance(r, staff.LoginRefused) else "ok"] += 1

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == {"bad_credentials": staff.MAX_FAILURES, "too_many": 24 - staff.MAX_FAILURES}


def cli(hub: LocalHub, *args: str, stdin: str = "") -> int:
    url = hub.engine.url.render_as_string(hide_password=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.StringIO(stdin))
        return hub_cli(["--db", url, *args])


def test_someone_who_leaves_is_shut_out_at_once(hub: LocalHub, site) -> None:  # type: ignore[no-untyped-def]
    assert login(site).status_code == 303
    assert site.get("/tinh/").status_code == 200
    assert cli(hub, "staff-disable", "ttuan") == 0
    assert site.get("/tinh/").status_code == 303  # the open session ended
    assert login(site).status_code != 303  # and the password no longer opens one
    assert cli(hub, "staff-enable", "ttuan") == 0
    assert login(site).status_code == 303
    new = "mật khẩu mới của tỉnh"
    assert cli(hub, "staff-password", "ttuan", "--password-stdin", stdin=new + "\n") == 0
    assert site.get("/tinh/").status_code == 303  # a new password ends the sessions too
    assert login(site, password=PASSWORD).status_code != 303
    assert login(site, password=new).status_code == 303
    assert cli(hub, "staff-disable", "nobody") == 1


def test_a_month_no_calendar_reaches_is_refused(site) -> None:  # type: ignore[no-untyped-def]
    assert login(site).status_code == 303
    assert site.get("/tinh/?tu=9999-12&den=9999-12").status_code == 400
    assert site.get("/tinh/?tu=1999-12&den=2000-01").status_code == 400
