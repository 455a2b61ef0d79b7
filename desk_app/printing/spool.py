"""Handing a PDF to the system's print spooler (CUPS: ``lp``, ``lpoptions``, ``lpstat``).

The PDF goes to the spooler as it is, so text and barcodes stay vector at the printer's own
resolution. Before a job is sent the printer's state is read, so "no such printer", "stopped",
"out of paper", "jammed" and "print system not running" come back as :class:`KnownError` codes
(``printer_*``) that the GUI turns into a Vietnamese message; a spooler that does not answer
(a hung cupsd) gives ``print_system_timeout`` after :data:`TIMEOUT_S` for the whole print.
Windows has no CUPS: the GUI then prints through QPrinter (``desk_app.gui.printing.qt_spool``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from desk_app.errors import KnownError

TIMEOUT_S = 30  # for one whole print: state check and lp (a hung cupsd answers nothing)
MEDIA = {"A4": "A4", "A5": "A5"}  # "80mm": the receipt printer's own roll, no media option

# printer-state-reasons (RFC 8011) that stop a print, most specific first
_REASON_CODES = (
    ("media-empty", "printer_out_of_paper"),
    ("media-needed", "printer_out_of_paper"),
    ("media-jam", "printer_jammed"),
    ("door-open", "printer_door_open"),
    ("cover-open", "printer_door_open"),
    ("toner-empty", "printer_out_of_toner"),
    ("marker-supply-empty", "printer_out_of_toner"),
    ("offline", "printer_offline"),
    ("shutdown", "printer_offline"),
    ("paused", "printer_stopped"),
)


@dataclass(frozen=True)
class PrinterState:
    name: str
    state: int  # 3 idle, 4 printing, 5 stopped
    reasons: tuple[str, ...]
    accepting: bool


def _fault(state: PrinterState) -> str | None:
    for reason in state.reasons:
        if reason.endswith("-report") and not reason.startswith("offline"):
            continue  # informational ("toner-low-report"): the job still prints
        for key, code in _REASON_CODES:
            if reason.startswith(key):
                return code
    if not state.accepting:
        return "printer_not_accepting"
    if state.state == 5:
        return "printer_stopped"
    return None


class CupsSpooler:
    """CUPS through its command-line clients (present wherever CUPS is).

    ``timeout``: seconds one call (:meth:`submit`, :meth:`state` ...) may take in all; past it
    the call raises ``print_system_timeout`` (the job may or may not have reached the queue).
    """

    def __init__(self, env: dict[str, str] | None = None, timeout: float = TIMEOUT_S) -> None:
        self.env = {**os.environ, **(env or {}), "LANG": "C", "LC_ALL": "C"}
        self.timeout = timeout
        self._deadline: float | None = None  # of the submit under way (one at a time)

    @staticmethod
    def available() -> bool:
        return all(shutil.which(t) for t in ("lp", "lpoptions", "lpstat"))

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        deadline = self._deadline or time.monotonic() + self.timeout
        try:
            return subprocess.run(args, capture_output=True, text=True, env=self.env,
                                  timeout=max(0.1, deadline - time.monotonic()), check=False)
        except FileNotFoundError as exc:
            raise KnownError("print_system_unavailable", str(exc)) from exc
        except subprocess.TimeoutExpired as exc:
            raise KnownError("print_system_timeout", f"{args[0]} timed out",
                             seconds=round(self.timeout)) from exc

    def _fail(self, proc: subprocess.CompletedProcess[str], printer: str) -> KnownError:
        text = (proc.stderr or proc.stdout).strip()
        low = text.lower()
        if "scheduler is not running" in low or "unable to connect" in low \
                or "bad file descriptor" in low:
            return KnownError("print_system_unavailable", text, printer=printer)
        if "does not exist" in low or "unknown printer" in low or "invalid destination" in low:
            return KnownError("printer_not_found", text, printer=printer)
        if "not accepting" in low:
            return KnownError("printer_not_accepting", text, printer=printer)
        return KnownError("print_failed", text, printer=printer)

    def printers(self) -> list[str]:
        proc = self._run("lpstat", "-e")
        return [line.strip() for line in proc.stdout.splitlines() if line.strip()] \
            if proc.returncode == 0 else []

    def default_printer(self) -> str:
        """The destination CUPS prints to when none is named ("" when there is none)."""
        proc = self._run("lpstat", "-d")
        m = re.search(r"system default destination: (\S+)", proc.stdout)
        return m.group(1) if m and proc.returncode == 0 else ""

    def state(self, printer: str) -> PrinterState:
        proc = self._run("lpoptions", "-p", printer)
        if proc.returncode != 0:
            raise self._fail(proc, printer)
        opts = dict(re.findall(r"([\w-]+)=('(?:[^']*)'|\S+)", proc.stdout))
        if "printer-state" not in opts:  # lpoptions says nothing when it reached no server
            if "not running" in self._run("lpstat", "-r").stdout:
                raise KnownError("print_system_unavailable", "cupsd", printer=printer)
            raise KnownError("printer_not_found", printer, printer=printer)
        reasons = tuple(r for r in opts.get("printer-state-reasons", "none").strip("'").split(",")
                        if r and r != "none")
        return PrinterState(
            name=printer, state=int(opts.get("printer-state", "3") or 3), reasons=reasons,
            accepting=opts.get("printer-is-accepting-jobs", "true") != "false",
        )

    def check(self, printer: str) -> PrinterState:
        """The printer's state; raises ``printer_*`` when a job could not print now."""
        if not printer:
            raise KnownError("printer_not_chosen")
        st = self.state(printer)
        code = _fault(st)
        if code:
            raise KnownError(code, ",".join(st.reasons), printer=printer)
        return st

    def submit(self, pdf: Path, printer: str, *, paper: str = "A4", title: str = "",
               copies: int = 1, options: dict[str, str] | None = None) -> str:
        """Send the PDF; returns the job id (e.g. ``Printer-12``)."""
        self._deadline = time.monotonic() + self.timeout
        try:
            return self._submit(pdf, printer, paper=paper, title=title, copies=copies,
                                options=options)
        finally:
            self._deadline = None

    def _submit(self, pdf: Path, printer: str, *, paper: str, title: str, copies: int,
                options: dict[str, str] | None) -> str:
        self.check(printer)
        args = ["lp", "-d", printer, "-n", str(max(1, copies))]
        if title:
            args += ["-t", title]
        if paper in MEDIA:
            args += ["-o", f"media={MEDIA[paper]}"]
        for key, value in (options or {}).items():
            args += ["-o", f"{key}={value}"]
        args.append(str(pdf))
        proc = self._run(*args)
        if proc.returncode != 0:
            raise self._fail(proc, printer)
        m = re.search(r"request id is (\S+)", proc.stdout)
        return m.group(1) if m else ""

    def pending(self, printer: str) -> list[str]:
        """Job ids of the printer not yet completed."""
        proc = self._run("lpstat", "-W", "not-completed", "-o", printer)
        return [line.split()[0] for line in proc.stdout.splitlines() if line.strip()]
