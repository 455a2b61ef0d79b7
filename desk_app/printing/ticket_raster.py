"""The queue ticket as a raster image, sent to a thermal printer directly by ESC/POS.

A thermal printer on USB, a serial port or the network is often not a system printer. ESC/POS
prints text through code pages, and none of them has the Vietnamese letters (ỦY, Đ, ỗ ...):
so the ticket is drawn here as one black-and-white image, with the same lines and the same
bundled font as its PDF (:func:`desk_app.printing.forms.ticket.slip_lines`), and sent with
python-escpos's ``image()`` (``GS v 0`` raster) followed by a cut.

The printer is named by a short text a commune types once (the ``ticket_printer`` setting):

* ``tcp:192.168.1.50`` or ``tcp:192.168.1.50:9100``: a network printer (raw port 9100);
* ``usb:0x0416:0x5011``: USB vendor and product id (needs pyusb and, on Windows, a WinUSB
  driver: most communes use the printer's Windows driver and the system printer instead);
* ``serial:/dev/ttyUSB0`` or ``serial:COM3:9600``: a serial port (needs pyserial);
* ``file:/dev/usb/lp0``: a device file (Linux's usblp), or any file (the tests: python-escpos's
  own ``File`` printer writes it).

A fault comes back as :class:`KnownError` ``ticket_printer_unreachable`` (or
``ticket_printer_bad_address``, ``ticket_printer_driver_missing``).
"""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from desk_app.errors import KnownError
from desk_app.printing import render as r
from desk_app.printing.fonts import font_path
from desk_app.printing.forms.ticket import LAYOUT, SlipLine, TicketSlip, slip_lines

# printable dots of an 80 mm roll: 512 at 180 dpi (Epson TM-T88), 576 at 203 dpi (most
# others); 512 prints on both
WIDTH_PX = 512
MARGIN_PX = (12, 8, 28, 8)  # top, right, bottom, left: the cut command feeds more paper
NETWORK_TIMEOUT_S = 10
LEADING = 1.18


def _font(style: str, px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(style), max(1, round(px)))


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy lines of whole words no wider than ``width`` (a word wider alone keeps its line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and font.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current else lines


def _dashed(draw: ImageDraw.ImageDraw, x1: int, x2: int, y: int, dash: bool) -> None:
    if not dash:
        draw.line([(x1, y), (x2, y)], fill=0, width=2)
        return
    for x in range(x1, x2, 14):
        draw.line([(x, y), (min(x + 8, x2), y)], fill=0, width=2)


def render_ticket_image(slip: TicketSlip, tpl: dict[str, Any],
                        width_px: int = WIDTH_PX) -> Image.Image:
    """The ticket as a 1-bit image ``width_px`` wide (0 = black), as tall as it needs."""
    content_pt = r.geometry(LAYOUT, tpl).content_w
    top, right, bottom, left = MARGIN_PX
    inner = width_px - left - right
    scale = inner / content_pt  # pixels per point: the PDF's sizes, on the printer's dots
    placed: list[tuple[SlipLine, ImageFont.FreeTypeFont, list[str]]] = []
    height = float(top)
    for line in slip_lines(slip, tpl):
        font = _font(line.style, line.size * scale)
        rows = _wrap(line.text, font, inner)
        placed.append((line, font, rows))
        height += line.space_before * scale + len(rows) * line.size * LEADING * scale
    img = Image.new("L", (width_px, int(height) + bottom), 255)
    draw = ImageDraw.Draw(img)
    y = float(top)
    for line, font, rows in placed:
        if line.rule:
            y += line.space_before * scale / 2
            _dashed(draw, left, width_px - right, round(y), line.rule == "dashed")
            y += line.space_before * scale / 2
        else:
            y += line.space_before * scale
        step = line.size * LEADING * scale
        for row in rows:
            x = left + (inner - font.getlength(row)) / 2
            draw.text((x, y + line.size * 0.93 * scale), row, font=font, fill=0, anchor="ls")
            y += step
    # a hard threshold, no dithering: thermal dots are on or off
    return img.point(lambda v: 0 if v < 128 else 255, mode="1")


def escpos_bytes(image: Image.Image) -> bytes:
    """The ESC/POS stream of a ticket: the image as ``GS v 0`` raster, then feed and cut."""
    # python-escpos caches its printer profiles in a new temporary folder at every start
    # unless told where: one folder, reused
    cache = Path(tempfile.gettempdir()) / "desk_app-escpos"
    cache.mkdir(exist_ok=True)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(cache))
    try:
        from escpos.printer import Dummy
    except ImportError as exc:
        raise KnownError("ticket_printer_driver_missing", str(exc)) from exc
    job = Dummy(profile="TM-T88V")  # 512 dots: the image is refused if wider
    job.image(image, impl="bitImageRaster", center=False)
    job.cut()
    return bytes(job.output)


def _parse(address: str) -> tuple[str, str]:
    kind, _, rest = address.strip().partition(":")
    kind = kind.lower()
    if kind not in ("tcp", "usb", "serial", "file") or not rest:
        raise KnownError("ticket_printer_bad_address", address, printer=address)
    return kind, rest


def _device(kind: str, rest: str, address: str) -> Any:
    """python-escpos's USB, serial or device-file printer (the USB and serial drivers are
    optional packages)."""
    try:
        from escpos import printer as ep

        if kind == "file":
            return ep.File(rest, profile="TM-T88V")
        if kind == "usb":
            vendor, _, product = rest.partition(":")
            return ep.Usb(int(vendor, 16), int(product, 16), profile="TM-T88V")
        dev, _, baud = rest.rpartition(":")
        if not baud.isdigit() or not dev:  # "/dev/ttyUSB0", "COM3": no speed given
            dev, baud = rest, ""
        return ep.Serial(dev, int(baud or 9600), timeout=NETWORK_TIMEOUT_S, profile="TM-T88V")
    except ValueError as exc:
        raise KnownError("ticket_printer_bad_address", str(exc), printer=address) from exc
    except ImportError as exc:
        raise KnownError("ticket_printer_driver_missing", str(exc), printer=address) from exc


def send_raw(data: bytes, address: str) -> None:
    """Hand an ESC/POS stream to the printer at ``address`` (see the module)."""
    kind, rest = _parse(address)
    if kind != "tcp":
        device = _device(kind, rest, address)
        try:
            device._raw(data)
        except KnownError:
            raise
        except RuntimeError as exc:  # escpos: "... requires a usb library to be installed"
            raise KnownError("ticket_printer_driver_missing", str(exc),
                             printer=address) from exc
        except Exception as exc:  # pyusb's, pyserial's and escpos's own errors
            raise KnownError("ticket_printer_unreachable", f"{type(exc).__name__}: {exc}",
                             printer=address) from exc
        finally:
            try:
                device.close()
            except Exception:  # a device that never opened
                pass
        return
    # the network printer by a plain socket: escpos's Network leaves its socket open when
    # the printer does not answer
    host, _, port = rest.partition(":")
    if port and not port.isdigit():
        raise KnownError("ticket_printer_bad_address", address, printer=address)
    try:
        with socket.create_connection((host, int(port or 9100)),
                                      timeout=NETWORK_TIMEOUT_S) as conn:
            conn.sendall(data)
    except OSError as exc:
        raise KnownError("ticket_printer_unreachable", f"{type(exc).__name__}: {exc}",
                         printer=address) from exc


def send_escpos(image: Image.Image, address: str) -> None:
    """Print ``image`` and cut on the printer at ``address``. Blocks while the printer takes
    the bytes: call it off the GUI thread."""
    send_raw(escpos_bytes(image), address)
