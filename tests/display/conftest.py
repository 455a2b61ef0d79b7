"""A real X display for the tests that only a real display shows: Xvfb, openbox, xdotool.

Offscreen Qt decides window activation itself; on a desktop the window manager does, and a
click gives a window the keyboard unless the window says it takes none. These tests start
Xvfb (``-displayfd`` picks a free display) with one or two screens and openbox on each, run the
program in a child process (``tests/display/x_child.py``) and drive it with xdotool.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "openbox", "xdotool", "xprop")


@dataclass
class XDisplay:
    number: int
    screens: int
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self, screen: int = 0) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        return {**env, "DISPLAY": f":{self.number}.{screen}", "QT_QPA_PLATFORM": "xcb"}

    def xdotool(self, *args: str, screen: int = 0) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env(screen), capture_output=True,
                             text=True, timeout=60, check=True)
        return out.stdout

    def map_keys(self, text: str) -> None:
        """Give every letter of ``text`` missing from the keymap a key of its own, before
        typing: otherwise xdotool remaps one spare key for each such letter as it types, and
        a busy program reads some keys with the wrong map ("Thị" arrived as "Th", "Hồng" as
        "Hng" on a loaded machine). A scanner's keys never change meaning while it types."""
        table = subprocess.run(["xmodmap", "-pke"], env=self.env(), capture_output=True,
                               text=True, timeout=30, check=True).stdout
        free = [int(ln.split()[1]) for ln in table.splitlines()
                if ln.startswith("keycode") and ln.split("=", 1)[1].strip() == ""]
        letters = sorted({ch for ch in text if ord(ch) > 127})
        assert len(free) >= len(letters), "not enough free keys for the letters to type"
        lines = [f"keycode {code} = U{ord(ch):04X} U{ord(ch):04X}"
                 for code, ch in zip(free, letters, strict=False)]
        subprocess.run(["xmodmap", *[a for ln in lines for a in ("-e", ln)]], env=self.env(),
                       capture_output=True, timeout=30, check=True)


def _start_x(size: str, screens: int) -> XDisplay:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    assert not missing, f"install {missing} (tools/apt/test-display.txt; ./dev test does it)"
    read, write = os.pipe()
    # DESK_APP_TEST_DISPLAY=N: use display :N (a machine shared with other X users);
    # otherwise Xvfb picks a free number itself and says which
    fixed = os.environ.get("DESK_APP_TEST_DISPLAY", "")
    args = ["Xvfb", f":{int(fixed)}"] if fixed else ["Xvfb", "-displayfd", str(write)]
    args += ["-nolisten", "tcp", "-noreset"]
    for n in range(screens):
        args += ["-screen", str(n), f"{size}x24"]
    xvfb = subprocess.Popen(args, pass_fds=(write,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write)
    if fixed:
        os.close(read)
        number = int(fixed)
        socket = Path(f"/tmp/.X11-unix/X{number}")
        end = time.monotonic() + 10
        while not socket.exists() and xvfb.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        assert socket.exists(), f"Xvfb :{number} did not start (in use?)"
    else:
        with os.fdopen(read) as pipe:
            number = int(pipe.readline().strip())
    display = XDisplay(number, screens, [xvfb])
    # One window manager, on the clerk's screen. A second X screen stands for the citizen's
    # monitor; a second openbox there would fight the first over the keyboard focus (each
    # believes it owns it), which a real two-monitor desktop, one X screen, never does.
    display.procs.append(subprocess.Popen(
        ["openbox"], env=display.env(0), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(0.5)  # the window manager takes over its screen
    return display


@pytest.fixture
def x_display() -> Iterator[Callable[[str, int], XDisplay]]:
    started: list[XDisplay] = []

    def start(size: str = "1366x768", screens: int = 1) -> XDisplay:
        started.append(_start_x(size, screens))
        return started[-1]

    yield start
    for display in started:
        for proc in reversed(display.procs):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()


@dataclass
class Counter:
    """The program running on the display, and what it reports of itself."""

    proc: subprocess.Popen[str]
    state_path: Path

    def state(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.state_path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def wait_for(self, check: Callable[[dict[str, Any]], bool], timeout: float = 15) -> dict:
        end = time.monotonic() + timeout
        state: dict[str, Any] = {}
        while time.monotonic() < end:
            assert self.proc.poll() is None, self.proc.stderr.read() if self.proc.stderr else ""
            state = self.state()
            if state and check(state):
                return state
            time.sleep(0.1)
        raise AssertionError(f"not reached in {timeout} s: {state}")

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()


@pytest.fixture
def run_counter(data_dir: Path, tmp_path: Path) -> Iterator[Callable[[XDisplay], Counter]]:
    running: list[Counter] = []

    def run(display: XDisplay) -> Counter:
        state = tmp_path / f"state{len(running)}.json"
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.display.x_child", str(data_dir), str(state)],
            cwd=ROOT, env=display.env(0), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        running.append(Counter(proc, state))
        return running[-1]

    yield run
    for counter in running:
        if counter.proc.poll() is None:
            try:
                counter.send("quit")
            except OSError:
                pass
        try:
            counter.proc.communicate(timeout=10)  # closes the pipes
        except subprocess.TimeoutExpired:
            counter.proc.kill()
            counter.proc.communicate()
