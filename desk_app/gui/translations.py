"""Qt's standard buttons and dialogs in Vietnamese, and the program's own wording: installs the
compiled qtbase translation and the catalogue of the program's words (:mod:`desk_app.gui.tr`).

Call :func:`install_translations` once the QApplication exists and before any window is built
(a widget reads its texts when it is made). Without the compiled file the program still runs,
in English for Qt's own words, and says so in the log (see :mod:`desk_app.i18n`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from desk_app import i18n

log = logging.getLogger(__name__)

TRANSLATOR_NAME = "deskAppQtbaseVi"
WORDING_NAME = "deskAppWordingVi"


def install_translations(app: QCoreApplication, folder: Path | None = None) -> QTranslator | None:
    """Load ``qtbase_vi.qm`` and the program's wording into ``app`` (once; a second call returns
    the same qtbase translator)."""
    install_wording(app, folder)
    return _install(app, folder, i18n.QTBASE_TS, TRANSLATOR_NAME,
                    "Qt's dialogs stay in English: %s could not be loaded",
                    "Qt translation %s loaded (%s)")


def install_wording(app: QCoreApplication, folder: Path | None = None) -> QTranslator | None:
    """Load ``desk_app_vi.qm``, the reviewed wording of the program's own texts (once). Without
    it every text shows as written in the source, which is the shipped Vietnamese."""
    return _install(app, folder, i18n.WORDING_TS, WORDING_NAME,
                    "the program's wording %s could not be loaded: texts stay as written",
                    "wording %s loaded (%s)")


def _install(app: QCoreApplication, folder: Path | None, ts_name: str, name: str,
             failed: str, loaded: str) -> QTranslator | None:
    """Compile (when stale) and install the translation ``ts_name`` once, as ``name``."""
    installed = app.findChild(QTranslator, name)
    if installed is not None:
        return installed
    qm = i18n.ensure_compiled(folder, ts_name)
    if qm is None:
        return None
    translator = QTranslator(app)
    translator.setObjectName(name)
    if not translator.load(str(qm)):
        log.warning(failed, qm)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    log.info(loaded, qm.name, translator.language())
    return translator
