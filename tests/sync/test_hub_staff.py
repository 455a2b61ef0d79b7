"""The provincial staff's accounts, sessions and dashboard page (province_hub.staff,
province_hub.dashboard), through the hub's real app on SQLite and PostgreSQL: only a staff
session opens the pages (never a desk's credential, an admin token or nothing), the cookie's
flags, CSRF on every POST, logout, the limit on failed logins, and the page's numbers for
the hand-worked month of tests/sync/hub_seed.py."""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from province_hub import staff
from province_hub.__main__ import main as hub_cli
from province_hub.app import create_app
from province_hub.clock import FixedClock
from province_hub.models import Desk
from tests.sync.conftest import LocalHub
from tests.sync.hub_seed import A, B, enrol_desk, november, push
from tests.sync.hubs import hub  # noqa: F401 (the fixture, on SQLite and PostgreSQL)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PASSWORD = "mật khẩu tỉnh 2026"
# 29/11/2026 12:00 in Vietnam: d8 and d9 of commune A are overdue (legal due 10/11), d10 not
# (30/11); a desk last seen on 20/11 has not synced for 9 days
NOW_UTC = datetime(2026, 11, 29, 5, 0)


def make_staff(hub: LocalHub, username: str = "ttuan") -> None:
    url = hub.engine.url.render_as_string(hide_password=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        assert hub_cli(["--db", url, "staff-add", username, "Trần Thanh Tuấn",
                        "--password-stdin"]) == 0


@pytest.fixture
def site(hub: LocalHub) -> Iterator[TestClient]:
    make_staff(hub)
    app = create_app(engine=hub.engine, clock=FixedClock(NOW_UTC))
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c


def login(c: TestClient, username: str = "ttuan", password: str = PASSWORD,
          csrf: str | None = None) -> object:
    page = c.get("/tinh/dang-nhap")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    return c.post("/tinh/dang-nhap", data={"csrf": csrf if csrf is not None else token[1],
                                           "username": username, "password": password})


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found[1]


def test_nobody_but_staff_opens_the_dashboard(hub: LocalHub, site: TestClient) -> None:
    desk = enrol_desk(hub.engine, A, "Xã A")
    for headers in ({}, {"Authorization": f"Bearer {desk}"},
                    {"Authorization": f"Bearer {hub.admin}"}, {"Cookie": f"hub_staff={desk}"},
                    {"Cookie": f"hub_staff={hub.admin}"}):
        r = site.get("/tinh/", headers=headers)
        assert (r.status_code, r.headers["location"]) == (303, "/tinh/dang-nhap"), headers
        assert "Tiếp nhận" not in r.text
        r = site.post("/tinh/dang-xuat", headers=headers, data={"csrf": "x"})
        assert r.status_code == 403
    # and the API still refuses a staff session: it is no token
    assert login(site).status_code == 303
    assert site.get("/api/v1/admin/summary").status_code == 401


def test_login_cookie_flags_csrf_and_logout(hub: LocalHub) -> None:
    make_staff(hub)
    app = create_app(engine=hub.engine, clock=FixedClock(NOW_UTC))
    with TestClient(app, base_url="https://hub.tinh.vn", follow_redirects=False) as c:
        assert login(c, csrf="giả").status_code == 403  # not the form's own token
        r = login(c, password="sai mật khẩu")
        assert r.status_code == 401 and "Tên đăng nhập hoặc mật khẩu không đúng." in r.text
        r = login(c)
        assert (r.status_code, r.headers["location"]) == (303, "/tinh/")
        cookie = next(v for v in r.headers.get_list("set-cookie") if v.startswith("hub_staff="))
        flags = {x.strip().lower() for x in cookie.split(";")[1:]}
        assert {"httponly", "samesite=strict", "secure", "path=/tinh"} <= flags
        page = c.get("/tinh/")
        assert page.status_code == 200 and "Trần Thanh Tuấn" in page.text
        assert "script" not in page.text.lower() and "http" not in page.text.lower()
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert c.post("/tinh/dang-xuat", data={"csrf": "giả"}).status_code == 403
        assert c.get("/tinh/").status_code == 200  # still logged in
        r = c.post("/tinh/dang-xuat", data={"csrf": csrf_of(page.text)})
        assert (r.status_code, r.headers["location"]) == (303, "/tinh/dang-nhap")
        assert c.get("/tinh/").status_code == 303
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        r = login(c)
        cookie = next(v for v in r.headers.get_list("set-cookie") if v.startswith("hub_staff="))
        assert "secure" not in cookie.lower()  # plain http: a Secure cookie would never return


def test_failed_logins_are_limited(hub: LocalHub, site: TestClient) -> None:
    make_staff(hub, "lan")
    for _ in range(staff.MAX_FAILURES):
        assert login(site, password="đoán thử mật khẩu").status_code == 401
    r = login(site)  # the right password, too late
    assert r.status_code == 429 and "quá nhiều lần" in r.text
    assert login(site, "lan").status_code == 303  # another user name is not locked out
    later = create_app(engine=hub.engine,
                       clock=FixedClock(NOW_UTC + staff.WINDOW + timedelta(seconds=1)))
    with TestClient(later, base_url="http://testserver", follow_redirects=False) as c:
        assert login(c).status_code == 303


def cells(page: str, section: str, commune: str) -> dict[str, str]:
    part = page.split(f'<section id="{section}">', 1)[1].split("</section>", 1)[0]
    row = part.split(f'data-commune="{commune}">', 1)[1].split("</tr>", 1)[0]
    return dict(re.findall(r'<td data-k="([^"]+)">([^<]*)</td>', row))


def test_the_page_shows_the_hand_worked_figures(hub: LocalHub, site: TestClient) -> None:
    a, b = november()
    for seed in (a, b):
        push(lambda path, body, headers: hub.client.post(path, json=body, headers=headers),
             enrol_desk(hub.engine, seed.agency_code, f"Xã {seed.agency_code}"), seed)
    with hub.engine.begin() as conn:  # commune B's desk last synced on 20/11; A's today
        conn.execute(Desk.__table__.update().where(Desk.id == 2)
                     .values(last_seen_at=datetime(2026, 11, 20, 3, 0)))
    assert login(site).status_code == 303
    page = site.get("/tinh/", params={"tu": "2026-11", "den": "2026-11"}).text
    assert cells(page, "dossiers", A) == {
        "received": "11", "ch_desk": "8", "ch_online": "2", "ch_post": "1",
        "supplement_requested": "1", "refused_intake": "1", "solved_early": "1",
        "solved_on_time": "2", "solved_late": "2", "apologised": "2", "late_apologised": "1",
        "refused_later": "1", "withdrawn": "1", "stopped": "1", "overdue_open": "2",
        "overdue_apologised": "1"}
    assert cells(page, "satisfaction", A) == {
        "ratings": "3", "ratings_positive": "1", "c_attitude": "2 / 1", "c_timeliness": "1 / 1",
        "late_or_dissatisfied": "3"}
    # B in November: e1 only (received 30/11, returned early); its rating was in December
    assert cells(page, "ranking", B) == {"rank": "1", "points": "38", "g_publicity": "—",
                                         "g_progress": "20", "g_digitisation": "—",
                                         "g_online": "—", "g_satisfaction": "18",
                                         "on_time_rate": "100,0%", "satisfaction_rate": "—"}
    # A: progress 3/5 of 20 = 12, satisfaction (5 - 3)/5 of 18 = 7,2
    assert cells(page, "ranking", A) == {"rank": "2", "points": "19,2", "g_publicity": "—",
                                         "g_progress": "12", "g_digitisation": "—",
                                         "g_online": "—", "g_satisfaction": "7,2",
                                         "on_time_rate": "60,0%", "satisfaction_rate": "33,3%"}
    assert "<code>(solved_early + solved_on_time) / solved</code>" in page
    assert "QĐ 766/QĐ-TTg, Phụ lục, nhóm chỉ số 2" in page
    stale = page.split('<section id="stale">', 1)[1].split("</section>", 1)[0]
    assert 'data-desk="2"' in stale and 'data-desk="1"' not in stale  # A synced at the push
    chains = page.split('<section id="chains">', 1)[1].split("</section>", 1)[0]
    assert 'data-desk="1"' in chains and 'data-desk="2"' in chains  # the seeds' fake hashes
    assert "phiếu số 1 đã bị sửa" in chains and "edited" not in chains  # the desk's words
    with hub.engine.connect() as conn:
        assert conn.scalar(select(Desk.last_seen_at).where(Desk.id == 1)) is not None
