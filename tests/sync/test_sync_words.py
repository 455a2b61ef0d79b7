"""The sync indicator never shows a raw code: a real HTTP server on loopback answers the desk
with a 404 page (a wrong address), the hub's own {"error": "http_404"}, a 500, a captive
portal's HTML, a 401 from a proxy, a code the desk does not know and answers that are not
the hub's JSON; the status bar, its
tooltip and the enrolment message say what happened in Vietnamese, with no "http_" and no code.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk_app.clock import FixedClock
from desk_app.gui.sync_indicator import SyncIndicator
from desk_app.store.engine import Store
from desk_app.sync import protocol as p
from desk_app.sync import state
from desk_app.sync.worker import SyncWorker
from tests.sync.helpers_sync import activity
from tests.sync.test_sync_indicator import shot

CODE_LIKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")

# what the server answers: status, content type, body
ANSWERS: dict[str, tuple[int, str, bytes]] = {
    "page-404": (404, "text/html", b"<html><body><h1>Not Found</h1></body></html>"),
    "hub-404": (404, "application/json", json.dumps(
        {"error": "http_404", "detail": "Not Found",
         "server_time": "2026-11-23T02:00:00Z"}).encode()),
    "error-500": (500, "text/plain", b"Internal Server Error"),
    "portal": (200, "text/html", b"<html><title>Wi-Fi login</title>garbage</html>"),
    "proxy-401": (401, "text/html", b"<html>Authentication required</html>"),
    "new-code": (409, "application/json", b'{"error": "desk_quota_exceeded"}'),
    "odd-code": (400, "application/json", b'{"error": 17, "detail": "?"}'),
    "broken-json": (400, "application/json", b'{"error": "bad_batch", "deta'),
}


class Server:
    def __init__(self) -> None:
        self.mode = "page-404"
        self.paths: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                outer.paths.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                status, kind, body = ANSWERS[outer.mode]
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.stop()


def enrolled(store: Store, clock: FixedClock, url: str) -> None:
    with store.write() as session:
        state.save_enrolment(session, url, p.Enrolment(
            7, "desk-credential", "000.00.01.H26", "Xã Phù Đổng",
            datetime(2026, 11, 23, 2, 0, tzinfo=UTC)), clock.now())


def assert_in_words(text: str) -> None:
    assert "http" not in text.lower(), text
    assert not CODE_LIKE.search(text), text
    for raw in ("404", "500", "401", "409", "desk_quota", "server_error", "bad_answer"):
        assert raw not in text, text


@pytest.mark.parametrize("mode, words", [
    ("page-404", "kiểm tra lại địa chỉ"),
    ("hub-404", "kiểm tra lại địa chỉ"),
    ("error-500", "Máy chủ tỉnh đang lỗi hoặc bảo trì"),
    ("portal", "Nhận được trả lời lạ"),
    ("proxy-401", "đòi đăng nhập"),
    ("new-code", "Chưa đồng bộ được"),
    ("odd-code", "báo cho quản trị"),
    ("broken-json", "báo cho quản trị"),
])
def test_the_indicator_tells_each_failure_in_words(
    qtbot: QtBot, server: Server, store: Store, clock: FixedClock, tmp_path: Path,
    mode: str, words: str,
) -> None:
    server.mode = mode
    enrolled(store, clock, server.url)
    activity(store, clock, 1, rate=False)  # something to push
    worker = SyncWorker(store, clock, timeout=5, rng=None)
    worker.run_once()  # one real cycle against the server, in this thread
    assert server.paths and server.paths[0].startswith(p.API)
    assert worker.last_error is not None  # it did fail...
    indicator = SyncIndicator(store, clock)
    qtbot.addWidget(indicator)
    qtbot.waitUntil(lambda: indicator.snapshot is not None)  # read on a worker
    shown = indicator.text.text()
    assert "lỗi" in shown and words in shown, shown  # ...and the clerk reads why
    assert words in indicator.toolTip()
    assert_in_words(shown)
    assert_in_words(indicator.toolTip())
    indicator.resize(indicator.sizeHint())
    shot(indicator, f"sync-words-{mode}.png", tmp_path)


def test_a_failed_enrolment_is_told_in_words(
    qtbot: QtBot, server: Server, store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    server.mode = "page-404"  # the clerk typed the address of some other web server
    indicator = SyncIndicator(store, clock)
    qtbot.addWidget(indicator)
    with qtbot.waitSignal(indicator.enrolled, timeout=10_000):
        indicator.enrol(server.url, "ABCD-EFGH-JKLM")
    qtbot.waitUntil(lambda: "Đăng ký chưa được" in indicator.text.text())
    assert "kiểm tra lại địa chỉ" in indicator.text.text()
    assert_in_words(indicator.text.text())
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    assert box.windowTitle() == "Chưa đăng ký được với tỉnh"
    assert "kiểm tra lại địa chỉ" in box.text()
    assert_in_words(box.text())
    shot(box, "sync-words-enrol.png", tmp_path)
    box.close()


@pytest.mark.parametrize("typed", [
    "dongbo.tinh.gov.vn",  # no https://
    "https://dongbo\ttinh.gov.vn",  # a tab pasted in
    "https://" + "a" * 70 + ".gov.vn",  # a name part longer than 63 letters
])
def test_an_address_that_is_not_a_web_address_is_told_in_words(
    qtbot: QtBot, store: Store, clock: FixedClock, typed: str
) -> None:
    indicator = SyncIndicator(store, clock)
    qtbot.addWidget(indicator)
    with qtbot.waitSignal(indicator.enrolled, timeout=10_000) as sent:
        indicator.enrol(typed, "ABCD-EFGH-JKLM")
    assert getattr(sent.args[0], "code", None) == "bad_url"
    qtbot.waitUntil(lambda: "Đăng ký chưa được" in indicator.text.text())
    assert "không đúng dạng" in indicator.text.text()
    assert indicator.enrol_button.isEnabled()  # the clerk can correct it and try again
    for box in [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]:
        assert "không đúng dạng" in box.text()
        box.close()
