"""The Windows installer (installer/desk_app.nsi) compiles around the frozen program.

The program is frozen with PyInstaller exactly as `./dev installer` does (the spec in
installer/), started once on a fresh data folder, then makensis compiles the NSIS script around
it (warnings are errors) and 7-Zip lists what the installer would put on a commune's PC. On
Linux the build's program is `desk-app`; on Windows the same script wraps `desk-app.exe`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.requires_nsis]


def test_the_installer_builds_around_the_frozen_program(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "work"
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(dist), "--workpath", str(work),
                    str(ROOT / "installer" / "desk_app.spec")], check=True, cwd=ROOT,
                   timeout=900)
    program = dist / "desk-app"
    smoke = subprocess.run([str(program / "desk-app"), "--temp-data-dir", "--smoke"],
                           capture_output=True, text=True, timeout=120,
                           env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    assert "ready" in smoke.stdout, smoke.stderr[-2000:]

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    out = tmp_path / f"desk-app-{version}-setup.exe"
    made = subprocess.run(["makensis", "-V2", "-WX", "-DNOCOMPRESS", f"-DVERSION={version}",
                           f"-DSRC={program}", f"-DOUT={out}", "-DEXE=desk-app",
                           str(ROOT / "installer" / "desk_app.nsi")],
                          capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    assert out.read_bytes()[:2] == b"MZ"  # a Windows program

    listing = subprocess.run(["7zz", "l", "-slt", str(out)], capture_output=True, text=True,
                             check=True).stdout
    assert "Type = Nsis" in listing
    paths = {ln.split(" = ", 1)[1] for ln in listing.splitlines() if ln.startswith("Path = ")}
    for needed in ("desk-app", "uninstall.exe", "desk_app.ico",
                   "_internal/resources/catalogue/procedures.json",
                   "_internal/resources/fonts/NotoSans-Regular.ttf",
                   "_internal/db/versions/0006_limit_source.py"):
        assert needed in paths, needed
    # the uninstaller removes the program folder and shortcuts, never the data folder
    script = (ROOT / "installer" / "desk_app.nsi").read_text(encoding="utf-8")
    uninstall = script[script.index('Section "Uninstall"'):]
    removals = [ln for ln in uninstall.splitlines() if ln.strip().startswith(("RMDir", "Delete"))]
    assert removals and not any("APPDATA" in ln or "$PROFILE" in ln for ln in removals)
