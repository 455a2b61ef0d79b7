"""The spoken call: espeak-ng's Vietnamese voice, written to a WAV and played after the chime.

What a commune installs (README, "Gọi số bằng giọng nói"): on Windows the espeak-ng installer
(``espeak-ng-X64.msi`` from github.com/espeak-ng/espeak-ng/releases; it goes to
``C:\\Program Files\\eSpeak NG``, found there without PATH); on Debian/Ubuntu
``apt install espeak-ng alsa-utils`` (``aplay`` plays the sounds). Without espeak-ng the call
is still shown on the screens, with the chime only, and :meth:`Announcer.status` says why.

Every outside program runs through an injectable ``runner`` (``subprocess.run``'s signature)
with a timeout, so a hung sound server never holds a worker for long, and nothing here raises
for a missing voice, player or sound card: :meth:`Announcer.announce` returns what happened.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk_app.announce.chime import write_chime

log = logging.getLogger(__name__)

Runner = Callable[..., "subprocess.CompletedProcess[Any]"]
VOICE = "vi"
SPEED = 140  # words a minute: slower than espeak's 175, for a hall
TIMEOUT_S = 20.0
WINDOWS_DIRS = (r"C:\Program Files\eSpeak NG", r"C:\Program Files (x86)\eSpeak NG")
PLAYERS = (("aplay", "-q"), ("paplay",), ("pw-play",), ("afplay",))

# status codes (the GUI words them: desk_app/gui/queue_words.py)
OK = "voice_ok"
MISSING = "voice_missing"  # no espeak-ng
NO_VIETNAMESE = "voice_no_vietnamese"  # espeak-ng without its Vietnamese voice


def call_sentence(number: int, counter: int) -> str:
    """What is said: the number as a number ("12" is read "mười hai"; "012" would be read
    "không mười hai"), then the counter."""
    return f"Mời công dân có số thứ tự {number} đến quầy số {counter}"


def find_espeak() -> str | None:
    found = shutil.which("espeak-ng") or shutil.which("espeak")
    if found or sys.platform != "win32":
        return found
    for folder in WINDOWS_DIRS:
        exe = Path(folder) / "espeak-ng.exe"
        if exe.is_file():
            return str(exe)
    return None


def find_player() -> list[str] | None:
    """A command that plays a WAV file given after it ([] = the standard library's winsound)."""
    if sys.platform == "win32":
        return []
    for name, *args in PLAYERS:
        exe = shutil.which(name)
        if exe:
            return [exe, *args]
    return None


@dataclass(frozen=True)
class Spoken:
    """What became of one call: ``status`` (the voice's), ``chimed``/``spoken``: played."""

    status: str
    chimed: bool
    spoken: bool
    sentence: str


class Announcer:
    """Chime and voice of the calls (one per program; :meth:`announce` on a worker)."""

    def __init__(self, runner: Runner = subprocess.run, espeak: str | None = None,
                 player: list[str] | None = None, *, find: bool = True,
                 timeout: float = TIMEOUT_S, workdir: Path | None = None) -> None:
        self.runner = runner
        self.espeak = espeak if espeak is not None or not find else find_espeak()
        self.player = player if player is not None or not find else find_player()
        self.timeout = timeout
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="desk_app-voice-"))
        self._status: str | None = None

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[Any] | None:
        try:
            return self.runner(args, capture_output=True, timeout=self.timeout, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("%s failed: %s", args[0], exc)
            return None

    def status(self) -> str:
        """:data:`OK`, :data:`MISSING` or :data:`NO_VIETNAMESE` (asked once)."""
        if self._status is None:
            if not self.espeak:
                self._status = MISSING
            else:
                proc = self._run([self.espeak, f"--voices={VOICE}"])
                out = proc.stdout if proc is not None else b""
                text = out.decode(errors="replace") if isinstance(out, bytes) else str(out)
                self._status = OK if proc is not None and proc.returncode == 0 and any(
                    line.split()[1:2] == [VOICE] for line in text.splitlines()[1:]) \
                    else NO_VIETNAMESE if proc is not None else MISSING
        return self._status

    def speak_to_wav(self, sentence: str, path: Path) -> bool:
        """espeak-ng writes the sentence to ``path`` (``-w``); True when a WAV came out."""
        if self.status() != OK or not self.espeak:
            return False
        proc = self._run([self.espeak, "-v", VOICE, "-s", str(SPEED), "-w", str(path),
                          sentence])
        return proc is not None and proc.returncode == 0 and path.is_file() \
            and path.stat().st_size > 44

    def play(self, path: Path) -> bool:
        """Play a WAV to the end (best effort: False with no player or no sound card)."""
        if self.player == []:
            return _winsound(path)
        if not self.player:
            return False
        proc = self._run([*self.player, str(path)])
        return proc is not None and proc.returncode == 0

    def announce(self, number: int, counter: int) -> Spoken:
        """The chime, then the sentence; blocks for their length (a worker lane's job)."""
        sentence = call_sentence(number, counter)
        chime = self.workdir / "chime.wav"
        if not chime.is_file():
            write_chime(chime)
        chimed = self.play(chime)
        voice = self.workdir / f"call-{os.getpid()}.wav"
        spoken = False
        if self.speak_to_wav(sentence, voice):
            spoken = self.play(voice)
            if not spoken and self.player is None and self.espeak:
                # no player here: espeak-ng speaks through its own audio output
                proc = self._run([self.espeak, "-v", VOICE, "-s", str(SPEED), sentence])
                spoken = proc is not None and proc.returncode == 0
        log.info("call %s at counter %s: voice %s, chime %s, spoken %s", number, counter,
                 self.status(), chimed, spoken)
        return Spoken(self.status(), chimed, spoken, sentence)


def _winsound(path: Path) -> bool:
    if sys.platform != "win32":
        return False
    import winsound  # the standard library, Windows only

    try:
        winsound.PlaySound(str(path), winsound.SND_FILENAME)  # synchronous: on a worker
        return True
    except RuntimeError:  # no sound device
        return False
