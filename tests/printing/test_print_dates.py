"""A form is dated the day of its event, not the day it is printed; a reprint keeps that date
and says "BẢN IN LẠI"; a new event's form (a second extension) is a new letter.

Expected dates come from the timeline each test sets by hand on the clock.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.printing import service
from desk_app.services.intake import receive
from desk_app.services.lifecycle import change_status, extend_due
from desk_app.store.engine import Store
from desk_app.store.models import Dossier
from tests.helpers import complete_request
from tests.printing.conftest import ADOPTION, CLERK, LEADER, Dossiers, pdf_text

DATE_LINE = re.compile(r"Phù Đổng, ngày (\d+) tháng (\d+) năm (\d+)")


def date_lines(text: str) -> list[str]:
    """Every "<place>, ngày … tháng … năm …" line of the PDF, as dd/mm/yyyy."""
    return ["/".join(m) for m in DATE_LINE.findall(text)]


def print_once(store: Store, clock: FixedClock, data_dir: Path, dossier_id: int,
               form: str) -> service.Rendered:
    with store.read() as s:
        rendered = service.render_form(s, dossier_id, form, now=clock.now())
    service.deliver(store, clock, CLERK, data_dir, rendered, lambda p: None, "Quầy 1")
    return rendered


def later_events(store: Store, clock: FixedClock) -> dict[str, int]:
    """A dossier received Mon 28/12/2026 09:30, left waiting for a supplement Wed 30/12 14:00;
    another received the same morning and refused at the counter after checking, Thu 31/12
    08:15; both printed only on Mon 11/01/2027."""
    clock.set(datetime(2026, 12, 28, 9, 30))
    with store.write() as s:
        waiting = receive(s, clock, CLERK, complete_request(s, ADOPTION)).dossier_id
        refused = receive(s, clock, CLERK, complete_request(s, ADOPTION)).dossier_id
    clock.set(datetime(2026, 12, 30, 14, 0))
    with store.write() as s:
        change_status(s, clock, CLERK, waiting, Status.WAITING_SUPPLEMENT,
                      "Thiếu giấy xác nhận tình trạng hôn nhân")
    clock.set(datetime(2026, 12, 31, 8, 15))
    with store.write() as s:
        change_status(s, clock, CLERK, refused, Status.REFUSED,
                      "Thủ tục thuộc thẩm quyền của Sở Tư pháp")
    clock.set(datetime(2027, 1, 11, 10, 0))
    return {"waiting": waiting, "refused": refused}


@pytest.mark.requires_poppler
@pytest.mark.parametrize("form,which,dated", [
    ("01", "received", "23/11/2026"),  # received Mon 23/11 09:00
    ("02", "supplement", "23/11/2026"),  # the supplement asked for at the counter
    ("02", "waiting", "30/12/2026"),  # asked for later, while processing
    ("03", "refused", "23/11/2026"),  # refused at the counter
    ("03", "refused_later", "31/12/2026"),
    ("04", "extended", "24/12/2026"),  # extended Thu 24/12 11:00
    ("05", "stopped", "24/12/2026"),
    ("06", "extended", "23/11/2026"),  # the control slip is opened with the receipt
])
def test_date_line_is_the_event_day_and_a_reprint_keeps_it(
        store: Store, clock: FixedClock, data_dir: Path, dossiers: Dossiers, tmp_path: Path,
        form: str, which: str, dated: str) -> None:
    later = later_events(store, clock)  # the clock now reads Mon 11/01/2027
    dossier_id = {"waiting": later["waiting"], "refused_later": later["refused"]}.get(
        which) or getattr(dossiers, which)
    first = print_once(store, clock, data_dir, dossier_id, form)
    text = pdf_text(first.pdf, tmp_path)
    assert not first.reprint and "BẢN IN LẠI" not in text
    assert date_lines(text)[:1] == [dated]
    assert "11/01/2027" not in date_lines(text)

    clock.advance(days=9, hours=3)  # Wed 20/01/2027: printed again
    with store.read() as s:
        again = service.render_form(s, dossier_id, form, now=clock.now())
    text = pdf_text(again.pdf, tmp_path)
    assert again.reprint
    assert text.count("BẢN IN LẠI") >= 2  # the mark at the top and beside the code
    copies = 2 if form == "01" else 1  # form 01: Liên 1 and Liên 2 side by side
    assert date_lines(text) == [dated] * copies


@pytest.mark.requires_poppler
def test_a_second_extension_is_a_new_letter_not_a_reprint(
        store: Store, clock: FixedClock, data_dir: Path, dossiers: Dossiers,
        tmp_path: Path) -> None:
    first = print_once(store, clock, data_dir, dossiers.extended, "04")
    assert date_lines(pdf_text(first.pdf, tmp_path)) == ["24/12/2026"]
    assert first.params == {"event_at": "2026-12-24T11:00:00"}

    clock.set(datetime(2027, 1, 5, 15, 30))  # Tue 05/01/2027: late again
    with store.write() as s:
        extend_due(s, clock, LEADER, dossiers.extended, datetime(2027, 1, 20, 17, 0),
                   "Chờ kết quả xác minh của Công an xã")
    clock.set(datetime(2027, 1, 8, 9, 0))
    second = print_once(store, clock, data_dir, dossiers.extended, "04")
    text = pdf_text(second.pdf, tmp_path)
    assert not second.reprint and "BẢN IN LẠI" not in text
    assert date_lines(text) == ["05/01/2027"]
    assert "Chờ kết quả xác minh của Công an xã" in text

    clock.advance(days=2)
    with store.read() as s:
        again = service.render_form(s, dossiers.extended, "04", now=clock.now())
    assert again.reprint and date_lines(pdf_text(again.pdf, tmp_path)) == ["05/01/2027"]


def test_a_print_logged_before_the_event_key_counts_if_made_after_the_event(
        store: Store, clock: FixedClock, data_dir: Path, dossiers: Dossiers) -> None:
    """Log rows from before this release carry no event: one printed after the event is a print
    of it, one printed before it is not."""
    with store.read() as s:
        extended_at = s.get(Dossier, dossiers.extended).updated_at
        rendered = service.render_form(s, dossiers.extended, "04", now=clock.now())
    assert extended_at == datetime(2026, 12, 24, 11, 0)
    rendered.params = {}
    for printed_at, expected in [(datetime(2026, 12, 24, 10, 59), False),
                                 (datetime(2026, 12, 24, 11, 5), True)]:
        clock.set(printed_at)
        service.deliver(store, clock, CLERK, data_dir, rendered, lambda p: None, "")
        with store.read() as s:
            assert service.was_printed(s, dossiers.extended, "04", extended_at) is expected
