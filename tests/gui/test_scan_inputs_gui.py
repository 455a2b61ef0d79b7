"""Files handed to the scan dialog. The strip's thumbnail of a phone photo stored sideways
(EXIF orientation) is upright, as its page is in the saved PDF: a clerk's Ctrl+R turns what
they see, not a hidden turn more. A huge file is refused unread."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from pytestqt.qtbot import QtBot

from desk_app.gui.dossier.scan_dialog import _read_files
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


def test_a_huge_file_chosen_or_dropped_is_refused_unread(qtbot: QtBot, tmp_path: Path) -> None:
    """A video chosen by mistake (here 64 MB, sparse) is named as too large, without being
    read whole into the desk's memory."""
    big = tmp_path / "phim.mp4"
    with big.open("wb") as fh:
        fh.truncate(64 * 1024 * 1024)
    tracemalloc.start()
    try:
        pages, thumbs, refused = _read_files([str(big)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (pages, thumbs) == ([], [])
    assert refused == [("phim.mp4", "Tệp quá lớn (tối đa 25 MB một tệp): hãy quét ở độ phân "
                                    "giải thấp hơn hoặc chế độ xám.")]
    assert peak < 2 * 1024 * 1024
