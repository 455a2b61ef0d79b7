"""Benchmark: the longest stall of the GUI thread while the clerk works on a large store.

    .venv/bin/python bench/bench_gui_stall.py [--data bench/out/million] [--repeat 5]

A QTimer beats every 5 ms on the GUI thread and records when each beat ran. A beat that comes
late means the GUI thread was busy (no repaint, no key handled): the stall is the largest gap
between two beats minus the 5 ms interval; the p95 of the gaps tells whether stalls are rare.
Measured, offscreen, with the real main window on the data folder of ``bench/gen_dossiers.py``
(1,000,000 dossiers by default):

* floor: the same heartbeat beside an idle bare QMainWindow (what this machine gives at best);
* intake: a procedure typed into the picker key by key, every required paper ticked, a CCCD
  scanned, a phone number typed, Ctrl+Enter (the save) until the form is empty again;
* print preview of form 01: the print dialog opened on the new dossier until its preview shows;
* register refresh: ``refresh()`` (ids, rows on screen, the status-bar counts) until applied.

Target: no stall over 50 ms. The machine's load average is printed with the figures (other
processes take the cores too). The intake adds one dossier to the data folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_register import ensure_indexes  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QLocale, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget  # noqa: E402

from desk_app.clock import FixedClock  # noqa: E402
from desk_app.gui import background  # noqa: E402
from desk_app.gui.fonts import install_fonts  # noqa: E402
from desk_app.gui.session import ClerkInfo  # noqa: E402
from desk_app.paths import database_path  # noqa: E402
from desk_app.store.engine import Store  # noqa: E402

BEAT_MS = 5
TARGET_MS = 50.0
NOW = datetime(2026, 11, 20, 10, 0)  # the generated dossiers end that Friday
PAYLOAD = ("001192004567|013456789|Trần Thị Hồng Nhung|05061992|Nữ|"
           "Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội|12082021")
KEY_GAP_MS = 40  # a quick typist
SCAN_GAP_MS = 2  # a USB scanner's burst


class Heartbeat:
    """A precise 5 ms timer on the GUI thread; records when each beat ran."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.beats: list[float] = []

    def _beat(self) -> None:
        self.beats.append(time.perf_counter())

    def start(self) -> None:
        self.beats = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        self.beats.append(time.perf_counter())
        return [(b - a) * 1000 for a, b in zip(self.beats, self.beats[1:], strict=False)]


def pump(ms: int) -> None:
    """Let the event loop run for ``ms`` (the heartbeat beats meanwhile)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def pump_until(done: Callable[[], bool], timeout_s: float = 120.0) -> None:
    end = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the GUI did not finish in time")
        pump(5)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the focus"
    return widget


def type_text(text: str, gap_ms: int = KEY_GAP_MS) -> None:
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                focused(), QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
        pump(gap_ms)


def press(key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, mods)
    pump(KEY_GAP_MS)


def measured(name: str, action: Callable[[], None], beat: Heartbeat,
             results: dict[str, list[float]]) -> None:
    beat.start()
    t0 = time.perf_counter()
    action()
    took = time.perf_counter() - t0
    gaps = beat.stop()
    results.setdefault(name, []).extend(gaps)
    print(f"  {name}: {took:.2f} s, longest gap {max(gaps):.1f} ms", flush=True)


def report(name: str, gaps: list[float]) -> None:
    ordered = sorted(gaps)
    stall = max(0.0, ordered[-1] - BEAT_MS)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    flag = "" if stall <= TARGET_MS else "   ** over target"
    print(f"{name:<28} longest stall {stall:7.1f} ms   p95 gap {p95:6.1f} ms   "
          f"median gap {statistics.median(ordered):5.1f} ms   beats {len(ordered):6d}{flag}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT / "bench" / "out" / "million")
    ap.add_argument("--repeat", type=int, default=5, help="register refreshes measured")
    args = ap.parse_args()
    db = database_path(args.data)
    if not db.exists():
        sys.exit(f"no {db}: run bench/gen_dossiers.py --rows 1000000 --out {args.data} first")
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication(sys.argv[:1])
    install_fonts(app)
    store = Store(db)
    ensure_indexes(store)
    clock = FixedClock(NOW)
    beat = Heartbeat()
    results: dict[str, list[float]] = {}

    # the floor: nothing but the heartbeat beside an idle window
    bare = QMainWindow()
    bare.resize(1280, 800)
    bare.show()
    pump(100)
    measured("floor (idle bare window)", lambda: pump(2000), beat, results)
    bare.close()

    from desk_app.gui import printing
    from desk_app.gui.main_window import MainWindow

    t0 = time.perf_counter()
    window = MainWindow(store, clock, ClerkInfo(3, "binh", "Nguyễn Văn Bình", "clerk"),
                        Path(tempfile.mkdtemp(prefix="bench-stall-")))
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    pump_until(lambda: not window.register.model.loading)
    pump(300)
    print(f"main window built and first register page read: {time.perf_counter() - t0:.2f} s")
    form = window.intake

    def intake() -> None:
        window.tabs.setCurrentWidget(form)
        form.picker.edit.setFocus()
        pump(KEY_GAP_MS)
        type_text("xac nhan tinh trang hon")
        press(Qt.Key.Key_Return)
        press(Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # every required paper received
        type_text(PAYLOAD, SCAN_GAP_MS)
        press(Qt.Key.Key_Return)
        type_text("0912 345 678")
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        pump_until(form.is_empty)
        pump(200)

    measured("intake (typing + save)", intake, beat, results)
    banner = form.banner.text()
    print(f"  banner: {banner[:90]}")
    with store.read() as s:
        from sqlalchemy import func, select

        from desk_app.store.models import Dossier

        dossier_id = s.scalar(select(func.max(Dossier.id)))
    assert dossier_id is not None

    def preview() -> None:
        dialog = printing.actions.print_form(window, store, clock, 3, dossier_id, "01")
        pump_until(lambda: dialog.rendered is not None and not dialog.listing_printers)
        pump(300)  # the preview paints
        dialog.close()
        pump(50)

    for _ in range(2):  # the first opening also builds the dialog's window and fonts
        measured("print preview of form 01", preview, beat, results)

    window.tabs.setCurrentWidget(window.register)
    pump(300)

    def refresh() -> None:
        model = window.register.model
        with_counts: list[dict[str, int]] = []
        model.countsChanged.connect(with_counts.append)
        window.register.refresh()
        pump_until(lambda: not model.loading and bool(with_counts))
        model.countsChanged.disconnect(with_counts.append)
        pump(100)

    for _ in range(args.repeat):
        measured("register refresh (+counts)", refresh, beat, results)

    window.close()
    background.wait_all()
    store.dispose()
    load = os.getloadavg()
    print()
    print(f"data: {args.data} ({db.stat().st_size / 1e9:.2f} GB); heartbeat {BEAT_MS} ms; "
          f"target: no stall over {TARGET_MS:.0f} ms")
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    for name, gaps in results.items():
        report(name, gaps)


if __name__ == "__main__":
    main()
