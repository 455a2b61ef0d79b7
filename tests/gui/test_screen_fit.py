"""The main window on a commune's screen: 1366x768 and 1280x720, first start, no maximising.

Each size runs the real window in a child process whose offscreen screen has that size
(Qt's offscreen ``configfile``), because one test process has one screen. Every button of
every tab and the status bar must lie inside the screen's available area, and the counts in
the status bar must have the width their text needs.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1366, 768), (1280, 720), (1024, 600)]


def _run(data_dir: Path, size: tuple[int, int], tmp_path: Path, *extra: str) -> dict:
    config = tmp_path / f"screen-{size[0]}x{size[1]}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "commune", "x": 0, "y": 0, "width": size[0], "height": size[1],
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    out = subprocess.run(
        [sys.executable, "-m", "tests.gui.fit_child", str(data_dir), *extra],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_button_and_the_status_bar_fit_on_first_start(
        data_dir: Path, tmp_path: Path, size: tuple[int, int]) -> None:
    shots = Path(os.environ.get("DESK_APP_SCREENS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    got = _run(data_dir, size, tmp_path, "--shot", str(shots / f"main-{size[0]}x{size[1]}.png"))
    area = got["area"]
    assert area == [0, 0, size[0], size[1]]
    assert _inside(got["frame"], area), got["frame"]
    names = {name for buttons in got["tabs"].values() for name in buttons}
    # the intake's four, the dossier page's actions, the admin's and the sync's buttons
    for expected in ("Tiếp nhận hồ sơ (Ctrl+Enter)", "Yêu cầu bổ sung (Ctrl+B)",
                     "Trả kết quả (F8)", "Dừng giải quyết (mẫu 05)", "Quản trị",
                     "Gia hạn và lập văn bản xin lỗi", "In", "Lưu PDF…"):
        assert expected in names, sorted(names)
    for tab, buttons in got["tabs"].items():
        outside = {n: r for n, r in buttons.items() if not _inside(r, area)}
        # the two sizes show every button at once; below them the dossier page
        # scrolls (its content may lie below the fold), the rest still must not overflow
        if size in ((1366, 768), (1280, 720)) or tab != "Chi tiết hồ sơ":
            assert not outside, (tab, outside)
    assert _inside(got["status_bar"], area), got["status_bar"]
    width, needed = got["counts"]
    assert width >= needed, got["counts_text"]
    # nothing in the status bar is drawn over its neighbour (the clerk's name, the rating and
    # sync notes give way with "…" instead)
    spans = sorted((r[0], r[0] + r[2], name) for name, r in got["status_widgets"].items()
                   if r[2] > 0)
    assert len(spans) >= 4, spans
    for (_a0, a1, a), (b0, _b1, b) in itertools.pairwise(spans):
        assert a1 <= b0, (a, b, spans)
    assert "Quá hạn:" in got["counts_text"]


@pytest.mark.slow
def test_the_window_comes_back_where_the_clerk_left_it(data_dir: Path, tmp_path: Path) -> None:
    first = _run(data_dir, (1366, 768), tmp_path, "--move", "120", "60", "1100", "640")
    assert first["geometry"][2] <= 1366
    second = _run(data_dir, (1366, 768), tmp_path)
    assert second["geometry"] == [120, 60, 1100, 640]
    # on a smaller screen the remembered place no longer fits: placed afresh, inside
    third = _run(data_dir, (1024, 600), tmp_path)
    assert _inside(third["frame"], third["area"]), third
