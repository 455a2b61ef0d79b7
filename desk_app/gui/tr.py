"""The program's words for people pass through :func:`tr`; their catalogue is a Qt .ts file.

Every Vietnamese text a widget shows is written in the source as ``tr("Lưu hồ sơ")`` (or, for a
text built with values, ``tr("Hẹn trả {day}").format(day=...)``: the placeholders stay named
so a reviewer sees what goes where). Texts kept in module-level tables are marked with
:func:`QT_TR_NOOP` where they are written and passed through :func:`tr` where they are shown.

``pyside6-lupdate`` collects every such text into ``resources/i18n/desk_app_vi.ts``
(``tools/strings.py`` refreshes it; a test fails when it is out of date). That file is the one
catalogue of the program's wording: a reviewer reads it, and changes a word by writing a
``<translation>`` for it, without touching any widget; ``./dev`` compiles it to
``desk_app_vi.qm``, which :mod:`desk_app.gui.translations` loads at start-up. An entry with no
translation shows the source text: the shipped Vietnamese. An English interface would be one
more file, ``desk_app_en.ts``.

lupdate files bare ``tr()`` calls under the empty context, so :func:`tr` translates in it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = ""


def tr(text: str) -> str:
    """``text`` in the interface's wording (the catalogue's translation, else ``text``)."""
    return QCoreApplication.translate(CONTEXT, text)


def QT_TR_NOOP(text: str) -> str:  # the name lupdate looks for
    """Marks ``text`` for the catalogue where it is written; :func:`tr` translates it when shown."""
    return text
