"""The scanner through SANE's ``scanimage`` (Debian ``sane-utils``), off the GUI thread.

:func:`scan` is a plain, blocking function: the GUI runs it on a worker lane
(``desk_app/gui/background.py``) and gets the pages' bytes back, or a :class:`KnownError`:
``scanner_missing`` (no ``scanimage`` on this PC: on Windows the desk uses the scanner's own
software and the watched folder), ``scanner_timeout`` (the scanner gave nothing, no page and
no byte of one, for the time given: the process is killed; a long batch is never cut),
``scanner_failed`` (SANE said no: no such device, the device is busy, paper jam; SANE's own
words are in ``params['detail']`` for the log).

Each run scans into a private temporary folder with ``--batch`` (one file per page, numbered),
so a flatbed gives one page and a feeder gives every sheet it holds (``pages=0``) or at most
``pages``. SANE's ``test`` device (``device="test"``) is a real SANE device: the tests scan
from it.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from desk_app.errors import KnownError

log = logging.getLogger(__name__)

PROGRAM = "scanimage"
FORMATS = ("png", "jpeg")
SANE_MODES = {"gray": "Gray", "color": "Color", "bw": "Lineart"}
FEEDER_EMPTY = 7  # SANE_STATUS_NO_DOCS: the feeder ran out, normal at the end of a batch


@dataclass(frozen=True)
class ScanSettings:
    device: str = ""  # "" = SANE's default device
    resolution: int = 200
    mode: str = "gray"  # gray | color | bw (SANE's Gray, Color, Lineart)
    fmt: str = "png"  # png | jpeg
    pages: int = 1  # 0: every sheet in the feeder
    timeout: float = 120.0  # seconds the scanner may give nothing (no page, no byte of one)
    extra: tuple[str, ...] = ()  # device options, e.g. ("--source", "ADF")


@dataclass(frozen=True)
class Device:
    name: str
    vendor: str
    model: str
    kind: str


def program_path(program: str = PROGRAM) -> str:
    found = shutil.which(program)
    if found is None:
        raise KnownError("scanner_missing", f"{program} not found")
    return found


def command(settings: ScanSettings, folder: Path, program: str = PROGRAM) -> list[str]:
    """The ``scanimage`` command line for ``settings`` writing into ``folder``."""
    if settings.fmt not in FORMATS:
        raise ValueError(f"format {settings.fmt!r}")
    cmd = [program]
    if settings.device:
        cmd += ["-d", settings.device]
    cmd += [f"--resolution={int(settings.resolution)}", f"--format={settings.fmt}",
            f"--batch={folder}/page-%04d.{'jpg' if settings.fmt == 'jpeg' else 'png'}"]
    if settings.mode in SANE_MODES:
        cmd.append(f"--mode={SANE_MODES[settings.mode]}")
    if settings.pages:
        cmd.append(f"--batch-count={int(settings.pages)}")
    return cmd + list(settings.extra)


def scan(settings: ScanSettings, program: str = PROGRAM) -> list[bytes]:
    """Scan the pages (see the module); blocking, never on the GUI thread."""
    exe = program_path(program)
    with tempfile.TemporaryDirectory(prefix="desk_app-scan-") as tmp:
        folder = Path(tmp)
        cmd = command(settings, folder, exe)
        log.info("scanning: %s", " ".join(cmd))
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=os.name == "posix")
        err = _wait(proc, folder, settings.timeout)
        detail = err.decode("utf-8", "replace").strip()[-400:]
        pages = [p.read_bytes() for p in sorted(folder.glob("page-*"))
                 if p.stat().st_size > 0]
        if proc.returncode not in (0, FEEDER_EMPTY) or not pages:
            log.warning("scanimage exit %s: %s", proc.returncode, detail)
            raise KnownError("scanner_failed", detail or f"exit {proc.returncode}",
                             detail=detail, exit=proc.returncode)
    return pages


def _wait(proc: subprocess.Popen[bytes], folder: Path, timeout: float) -> bytes:
    """``scanimage``'s error output once it ends; killed when it gave nothing (no page, no
    byte of one) for ``timeout`` seconds: a feeder of fifty sheets takes minutes, a scanner
    that stopped answering is given up after ``timeout``, not after the whole batch."""
    deadline, progress = time.monotonic() + timeout, -1
    while True:
        try:
            return proc.communicate(timeout=min(0.5, timeout))[1]
        except subprocess.TimeoutExpired as exc:
            now = sum(p.stat().st_size for p in folder.iterdir())
            if now != progress:
                deadline, progress = time.monotonic() + timeout, now
            elif time.monotonic() > deadline:
                _kill(proc)
                raise KnownError("scanner_timeout", "no answer", seconds=int(timeout)) \
                    from exc


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass
    proc.communicate()


def devices(program: str = PROGRAM, timeout: float = 30.0) -> list[Device]:
    """The scanners SANE finds (``scanimage -L``; SANE's ``test`` device is listed only when
    enabled in its ``dll.conf``)."""
    exe = program_path(program)
    try:
        proc = subprocess.run([exe, "-f", "%d\t%v\t%m\t%t%n"], capture_output=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise KnownError("scanner_timeout", "listing", seconds=int(timeout)) from exc
    out = []
    for line in proc.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            out.append(Device(*parts))
    return out
