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

from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk_app.bootstrap import open_store  # noqa: E402
from desk_app.clock import FixedClock  # noqa: E402
from desk_app.gui.fonts import install_fonts  # noqa: E402
from desk_app.gui.register import RegisterView  # noqa: E402
from desk_app.services.clerks import create_clerk  # noqa: E402
from tests.register_data import fill_realistic  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0)


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
        fill_realistic(store, 300, date(2026, 11, 23))
        view = RegisterView(store, FixedClock(NOW))
        view.resize(1360, 640)
        view.show()
        app.processEvents()
        view.grab().save(str(out / "register.png"))
        view.filters.status.setCurrentIndex(1)  # đang giải quyết
        app.processEvents()
        view.grab().save(str(out / "register-open.png"))
        view.filters.reset()
        view.set_search("nguyen thi")
        app.processEvents()
        view.grab().save(str(out / "register-search.png"))
        print(view.counts())
        view.close()
        store.dispose()


if __name__ == "__main__":
    main()
