"""The chime before a call: two soft tones (a falling third), made with ``wave`` and ``math``."""

from __future__ import annotations

import io
import math
import struct
import wave
from pathlib import Path

RATE = 22050  # espeak-ng's own rate: one player setting for both sounds
TONES = ((880.0, 0.32), (698.5, 0.45))  # A5 then F5, seconds
VOLUME = 0.45
FADE_S = 0.02


def chime_frames(rate: int = RATE) -> bytes:
    """16-bit mono samples of the chime; each tone fades in and rings out (no clicks)."""
    out = bytearray()
    for freq, seconds in TONES:
        n = int(rate * seconds)
        fade = int(rate * FADE_S)
        for i in range(n):
            attack = min(1.0, i / fade) if fade else 1.0
            decay = math.exp(-3.0 * i / n)  # a struck bell's ring, not an organ's hold
            v = VOLUME * attack * decay * math.sin(2 * math.pi * freq * i / rate)
            out += struct.pack("<h", int(v * 32767))
    return bytes(out)


def chime_wav(rate: int = RATE) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(chime_frames(rate))
    return buf.getvalue()


def write_chime(path: Path, rate: int = RATE) -> Path:
    path.write_bytes(chime_wav(rate))
    return path
