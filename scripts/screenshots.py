"""Save a PNG of each main screen of the counter program into docs/screens/ (offscreen).

Run: ``.venv/bin/python scripts/screenshots.py [--out docs/screens]``. Builds a throwaway data
folder with the demo commune, three clerks and a few dossiers, then renders: login, intake
filled from a scanned CCCD, intake with field messages, form 02 dialog, dossier page,
register, administration, lock screen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QLocale  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desk_app.bootstrap import open_store  # noqa: E402
from desk_app.clock import FixedClock  # noqa: E402
from desk_app.core.cccd import parse_qr  # noqa: E402
from desk_app.core.lifecycle import Status  # noqa: E402
from desk_app.gui.admin import AdminDialog  # noqa: E402
from desk_app.gui.fonts import install_fonts  # noqa: E402
from desk_app.gui.login import LoginDialog  # noqa: E402
from desk_app.gui.main_window import MainWindow  # noqa: E402
from desk_app.gui.ops import Ops  # noqa: E402
from desk_app.gui.session import ClerkInfo  # noqa: E402
from desk_app.gui.translations import install_translations  # noqa: E402
from desk_app.services import intake, lifecycle  # noqa: E402
from desk_app.services.clerks import create_clerk, hash_password  # noqa: E402
from desk_app.services.counter import set_counter  # noqa: E402
from desk_app.services.intake import IntakeRequest, Person, Received  # noqa: E402
from desk_app.store.catalogue import versions_in_force  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 40)
PEOPLE = (
    ("Đặng Văn Đức", "001090012345", "Nam", "0912345678"),
    ("Nguyễn Thị Hằng", "001190054321", "Nữ", "0987654321"),
    ("Trương Quốc Bảo", "036085007788", "Nam", "0903111222"),
    ("Lê Thị Ngọc Ánh", "001198004455", "Nữ", "0977000111"),
)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, out: Path, name: str, app: QApplication) -> None:
    settle(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"saved {path} ({path.stat().st_size // 1024} KB)")


def seed(data_dir: Path, clock: FixedClock) -> None:
    store = open_store(data_dir, clock)
    pw = hash_password("mat-khau-123")
    with store.write() as s:
        create_clerk(s, clock, "admin", "Quản Trị Viên", "", "admin", password_hash=pw)
        create_clerk(s, clock, "lan", "Trần Thị Lan", "", "leader", password_hash=pw)
        create_clerk(s, clock, "binh", "Nguyễn Văn Bình", "", "clerk", password_hash=pw)
        set_counter(s, 1)
    codes = ("1.004873", "1.001193", "2.000815", "1.000894")
    for i, (name, cccd, gender, phone) in enumerate(PEOPLE):
        clock.set(datetime(2026, 11, 23, 8, 10 + 7 * i))
        with store.write() as s:
            versions = {v.procedure.national_code: v for v in versions_in_force(s, NOW.date())}
            v = versions[codes[i]]
            req = IntakeRequest(
                v.id, Person(name, cccd, None, gender, "Thôn Phù Dực, xã Phù Đổng, Hà Nội",
                             phone),
                components=[Received(c.position, c.originals, c.certified_copies, c.copies)
                            for c in v.components],
            )
            intake.receive(s, clock, 3, req)
    clock.set(datetime(2026, 11, 23, 14, 5))
    with store.write() as s:
        lifecycle.change_status(s, clock, 3, 1, Status.IN_PROCESSING, "Chuyển công chức tư pháp")
    clock.set(datetime(2026, 11, 25, 8, 30))
    with store.write() as s:
        lifecycle.change_status(s, clock, 3, 1, Status.RESULT_READY, "")
    clock.set(NOW)
    store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screens")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="desk-screens-"))
    clock = FixedClock(NOW)
    seed(data_dir, clock)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    app = QApplication(sys.argv[:1])
    install_fonts(app)
    install_translations(app)
    store = open_store(data_dir, clock)

    login = LoginDialog(store, "Bộ phận tiếp nhận và trả kết quả")
    login.username.setText("binh")
    login.password.setText("sai")
    login.show()
    login.submit()
    save(login, out, "login", app)
    login.close()

    window = MainWindow(store, clock, ClerkInfo(3, "binh", "Nguyễn Văn Bình", "clerk"), data_dir)
    window.show()
    form = window.intake
    form.picker.edit.setText("ket hon")
    form.picker._filter("ket hon")
    save(window, out, "intake-picker", app)
    form.picker.pick_current()
    form.checklist.rows[0].check.setChecked(True)
    form.checklist.rows[1].check.setChecked(True)
    card = parse_qr("001192004567|013456789|Trần Thị Hồng Nhung|05061992|Nữ|"
                    "Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội|12082021")
    form.apply_cccd(card, None)
    form.applicant.line("phone").setText("0912 345 678")
    form.rep_box.setChecked(True)
    form.rep.line("full_name").setText("Trần Văn Hùng")
    form.rep.line("id_number").setText("001085001234")
    form.rep.line("relation").setText("bố đẻ, được ủy quyền")
    save(window, out, "intake-filled", app)

    form.applicant.line("phone").setText("12345")
    form.applicant.line("email").setText("nhung@")
    form.rep_box.setChecked(False)
    form.receive()
    save(window, out, "intake-errors", app)
    form.applicant.line("phone").setText("0912 345 678")
    form.applicant.line("email").clear()
    form.checklist.rows[1].check.setChecked(False)  # the IDs were not shown: form 02
    form.start_supplement()
    assert form.dialog is not None
    save(form.dialog, out, "supplement-form02", app)
    form.dialog.reject()

    window.open_dossier(1)
    save(window, out, "dossier", app)
    window.dossier.return_result()
    save(window, out, "dossier-returned", app)

    window.tabs.setCurrentWidget(window.register)
    window.register.refresh()  # type: ignore[attr-defined]
    save(window, out, "main-register", app)

    admin = AdminDialog(Ops(store, clock, ClerkInfo(1, "admin", "Quản Trị Viên", "admin")))
    admin.show()
    save(admin, out, "admin", app)
    admin.close()

    window.tabs.setCurrentWidget(window.intake)
    window.lock()
    save(window, out, "lock", app)
    window.close()
    store.dispose()


if __name__ == "__main__":
    main()
