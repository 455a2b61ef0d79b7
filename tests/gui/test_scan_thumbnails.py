"""The strip's thumbnail of a phone photo stored sideways (EXIF orientation) is upright, as
its page is in the saved PDF: a clerk's Ctrl+R turns what they see, not a hidden turn more."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk_app.gui.dossier.scan_strip import thumbnail
from desk_app.scanning.assemble import pages_of
from tests.scanning.test_scan_inputs import _photo


def test_a_sideways_photo_is_shown_upright(qtbot: QtBot) -> None:
    for orientation in (6, 8):  # stored 400 x 200: seen 200 wide, 400 high
        img = thumbnail(pages_of(_photo(orientation))[0])
        assert img.height() > img.width(), orientation
        # the left half of the stored picture is black: turned clockwise (6) it is on top
        top, bottom = img.pixelColor(img.width() // 2, 5), img.pixelColor(img.width() // 2,
                                                                          img.height() - 5)
        dark_on_top = top.lightness() < bottom.lightness()
        assert dark_on_top == (orientation == 6), orientation
    img = thumbnail(pages_of(_photo(1))[0])
    assert img.width() > img.height()
