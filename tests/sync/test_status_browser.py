"""The citizen's status page in a real headless browser (Debian's chromium, chromedriver and
selenium), served by the real hub (uvicorn, PostgreSQL) with a dossier a desk synced: at a
desktop's width and at a phone's (390 px), what it shows and does not show, nothing wider than
the screen. Screenshots go to $DESK_APP_SCREENS (docs/screens) when set, else to tmp_path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.clock import VN_TZ
from desk_app.core.status_link import status_link
from desk_app.services.intake import receive
from desk_app.store.models import Dossier
from desk_app.sync.enrolment import enrol_desk
from tests.helpers import complete_request
from tests.sync.helpers_sync import sync_until_done
from tests.sync.test_status_page import PERSON

pytestmark = [pytest.mark.slow, pytest.mark.requires_chromium]

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture
def browser() -> Iterator:  # type: ignore[type-arg]
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("chromium is missing: ./dev test installs tools/apt/test-browser.txt")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--lang=vi-VN", "--hide-scrollbars", "--force-device-scale-factor=1"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def viewport(driver, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """Make the page's viewport exactly ``width`` x ``height`` CSS pixels."""
    driver.set_window_size(width, height)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])
    assert driver.execute_script("return window.innerWidth") == width


def text_of(driver, element_id: str) -> str:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.ID, element_id).text)


def fits(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """The elements reaching past the viewport's right edge (or the page scrolling sideways)."""
    return list(driver.execute_script("""
        const w = document.documentElement.clientWidth, out = [];
        if (document.documentElement.scrollWidth > w) out.push('page ' +
            document.documentElement.scrollWidth + ' > ' + w);
        for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.right > w + 0.5 || r.left < -0.5) out.push(e.tagName + '#' + e.id);
        }
        return out;"""))


def test_status_page_in_chromium_at_desktop_and_phone_width(hub_server, make_desk, clock,  # type: ignore[no-untyped-def]
                                                           browser, tmp_path: Path) -> None:
    desk = make_desk()
    enrol_desk(desk.store, clock, hub_server.url, hub_server.issue_code(desk.agency_code))
    with desk.store.write() as s:
        res = receive(s, clock, 3, complete_request(s, **PERSON))
        uuid = s.get(Dossier, res.dossier_id).uuid
    sync_until_done(desk, clock)
    shots = Path(os.environ.get("DESK_APP_SCREENS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    link = status_link(hub_server.url, res.code, uuid)
    # the hub runs on the real clock: past the appointment (Fri 27/11/2026 09:00) the page
    # says the dossier is late
    late = datetime.now(VN_TZ).replace(tzinfo=None) > datetime(2026, 11, 27, 9, 0)
    for width, height, name in [(1280, 800, "status.png"), (390, 844, "status-phone.png")]:
        viewport(browser, width, height)
        browser.get(link)
        assert browser.title == f"Hồ sơ {res.code}"
        assert text_of(browser, "state") == "Đã tiếp nhận, đang chờ giải quyết" + (
            "\nĐã quá ngày hẹn trả kết quả." if late else "")
        assert text_of(browser, "code") == res.code
        assert text_of(browser, "applicant") == "Trần V. Đ."
        assert text_of(browser, "procedure") == "Cấp Giấy xác nhận tình trạng hôn nhân"
        assert text_of(browser, "received") == "09:00 ngày 23/11/2026"
        assert text_of(browser, "due") == "09:00 ngày 27/11/2026"
        assert text_of(browser, "synced").startswith("Xã gửi dữ liệu lên tỉnh lần gần nhất lúc ")
        shown = browser.find_element("tag name", "body").text
        for hidden in ("Trần Văn Đức", "001090067890", "0987 654 321", "Phù Dực",
                       "tran.duc@example.vn", uuid):
            assert hidden not in shown and hidden not in browser.page_source, hidden
        assert fits(browser) == [], f"cut off at {width} px"
        # the label beside its value on a desktop, above it on a phone
        label_x, value_x = browser.execute_script(
            "const [t, d] = [document.querySelector('dt'), document.querySelector('dd')];"
            "return [t.getBoundingClientRect().left, d.getBoundingClientRect().left]")
        assert (value_x > label_x + 100) == (width > 700)
        # everything on one screenshot: the window as tall as the page
        page_h = browser.execute_script("return document.documentElement.scrollHeight")
        viewport(browser, width, max(height, int(page_h)))
        assert browser.save_screenshot(str(shots / name))
    # a wrong key: the not-found page, in Vietnamese, at the phone's width too
    browser.get(link[:-1] + ("A" if link[-1] != "A" else "B"))
    assert browser.title == "Không tìm thấy hồ sơ"
    assert "Không tìm thấy hồ sơ" in browser.find_element("tag name", "h2").text
    assert fits(browser) == []
