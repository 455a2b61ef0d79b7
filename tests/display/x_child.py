"""The counter program on a real X display, for tests/display: driven from outside by xdotool.

Run as ``DISPLAY=:N QT_QPA_PLATFORM=xcb python -m tests.display.x_child DATA_DIR STATE_JSON``.
It opens the main window for the clerk binh with printing, rating and sync, offers a rating for
a returned dossier, writes the screen positions the test needs into STATE_JSON, and then rewrites
STATE_JSON every 100 ms with what a clerk would see: the active window, the focused field, the
applicant's name in the intake form, whether the desk is locked, the citizen's page and every
visible top-level window. A line "shot PATH" on stdin saves a grab of the whole screen there; "intake" receives a new
dossier and runs the after-intake hooks (form 01's print dialog, a rating).
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desk_app.clock import SystemClock
from desk_app.core import addresses
from desk_app.core.lifecycle import Status
from desk_app.gui import collector, hooks
from desk_app.gui.fonts import install_fonts
from desk_app.gui.main_window import MainWindow
from desk_app.gui.session import ClerkInfo
from desk_app.gui.startup import install_extensions
from desk_app.paths import database_path
from desk_app.services import intake, lifecycle
from desk_app.store.engine import Store
from tests.helpers import complete_request


class _Stdin(QObject):
    line = Signal(str)


def centre(widget: QWidget) -> list[int]:
    point = widget.mapToGlobal(widget.rect().center())
    return [point.x(), point.y()]


def main(data_dir: Path, state_path: Path) -> None:
    app = QApplication([])
    collector.install(app)  # as desk_app.app does
    # these tests are about focus and windows: no child process loading the address tables
    # (a second busy core for ~20 s on a 2-core CI machine); tests/unit/test_addresses.py
    addresses.use(lambda _text: None)
    install_fonts(app)
    store = Store(database_path(data_dir))
    clock = SystemClock()
    with store.write() as s:
        dossier_id = intake.receive(s, clock, 3, complete_request(s)).dossier_id
    for target in (Status.RESULT_READY, Status.RETURNED):
        with store.write() as s:
            lifecycle.change_status(s, clock, 3, dossier_id, target)
    window = MainWindow(store, clock, ClerkInfo(3, "binh", "Nguyễn Văn Bình", "clerk"),
                        data_dir)
    installed = install_extensions(window, store, clock, data_dir)
    rating = installed["rating"]
    window.show()
    window.activateWindow()
    citizen = rating.window  # type: ignore[attr-defined]
    start: dict[str, object] = {}

    def offer() -> None:
        rating.offer(dossier_id, "return")  # type: ignore[attr-defined]
        window.intake.applicant.line("email").setFocus()
        QTimer.singleShot(500, positions)

    def positions() -> None:
        start.update({
            "level": centre(citizen.overall.buttons["very_satisfied"]),
            "chip": centre(citizen.comment.buttons[0]),
            "send": centre(citizen.send),
            "citizen_screen": QApplication.screens().index(citizen.screen()),
            "clerk_screen": QApplication.screens().index(window.screen()),
            "citizen_fullscreen": citizen.isFullScreen(),
        })

    def write_state() -> None:
        active = QApplication.activeWindow()
        focus = QApplication.focusWidget()
        state = {
            **start,
            "active": active.objectName() if active is not None else "",
            "focus": focus.objectName() if focus is not None else "",
            "name": window.intake.applicant.line("full_name").text(),
            "email": window.intake.applicant.line("email").text(),
            "locked": window.locked,
            "citizen_page": citizen.page(),
            "windows": sorted(w.windowTitle() for w in QApplication.topLevelWidgets()
                              if w.isVisible() and w.isWindow() and w.windowTitle()),
        }
        tmp = state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        tmp.replace(state_path)

    reader = _Stdin()

    def on_line(text: str) -> None:
        verb, _, arg = text.strip().partition(" ")
        if verb == "shot":
            screen = window.screen()
            screen.grabWindow(0).save(arg)
            print(f"saved {arg}", flush=True)
        elif verb == "intake":  # a dossier received now: form 01's print dialog, a rating
            with store.write() as s:
                new_id = intake.receive(s, clock, 3, complete_request(s)).dossier_id
            hooks.call_all(hooks.after_intake, new_id)
        elif verb == "idle":  # the idle lock after this many seconds without input
            window.idle.set_seconds(int(arg))
        elif verb == "quit":
            window.close()
            app.quit()

    reader.line.connect(on_line)

    def read_stdin() -> None:
        for text in sys.stdin:
            reader.line.emit(text)

    threading.Thread(target=read_stdin, daemon=True).start()
    timer = QTimer()
    timer.timeout.connect(write_state)
    timer.start(100)
    QTimer.singleShot(800, offer)
    app.exec()
    store.dispose()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
