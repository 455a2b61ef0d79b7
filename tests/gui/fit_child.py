"""Child process for the screen-fit tests: the main window on a screen of a given size.

Run as ``QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python -m tests.gui.fit_child
DATA_DIR [--move X Y W H] [--shot PNG]``. It opens the window as the admin (every button a role
can have) with printing, rating and sync, opens a dossier with long data, visits each tab and
prints one JSON line: the screen's available area, the window's frame, every visible button's
rectangle in screen coordinates per tab, the status bar and the counts label. ``--move`` places
the window there before it closes (to check that the next start restores it).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from desk_app.clock import FixedClock
from desk_app.core import addresses
from desk_app.gui.fonts import install_fonts
from desk_app.gui.main_window import MainWindow
from desk_app.gui.session import ClerkInfo
from desk_app.gui.startup import install_extensions
from desk_app.paths import database_path
from desk_app.services import intake
from desk_app.services.intake import Person
from desk_app.store.engine import Store
from tests.conftest import START
from tests.helpers import complete_request

LONG_NAME = "Công Tôn Nữ Hoàng Thị Phương Thảo Nguyên Khánh Ngọc Bích"


def rect_of(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--move", type=int, nargs=4)
    parser.add_argument("--shot", type=Path)
    args = parser.parse_args()
    app = QApplication([])
    addresses.use(lambda _text: None)  # no child process loading address tables here
    install_fonts(app)
    store = Store(database_path(args.data_dir))
    clock = FixedClock(START)
    with store.write() as s:
        req = complete_request(s, "2.001263")  # adoption: seven components
        req.applicant = Person(full_name=LONG_NAME, id_number="001190012345", gender="Nữ",
                               address="Thôn Phù Dực Thượng, xã Phù Đổng, thành phố Hà Nội",
                               phone="0912345678")
        dossier_id = intake.receive(s, clock, 1, req).dossier_id
    window = MainWindow(store, clock, ClerkInfo(1, "admin", "Quản Trị Viên", "admin"),
                        args.data_dir)
    installed = install_extensions(window, store, clock, args.data_dir)
    window.show()
    settle(app)
    window.open_dossier(dossier_id)
    settle(app)
    tabs = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(app)
        tabs[window.tabs.tabText(index)] = {
            b.text() or b.objectName(): rect_of(b)
            for b in window.findChildren(QAbstractButton)
            if b.isVisible() and b.window() is window and b.text() and b.width() > 0
            and not b.objectName().startswith("qt_")
        }
        if args.shot and index == 0:
            window.grab().save(str(args.shot))
    # the print dialog (form 01 with its preview) opens over the window: it must fit too
    printing = installed["printing"]
    printing.run_action(window, dossier_id)  # type: ignore[attr-defined]
    dialog = printing.last_dialog  # type: ignore[attr-defined]
    settle(app)
    tabs["print dialog"] = {
        b.text(): rect_of(b) for b in dialog.findChildren(QAbstractButton)
        if b.isVisible() and b.text() and b.width() > 0
    }
    tabs["print dialog"]["(frame)"] = [dialog.frameGeometry().x(), dialog.frameGeometry().y(),
                                       dialog.frameGeometry().width(),
                                       dialog.frameGeometry().height()]
    dialog.reject()
    area: QRect = window.screen().availableGeometry()
    frame = window.frameGeometry()
    out = {
        "area": [area.x(), area.y(), area.width(), area.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "geometry": [window.x(), window.y(), window.width(), window.height()],
        "tabs": tabs,
        "status_bar": rect_of(window.statusBar()),
        "status_widgets": {
            (w.objectName() or type(w).__name__): rect_of(w)
            for w in window.statusBar().findChildren(QWidget)
            if w.parentWidget() is window.statusBar() and w.isVisible()
            and not type(w).__name__.startswith("QSize")
        },
        "counts": [window.counts_label.width(), window.counts_label.sizeHint().width()],
        "counts_text": window.counts_label.text(),
    }
    if args.move:
        x, y, w, h = args.move
        window.resize(w, h)
        window.move(x, y)
        settle(app)
    window.close()
    store.dispose()
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
