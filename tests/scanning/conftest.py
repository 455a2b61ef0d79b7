"""Images and a received dossier for the scanning tests."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.services.intake import receive
from desk_app.store.engine import Store
from desk_app.store.models import Clerk
from tests.helpers import complete_request


def picture(fmt: str, size: tuple[int, int] = (400, 566), mode: str = "L",
            dpi: int = 200) -> bytes:
    """A page with a few strokes on it, saved as ``fmt`` (JPEG or PNG) at ``dpi``."""
    img = Image.new(mode, size, "white")
    draw = ImageDraw.Draw(img)
    for y in range(40, size[1] - 40, 40):
        draw.line((30, y, size[0] - 30, y), fill="black", width=3)
    buf = io.BytesIO()
    img.save(buf, fmt, dpi=(dpi, dpi))
    return buf.getvalue()


def two_page_pdf() -> bytes:
    import img2pdf

    return img2pdf.convert([picture("PNG"), picture("PNG", (300, 300))], nodate=True)


def clerk_id(store: Store, username: str = "binh") -> int:
    with store.read() as s:
        found = s.scalar(select(Clerk.id).where(Clerk.username == username))
    assert found is not None
    return found


def received(store: Store, clock: FixedClock, id_number: str = "001090012345",
             birth: date = date(1990, 3, 15)) -> tuple[int, list[int]]:
    """A dossier received by binh: its id and its components' ids in order."""
    with store.write() as s:
        req = complete_request(s, id_number=id_number, birth_date=birth)
        result = receive(s, clock, clerk_id(store), req)
    with store.read() as s:
        from desk_app.store.models import Dossier

        d = s.get(Dossier, result.dossier_id)
        assert d is not None
        return d.id, [c.id for c in d.components]


@pytest.fixture
def jpeg() -> bytes:
    return picture("JPEG")
