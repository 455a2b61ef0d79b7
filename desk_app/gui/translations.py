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
    installed = app.findChild(QTranslator, TRANSLATOR_NAME)
    if installed is not None:
        return installed
    qm = i18n.ensure_compiled(folder)
    if qm is None:
        return None
    translator = QTranslator(app)
    translator.setObjectName(TRANSLATOR_NAME)
    if not translator.load(str(qm)):
        log.warning("Qt's dialogs stay in English: %s could not be loaded", qm)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    log.info("Qt translation %s loaded (%s)", qm.name, translator.language())
    return translator


def install_wording(app: QCoreApplication, folder: Path | None = None) -> QTranslator | None:
    """Load ``desk_app_vi.qm``, the reviewed wording of the program's own texts (once). Without
    it every text shows as written in the source, which is the shipped Vietnamese."""
    installed = app.findChild(QTranslator, WORDING_NAME)
    if installed is not None:
        return installed
    qm = i18n.ensure_compiled(folder, i18n.WORDING_TS)
    if qm is None:
        return None
    translator = QTranslator(app)
    translator.setObjectName(WORDING_NAME)
    if not translator.load(str(qm)):
        log.warning("the program's wording %s could not be loaded: texts stay as written", qm)
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    log.info("wording %s loaded", qm.name)
    return translator
