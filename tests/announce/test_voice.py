"""The call's chime and voice (issue 17): espeak-ng's real Vietnamese voice written to a WAV,
the chime's two tones, and a desk without a voice, a player or a sound card."""

from __future__ import annotations

import itertools
import math
import struct
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from desk_app.announce.chime import chime_wav
from desk_app.announce.voice import (
    MISSING,
    NO_VIETNAMESE,
    OK,
    Announcer,
    call_sentence,
    find_espeak,
)

needs_espeak = pytest.mark.skipif(
    sys.platform == "win32" and find_espeak() is None,
    reason="espeak-ng is not installed (README: 'Gọi số bằng giọng nói')")


def samples(path_or_bytes: Path | bytes) -> tuple[list[int], int]:
    import io

    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    with wave.open(src, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        frames = w.readframes(w.getnframes())
        rate = w.getframerate()
    return list(struct.unpack(f"<{len(frames) // 2}h", frames)), rate


def test_the_sentence() -> None:
    assert call_sentence(12, 2) == "Mời công dân có số thứ tự 12 đến quầy số 2"


@needs_espeak
def test_espeak_speaks_the_call_in_vietnamese_to_a_wav(tmp_path: Path) -> None:
    voice = Announcer(workdir=tmp_path)
    assert voice.status() == OK
    out = tmp_path / "call.wav"
    assert voice.speak_to_wav(call_sentence(12, 2), out)
    pcm, rate = samples(out)
    seconds = len(pcm) / rate
    # eleven syllables and "mười hai" at 140 words a minute: a few seconds, not a click
    assert 2.0 < seconds < 8.0, seconds
    rms = math.sqrt(sum(v * v for v in pcm) / len(pcm))
    assert max(abs(v) for v in pcm) > 3000 and rms > 300, rms
    # the phonemes espeak-ng says for the number: "mười hai", never "một hai"
    said = subprocess.run([voice.espeak or "espeak-ng", "-v", "vi", "-q", "-x", "12"],
                          capture_output=True, text=True, check=True).stdout
    assert said.strip().startswith("m'y@2j"), said


def test_chime_is_two_falling_tones() -> None:
    pcm, rate = samples(chime_wav())
    assert abs(len(pcm) / rate - (0.32 + 0.45)) < 0.01
    first, second = pcm[: int(rate * 0.32)], pcm[int(rate * 0.32):]

    def crossings(part: list[int]) -> int:
        return sum(1 for a, b in itertools.pairwise(part) if (a < 0) != (b < 0))

    # a tone of f Hz crosses zero 2f times a second: 880 Hz then 698.5 Hz
    assert abs(crossings(first) / 0.32 / 2 - 880) < 15
    assert abs(crossings(second) / 0.45 / 2 - 698.5) < 15
    assert max(abs(v) for v in first) > 8000  # heard, not silent
    assert abs(pcm[0]) < 200 and abs(pcm[-1]) < 2000  # no click at either end


def test_no_espeak_is_a_status_and_nothing_breaks(tmp_path: Path) -> None:
    voice = Announcer(espeak=None, player=None, find=False, workdir=tmp_path)
    assert voice.status() == MISSING
    spoken = voice.announce(7, 3)
    assert (spoken.status, spoken.spoken, spoken.chimed) == (MISSING, False, False)
    assert spoken.sentence == "Mời công dân có số thứ tự 7 đến quầy số 3"


def test_espeak_without_the_vietnamese_voice(tmp_path: Path) -> None:
    def runner(args: list[str], **_kw: Any) -> subprocess.CompletedProcess[bytes]:
        listing = b"Pty Language       Age/Gender VoiceName          File   Other Languages\n" \
                  b" 5  en             --/M      English            gmw/en\n"
        return subprocess.CompletedProcess(args, 0, listing, b"")

    voice = Announcer(runner, espeak="espeak-ng", player=None, find=False, workdir=tmp_path)
    assert voice.status() == NO_VIETNAMESE
    assert not voice.announce(1, 1).spoken


def test_a_hung_player_or_voice_never_raises(tmp_path: Path) -> None:
    timeouts: list[float] = []

    def runner(args: list[str], **kw: Any) -> subprocess.CompletedProcess[bytes]:
        timeouts.append(kw["timeout"])
        raise subprocess.TimeoutExpired(args, kw.get("timeout", 0))

    voice = Announcer(runner, espeak="espeak-ng", player=["aplay"], find=False,
                      workdir=tmp_path, timeout=0.5)
    spoken = voice.announce(5, 2)
    assert (spoken.status, spoken.chimed, spoken.spoken) == (MISSING, False, False)
    assert timeouts and set(timeouts) == {0.5}  # every program runs bounded


@needs_espeak
@pytest.mark.skipif(sys.platform == "win32", reason="aplay is Linux's player")
def test_no_sound_card_is_quiet(tmp_path: Path) -> None:
    """CI has aplay but no sound card: the chime and the voice fail to play, quietly."""
    voice = Announcer(workdir=tmp_path)
    if not voice.player:
        pytest.skip("no WAV player installed (alsa-utils)")
    spoken = voice.announce(12, 2)
    assert spoken.status == OK
    assert (tmp_path / "chime.wav").is_file()
