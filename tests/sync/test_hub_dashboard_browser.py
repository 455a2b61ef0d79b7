"""The dashboard in a real headless chromium (Debian's chromium + chromium-driver, selenium):
the real hub process on PostgreSQL, the hand-worked month of tests/sync/hub_seed.py pushed by
two desks, a staff account made on the command line; the browser loads the login page, logs
in, reads the numbers off the page and saves docs/screens/dashboard.png."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import datetime

import httpx
import pytest

from province_hub.__main__ import main as hub_cli
from province_hub.clock import Clock
from tests.sync.conftest import HubServer, new_agency_code
from tests.sync.hub_seed import enrol_desk, november, push
from tests.sync.servers import ROOT

pytestmark = pytest.mark.slow
PASSWORD = "mật khẩu tỉnh 2026"


@pytest.fixture
def browser() -> Iterator[object]:
    if not shutil.which("chromedriver"):
        pytest.fail("chromium-driver is missing: ./dev test installs tools/apt/test-browser.txt")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1500,2300", "--lang=vi"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
    try:
        yield driver
    finally:
        driver.quit()


def test_staff_log_in_and_read_the_figures(hub_server: HubServer, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    a_code, b_code = new_agency_code(), new_agency_code()
    a, b = november(a_code, b_code)
    for seed in (a, b):
        push(lambda path, body, headers: httpx.post(hub_server.url + path, json=body,
                                                    headers=headers, timeout=10),
             enrol_desk(hub_server.engine, seed.agency_code, f"Xã thử {seed.agency_code[-6:]}"),
             seed)
    url = hub_server.engine.url.render_as_string(hide_password=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        assert hub_cli(["--db", url, "staff-add", "browser", "Nguyễn Thị Phương Thảo",
                        "--password-stdin"]) == 0
    browser.get(hub_server.url + "/tinh/")  # no session: the login form
    assert browser.current_url.endswith("/tinh/dang-nhap")
    assert "Đăng nhập cán bộ tỉnh" in browser.page_source
    browser.find_element(By.ID, "username").send_keys("browser")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login").click()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.ID, "logout"))
    browser.get(hub_server.url + "/tinh/?tu=2026-11&den=2026-12")
    assert "Nguyễn Thị Phương Thảo" in browser.page_source

    def cell(section: str, commune: str, key: str) -> str:
        return str(browser.find_element(
            By.CSS_SELECTOR, f'#{section} tr[data-commune="{commune}"] td[data-k="{key}"]').text)

    # commune A: 11 received (8 at the desk, 2 online, 1 by post), 1 early, 2 on time, 2 late
    # (one with form 04), 2 with form 04; d8 and d9 overdue, and d10 too once 30/11 17:00 is past
    got = {k: cell("dossiers", a_code, k) for k in (
        "received", "ch_desk", "ch_online", "ch_post", "solved_early", "solved_on_time",
        "solved_late", "apologised", "late_apologised", "overdue_open")}
    overdue = 3 if Clock().vn_local() > datetime(2026, 11, 30, 17) else 2
    assert got == {"received": "11", "ch_desk": "8", "ch_online": "2", "ch_post": "1",
                   "solved_early": "1", "solved_on_time": "2", "solved_late": "2",
                   "apologised": "2", "late_apologised": "1", "overdue_open": str(overdue)}
    # November and December: A's 4 ratings (1 + 1 positive), B's e1 early and e2 late
    assert cell("satisfaction", a_code, "ratings") == "4"
    assert cell("satisfaction", a_code, "ratings_positive") == "2"
    assert cell("satisfaction", a_code, "c_timeliness") == "2 / 2"
    # progress: A (1 + 2) / 5 of 20 = 12; B 1 / 2 of 20 = 10
    assert (cell("ranking", a_code, "g_progress"), cell("ranking", b_code, "g_progress")) == (
        "12", "10")
    svg_bars = browser.find_elements(By.CSS_SELECTOR, "#trend svg rect title")
    assert len(svg_bars) == 2 * 3  # two months, three bars each
    shots = ROOT / "docs" / "screens"
    shots.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(shots / "dashboard.png"))
    browser.find_element(By.ID, "logout").click()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.endswith("/tinh/dang-nhap"))
