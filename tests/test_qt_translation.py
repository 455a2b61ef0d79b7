"""The Vietnamese translation of Qt's own words: the .ts is complete and well formed, lrelease
compiles it into a .qm that loads and gives back every translation, and the program compiles a
missing .qm at start-up (or runs in English with a warning when it cannot)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from desk_app import i18n

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "qtbase_vi.ts"
MNEMONIC = re.compile(r"&(?!&|nbsp;)(.)")


def messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    assert root.get("language") == "vi_VN"
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context")
            for m in ctx.iter("message")]


def test_every_message_is_finished_and_keeps_what_qt_needs() -> None:
    seen: set[tuple[str, str]] = set()
    found = messages()
    assert len(found) > 300
    for context, message in found:
        source = message.findtext("source") or ""
        tr = message.find("translation")
        where = f"{context}: {source!r}"
        assert tr is not None and tr.get("type") is None, f"{where} is unfinished or obsolete"
        text = tr.text or ""
        assert text.strip(), f"{where} has no translation"
        assert (context, source) not in seen, f"{where} twice"
        seen.add((context, source))
        assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", text)), where
        assert source.count("\n") == text.count("\n"), where
        assert source.endswith(" ") == text.endswith(" "), where  # "Show " + column name
        if MNEMONIC.search(source):  # one Alt+letter a keyboard can type
            keys = MNEMONIC.findall(text)
            assert len(keys) == 1 and keys[0].isascii() and keys[0].isalpha(), where
    # the words the issue names
    assert {("QPlatformTheme", "&Yes"), ("QPlatformTheme", "&No"), ("QPlatformTheme", "Cancel"),
            ("QPrintDialog", "Print"), ("QFileDialog", "&Look in:"),
            ("QLineEdit", "&Paste")} <= seen


def test_the_compiled_file_loads_and_translates_every_message(tmp_path: Path) -> None:
    qm = i18n.compile_ts(TS, tmp_path / "qtbase_vi.qm")
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.language() == "vi_VN"
    assert translator.translate("QPlatformTheme", "&Yes") == "&Có"
    assert translator.translate("QPlatformTheme", "&No") == "&Không"
    assert translator.translate("QPlatformTheme", "Cancel") == "Hủy"
    assert translator.translate("QPlatformTheme", "Close") == "Đóng"
    assert translator.translate("QPlatformTheme", "Save") == "Lưu"
    for context, message in messages():
        source = message.findtext("source") or ""
        assert translator.translate(context, source) == message.findtext("translation"), \
            (context, source)


def test_a_missing_qm_is_compiled_and_a_stale_one_rebuilt(tmp_path: Path) -> None:
    shutil.copy(TS, tmp_path / TS.name)
    qm = i18n.ensure_compiled(tmp_path)
    assert qm == tmp_path / "qtbase_vi.qm" and qm.stat().st_size > 10_000
    built = qm.stat().st_mtime_ns
    assert i18n.ensure_compiled(tmp_path) == qm and qm.stat().st_mtime_ns == built  # fresh
    later = qm.stat().st_mtime + 10
    os.utime(tmp_path / TS.name, (later, later))  # someone edited the .ts
    assert i18n.ensure_compiled(tmp_path) == qm and qm.stat().st_mtime_ns != built
    assert not list(tmp_path.glob(".*.tmp"))


def test_without_lrelease_the_program_runs_in_english_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copy(TS, tmp_path / TS.name)
    # a Python with no PySide6 tools beside it, and none on PATH
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python3"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert i18n.lrelease_command() is None
    with caplog.at_level(logging.WARNING, logger="desk_app.i18n"):
        assert i18n.ensure_compiled(tmp_path) is None
    assert "stay in English" in caplog.text and "pyside6-lrelease" in caplog.text
    with pytest.raises(i18n.TranslationBuildError):
        i18n.compile_ts(tmp_path / TS.name, tmp_path / "x.qm")


@pytest.mark.slow
def test_the_program_compiles_and_loads_the_translation_at_start(tmp_path: Path) -> None:
    """``python -m desk_app`` from a checkout without the .qm (no ./dev): compiled, loaded, said
    in the log, before the first window."""
    resources = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", resources, ignore=shutil.ignore_patterns("*.qm"))
    shutil.copytree(ROOT / "db", tmp_path / "db")
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DESK_APP_RESOURCES=str(resources))
    proc = subprocess.run([sys.executable, "-m", "desk_app", "--data-dir", str(data), "--smoke"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "ready" in proc.stdout
    assert (resources / "i18n" / "qtbase_vi.qm").exists()
    log = (data / "logs" / "desk_app.log").read_text(encoding="utf-8")
    loaded = log.index("Qt translation qtbase_vi.qm loaded (vi_VN)")
    assert log.index("compiled") < loaded
