"""Renders every form of the realistic dossiers to form*.png (100 dpi, grey), the pictures
looked at by eye for overflow, alignment and Vietnamese letters. They go to the test's temporary
folder, or to ``$DESK_APP_SCREENS`` (``DESK_APP_SCREENS=docs/screens`` refreshes the committed
ones)."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from desk_app.clock import FixedClock
from desk_app.printing import service
from desk_app.store.engine import Store
from tests.printing.conftest import Dossiers


@pytest.mark.requires_poppler
@pytest.mark.slow
def test_render_every_form_to_png(store: Store, clock: FixedClock, dossiers: Dossiers,
                                  tmp_path: Path) -> None:
    jobs = [("01", dossiers.received, "a4_two_up"), ("01", dossiers.received, "a5"),
            ("01", dossiers.received, "thermal80"), ("02", dossiers.supplement, None),
            ("03", dossiers.refused, None), ("04", dossiers.extended, None),
            ("05", dossiers.stopped, None), ("06", dossiers.extended, None)]
    screens = Path(os.environ.get("DESK_APP_SCREENS") or tmp_path / "screens")
    screens.mkdir(parents=True, exist_ok=True)
    written = []
    with store.read() as s:
        rendered = [(f"form{form}" + (f"-{layout}" if layout else ""),
                     service.render_form(s, did, form, now=clock.now(), layout=layout))
                    for form, did, layout in jobs]
        rendered.append(("form07", service.render_register(
            s, date(2026, 11, 1), date(2026, 11, 30), now=clock.now())))
    for name, r in rendered:
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(r.pdf)
        subprocess.run(["pdftoppm", "-r", "100", "-gray", "-png", "-singlefile", str(pdf),
                        str(screens / name)], check=True)
        written.append(screens / f"{name}.png")
    for png in written:
        with Image.open(png) as img:
            grey = img.convert("L")
        assert grey.getextrema()[0] < 60  # there is ink on the page
        grey.quantize(16).save(png, optimize=True)  # 16 greys: a third of the bytes
