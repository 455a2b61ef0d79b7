"""Child process for the crash test: type half an intake, wait for the autosave, then die.

Run as ``python -m tests.gui.crash_child DATA_DIR``; it kills itself with SIGKILL (no clean-up,
no close event: what a crash or a power cut leaves behind).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desk_app.clock import FixedClock
from desk_app.core import addresses
from desk_app.gui.main_window import MainWindow
from desk_app.gui.session import ClerkInfo
from desk_app.paths import database_path
from desk_app.services.drafts import draft_path
from desk_app.store.engine import Store
from tests.conftest import START


def main(data_dir: Path) -> None:
    app = QApplication([])
    addresses.use(lambda _text: None)  # no child process loading address tables here
    store = Store(database_path(data_dir))
    window = MainWindow(store, FixedClock(START), ClerkInfo(3, "binh", "Nguyễn Văn Bình",
                                                            "clerk"), data_dir)
    window.show()
    form = window.intake
    form.picker.edit.setFocus()
    for text, widget in (
        ("ket hon", form.picker.edit),
        ("Ngô Thị Thu Trang", form.applicant.line("full_name")),
        ("0987 654 321", form.applicant.line("phone")),
    ):
        if widget is not form.picker.edit:
            widget.setFocus()
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                app.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                Qt.KeyboardModifier.NoModifier, ch))
        if widget is form.picker.edit:
            form.picker.pick_current()
    form.checklist.rows[0].check.setChecked(True)
    deadline = time.monotonic() + 20
    path = draft_path(data_dir)
    while time.monotonic() < deadline:
        app.processEvents()
        if path.exists() and "0987 654 321" in path.read_text(encoding="utf-8"):
            break
        time.sleep(0.05)
    print("draft saved" if path.exists() else "no draft", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
