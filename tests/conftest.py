"""Shared fixtures: a fixed clock, and a migrated, seeded store built once and copied per test.

Also the one place that says which tests need what a Windows PC lacks (the README's
``.venv\\Scripts\\python -m pytest``): :data:`PLATFORM_NEEDS` names a marker per need, tests
carry it (``@pytest.mark.requires_posix``), or get it from a fixture (:data:`FIXTURE_NEEDS`),
and on Windows each such test is skipped with the reason. ``grep -rn requires_ tests`` lists them.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the keys that seal the province credential live outside data folders: here, not in ~/.config
os.environ.setdefault("DESK_APP_KEYS", tempfile.mkdtemp(prefix="desk_app-keys-"))

from desk_app.bootstrap import open_store
from desk_app.clock import FixedClock
from desk_app.paths import database_path
from desk_app.services.clerks import create_clerk, hash_password
from desk_app.services.counter import set_counter
from desk_app.store.engine import Store

# Mon 23 Nov 2026, 09:00: a working day before the 24/11 holiday.
START = datetime(2026, 11, 23, 9, 0)
PASSWORD = "mat-khau-123"


# the platform the skips are decided for: sys.platform, or the one a test of the skips asks
# for (tests/unit/test_windows_skips.py collects as if on Windows)
PLATFORM = os.environ.get("DESK_APP_TEST_PLATFORM", sys.platform)
# marker -> what a test carrying it needs that a Windows PC does not have
PLATFORM_NEEDS = {
    "requires_posix": "POSIX signals (SIGKILL, SIGSTOP), fork, resource limits or mounts",
    "requires_postgresql": "Debian's PostgreSQL binaries (/usr/lib/postgresql/*/bin, pg_ctl)",
    "requires_cups": "a CUPS spooler (cupsd, lp, lpstat, lpadmin, cups-pdf)",
    "requires_poppler": "Poppler's command-line tools (pdftotext, pdftoppm)",
    "requires_x11": "a real X display (Xvfb, openbox, xdotool)",
    "requires_nsis": "Debian's nsis and 7zip, around a Linux PyInstaller build",
    "requires_chromium": "Debian's chromium and chromium-driver (the hub's pages in a browser)",
}
# a fixture that starts one of those: every test using it needs it
FIXTURE_NEEDS = {
    "postgres": "requires_postgresql",
    "hub_server": "requires_postgresql",
    "cups": "requires_cups",
    "x_display": "requires_x11",
}


def pytest_configure(config: pytest.Config) -> None:
    for marker, need in PLATFORM_NEEDS.items():
        config.addinivalue_line("markers", f"{marker}: needs {need}; skipped on Windows")
    # every intake form warms the address converter's tables (seconds, 100+ MB): the tests use
    # no conversion unless they ask for one (tests/unit/test_addresses.py uses the real tables)
    from desk_app.core import addresses

    addresses.use(lambda _text: None)


def platform_skips(item: pytest.Item, platform: str) -> list[str]:
    """The reasons ``item`` cannot run on ``platform`` (a ``sys.platform`` value)."""
    for fixture, marker in FIXTURE_NEEDS.items():
        if fixture in getattr(item, "fixturenames", ()):
            item.add_marker(marker)
    if platform != "win32":
        return []
    return [f"needs {need}" for marker, need in PLATFORM_NEEDS.items()
            if item.get_closest_marker(marker) is not None]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
        if reasons := platform_skips(item, PLATFORM):
            item.add_marker(pytest.mark.skip(reason="not on Windows: " + "; ".join(reasons)))


@pytest.fixture(scope="session")
def qapp(qapp: Any) -> Iterator[Any]:
    """pytest-qt's QApplication, with Qt's own words in Vietnamese as in the program
    (desk_app.app installs the same translation before building any window)."""
    from desk_app.gui import collector
    from desk_app.gui.translations import install_translations

    assert install_translations(qapp) is not None, "resources/i18n/qtbase_vi.qm did not load"
    collector.install(qapp)  # as desk_app.app does: no window is ever freed on a worker
    yield qapp
    collector.uninstall()


@pytest.fixture(autouse=True)
def reads_done() -> Iterator[None]:
    """A test leaves no GUI read (register, search, sync indicator) running on a worker: its
    outcome would land in the next test."""
    yield
    import sys

    if "desk_app.gui.background" in sys.modules:
        from PySide6.QtCore import QCoreApplication

        from desk_app.gui import background

        assert background.wait_all(90_000), "a background task is still running"
        if QCoreApplication.instance() is not None:
            QCoreApplication.processEvents()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder migrated and seeded once: demo commune, catalogue, three clerks, counter
    number 1 (the first digit of its codes' daily sequence)."""
    folder = tmp_path_factory.mktemp("template")
    store = open_store(folder, FixedClock(START))
    pw_hash = hash_password(PASSWORD)
    with store.write() as s:
        create_clerk(s, FixedClock(START), "admin", "Quản Trị Viên", "", "admin",
                     password_hash=pw_hash)
        create_clerk(s, FixedClock(START), "lan", "Trần Thị Lan", "", "leader",
                     password_hash=pw_hash)
        create_clerk(s, FixedClock(START), "binh", "Nguyễn Văn Bình", "", "clerk",
                     password_hash=pw_hash)
        set_counter(s, 1)
    store.dispose()
    return folder


@pytest.fixture
def data_dir(template_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(template_dir, folder)
    return folder


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    st = Store(database_path(data_dir))
    yield st
    st.dispose()
