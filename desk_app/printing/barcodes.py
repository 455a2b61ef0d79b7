"""Code 128 and QR codes as vector rectangles.

python-barcode computes the Code 128 module pattern (with its automatic switch to code set C
for digit runs); each run of dark modules becomes one rectangle, so the bars stay sharp at any
printer resolution and a slip renders in milliseconds (a rasterised PNG costs ~4x). The QR
matrix comes from the ``qrcode`` package and is drawn the same way (horizontal runs merged).
Each dossier's look-up QR is new, so its data codewords are computed here with a bit buffer on
one integer and table-driven Reed-Solomon (:func:`qr_codewords`); ``qrcode``'s own, adding one
bit at a time and dividing polynomial objects, was four fifths of the time to make the matrix.
The result is the same list of codewords (tests/printing/test_print_barcodes.py compares them).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import qrcode
from barcode import Code128
from qrcode import base as qr_base
from qrcode import util as qr_util
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 10  # Code 128 needs >= 10 modules of blank on each side


@lru_cache(maxsize=256)
def code128_pattern(text: str) -> str:
    """The module pattern, '1' dark and '0' light, without quiet zones."""
    return "".join(Code128(text).build())


@lru_cache(maxsize=1024)
def runs(pattern: str) -> tuple[tuple[int, int], ...]:
    """(start, length) of each run of '1' in ``pattern``."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern[i] == "1":
            j = i
            while j < n and pattern[j] == "1":
                j += 1
            out.append((i, j - i))
            i = j
        else:
            i += 1
    return tuple(out)


@dataclass(frozen=True)
class Code128Bars:
    text: str
    module: float  # points
    height: float  # points

    @property
    def pattern(self) -> str:
        return code128_pattern(self.text)

    @property
    def width(self) -> float:
        """Drawn width including both quiet zones."""
        return (len(self.pattern) + 2 * QUIET_MODULES) * self.module

    def draw(self, c: Canvas, x: float, y: float, *, vertical: bool = False) -> None:
        """Draw with the quiet zone's left edge at ``x`` and the bars' bottom at ``y``.

        ``vertical`` turns the code 90 degrees (bars horizontal, read bottom to top), for
        receipts narrower than the code.
        """
        path = c.beginPath()
        m = self.module
        for start, length in runs(self.pattern):
            off = (start + QUIET_MODULES) * m
            if vertical:
                path.rect(x, y + off, self.height, length * m)
            else:
                path.rect(x + off, y, length * m, self.height)
        c.drawPath(path, stroke=0, fill=1)


class _Bits:
    """What ``qrcode``'s segments write into (``put``, ``put_bit``, ``len``), on one int."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | (num & ((1 << length) - 1))
        self.length += length

    def put_bit(self, bit: bool) -> None:
        self.put(1 if bit else 0, 1)

    def __len__(self) -> int:
        return self.length


def _segments(bits: _Bits, data_list: Sequence[Any], sizes: Any) -> _Bits:
    for data in data_list:
        bits.put(data.mode, 4)
        bits.put(len(data), sizes[data.mode])
        data.write(bits)
    return bits


def qr_version(data_list: Sequence[Any], error_correction: int) -> int:
    """The smallest version that holds the segments (``qrcode.QRCode.best_fit``)."""
    start = 1
    while True:
        sizes = qr_util.mode_sizes_for_version(start)
        needed = len(_segments(_Bits(), data_list, sizes))
        version = bisect_left(qr_util.BIT_LIMIT_TABLE[error_correction], needed, start)
        if version == 41:
            raise DataOverflowError()
        if sizes is qr_util.mode_sizes_for_version(version):
            return version
        start = version


@lru_cache(maxsize=64)
def _generator_logs(ec_count: int) -> tuple[int, ...]:
    """log of each coefficient but the leading 1 of the Reed-Solomon generator polynomial."""
    poly = qr_base.Polynomial([1], 0)
    for i in range(ec_count):
        poly = poly * qr_base.Polynomial([1, qr_base.gexp(i)], 0)
    return tuple(qr_base.glog(poly[j]) for j in range(1, len(poly)))


def _ec_codewords(data: list[int], ec_count: int) -> list[int]:
    """The remainder of data * x^ec_count divided by the generator (GF(256), log tables)."""
    gen = _generator_logs(ec_count)
    exp, log = qr_base.EXP_TABLE, qr_base.LOG_TABLE
    rem = data + [0] * ec_count
    for i in range(len(data)):
        coef = rem[i]
        if coef:
            lc = log[coef]
            for j, lg in enumerate(gen, 1):
                rem[i + j] ^= exp[(lc + lg) % 255]
    return rem[len(data):]


def qr_codewords(version: int, error_correction: int, data_list: Sequence[Any]) -> list[int]:
    """``qrcode.util.create_data``: the segments, terminator and padding, split in blocks,
    each with its error correction codewords, interleaved."""
    bits = _segments(_Bits(), data_list, qr_util.mode_sizes_for_version(version))
    blocks = qr_base.rs_blocks(version, error_correction)
    limit = sum(b.data_count * 8 for b in blocks)
    if len(bits) > limit:
        raise DataOverflowError(f"Code length overflow ({len(bits)} > {limit})")
    bits.put(0, min(limit - len(bits), 4))
    if len(bits) % 8:
        bits.put(0, 8 - len(bits) % 8)
    for i in range((limit - len(bits)) // 8):
        bits.put(qr_util.PAD0 if i % 2 == 0 else qr_util.PAD1, 8)
    raw = bits.value.to_bytes(limit // 8, "big")
    dcs: list[list[int]] = []
    ecs: list[list[int]] = []
    offset = 0
    for b in blocks:
        dc = list(raw[offset:offset + b.data_count])
        offset += b.data_count
        dcs.append(dc)
        ecs.append(_ec_codewords(dc, b.total_count - b.data_count))
    out: list[int] = []
    for group in (dcs, ecs):
        for i in range(max(len(g) for g in group)):
            out.extend(g[i] for g in group if i < len(g))
    return out


@lru_cache(maxsize=256)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    # A fixed mask: choosing the "best" of the eight re-lays the matrix eight times and was a
    # third of a slip's render time; every mask is valid and decodes (the tests decode it).
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    qr.add_data(text)
    qr.version = qr_version(qr.data_list, qr.error_correction)
    qr.data_cache = qr_codewords(qr.version, qr.error_correction, qr.data_list)
    qr.makeImpl(False, 0)
    return tuple(tuple(row) for row in qr.get_matrix())


@lru_cache(maxsize=256)
def qr_runs(text: str) -> tuple[tuple[int, int, int], ...]:
    """(row, start, length) of each horizontal run of dark modules."""
    return tuple((r, start, length)
                 for r, row in enumerate(qr_matrix(text))
                 for start, length in runs("".join("1" if v else "0" for v in row)))


@dataclass(frozen=True)
class QrSquare:
    text: str
    size: float  # points, the code without its quiet zone

    def draw(self, c: Canvas, x: float, y: float) -> None:
        """Draw with the bottom-left corner at (x, y); the caller leaves 4 modules of margin."""
        n = self.modules
        m = self.size / n
        path = c.beginPath()
        for r, start, length in qr_runs(self.text):
            path.rect(x + start * m, y + self.size - (r + 1) * m, length * m, m)
        c.drawPath(path, stroke=0, fill=1)

    @property
    def modules(self) -> int:
        return len(qr_matrix(self.text))
