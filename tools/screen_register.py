"""Save docs/screens/register*.png: the register over a few hundred realistic dossiers.

    .venv/bin/python tools/screen_register.py

Builds a throwaway data folder (real migrations and seed), receives ~300 dossiers through the
intake services over the weeks before Mon 23/11/2026 and moves them along their life cycle,
then renders the register offscreen: all dossiers, and the "open" filter with colours.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QLocale, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk_app.bootstrap import open_store  # noqa: E402
from desk_app.clock import FixedClock  # noqa: E402
from desk_app.gui.fonts import install_fonts  # noqa: E402
from desk_app.gui.register import RegisterView  # noqa: E402
from desk_app.services.clerks import create_clerk  # noqa: E402
from desk_app.services.counter import set_counter  # noqa: E402
from tests.register_data import fill_realistic  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0)


def save(view: RegisterView, path: Path) -> None:
    """Grab the widget; a 256-colour PNG keeps the file small (Pillow, a test extra)."""
    from PIL import Image

    view.grab().save(str(path))
    Image.open(path).convert("RGB").quantize(256).save(path, optimize=True)


def main() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication(sys.argv)
    install_fonts(app)
    out = ROOT / "docs" / "screens"
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp), FixedClock(NOW))
        with store.write() as s:
            for user, name, role in (("admin", "Quản Trị Viên", "admin"),
                                     ("lan", "Trần Thị Lan", "leader"),
                                     ("binh", "Nguyễn Văn Bình", "clerk")):
                create_clerk(s, FixedClock(NOW), user, name, "", role, password_hash="x")
            set_counter(s, 1)
        fill_realistic(store, 300, date(2026, 11, 23))
        view = RegisterView(store, FixedClock(NOW))
        view.resize(1360, 640)
        view.show()
        app.processEvents()
        save(view, out / "register.png")
        view.filters.status.setCurrentIndex(1)  # đang giải quyết
        view.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # hẹn trả: soonest first
        app.processEvents()
        save(view, out / "register-open.png")
        view.filters.reset()
        view.filters.search.setText("nguyen thi")
        view.filters.search.setFocus()
        view.set_search("nguyen thi")
        app.processEvents()
        save(view, out / "register-search.png")
        print(view.counts())
        view.close()
        store.dispose()


if __name__ == "__main__":
    main()
