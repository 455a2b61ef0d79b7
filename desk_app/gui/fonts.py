"""Loading the bundled fonts into Qt (PySide6 ships none: without them every glyph is a box)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desk_app.paths import resources_dir

log = logging.getLogger(__name__)
UI_FAMILY = "Noto Sans"


def install_fonts(app: QApplication, point_size: int = 10) -> str:
    """Register every bundled TTF and make the UI sans the application font."""
    families: set[str] = set()
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    family = UI_FAMILY if UI_FAMILY in families else app.font().family()
    app.setFont(QFont(family, point_size))
    return family
