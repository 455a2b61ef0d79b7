"""Code 128 and QR codes as vector rectangles.

python-barcode computes the Code 128 module pattern (with its automatic switch to code set C
for digit runs); each run of dark modules becomes one rectangle, so the bars stay sharp at any
printer resolution and a slip renders in milliseconds (a rasterised PNG costs ~4x). The QR
matrix comes from the ``qrcode`` package and is drawn the same way (horizontal runs merged).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
from barcode import Code128
from qrcode.constants import ERROR_CORRECT_M
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


@lru_cache(maxsize=256)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    # A fixed mask: choosing the "best" of the eight re-lays the matrix eight times and was a
    # third of a slip's render time; every mask is valid and decodes (the tests decode it).
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    qr.add_data(text)
    qr.make(fit=True)
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
