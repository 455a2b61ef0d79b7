"""One vocabulary: the register, the dossier page and the printed register (form 07) name every
status the same way; a province's forms template renames a status on the forms only.

The expected words are written here by hand from the law's wording (Nghị định 61/2018/NĐ-CP,
Thông tư 01/2018/TT-VPCP: tiếp nhận, yêu cầu bổ sung, từ chối, giải quyết, trả kết quả, dừng
giải quyết), not read from desk_app.core.words.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui.main_window import MainWindow
from desk_app.gui.register.model import COL_STATUS
from desk_app.printing import service
from desk_app.services import lifecycle
from desk_app.store.engine import Store
from desk_app.store.models import Commune
from tests.gui.conftest import open_window
from tests.register_data import Made, make

LEADER = 2  # lan: only a desk leader stops a dossier (form 05)

BY_LAW = {
    Status.RECEIVED: "Đã tiếp nhận",
    Status.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    Status.REFUSED: "Từ chối giải quyết",
    Status.IN_PROCESSING: "Đang giải quyết",
    Status.WAITING_SUPPLEMENT: "Chờ bổ sung",
    Status.RESULT_READY: "Đã có kết quả",
    Status.RETURNED: "Đã trả kết quả",
    Status.WITHDRAWN: "Rút hồ sơ",
    Status.STOPPED: "Dừng giải quyết",
}
# A province that prefers its own words on paper (commune settings["form_templates"]).
PROVINCE = {"in_processing": "Đang thụ lý", "withdrawn": "Công dân rút hồ sơ"}


def one_of_each(store: Store) -> dict[Status, Made]:
    """A dossier in every status, received one hour apart on Mon 16/11/2026."""
    made: dict[Status, Made] = {}
    for hour, status in enumerate(Status):
        at = datetime(2026, 11, 16, 7 + hour, 40)
        made[status] = make(store, at, f"Nguyễn Văn {chr(65 + hour)}",
                            Status.RECEIVED if status is Status.STOPPED else status,
                            id_number=f"00109001234{hour}", phone=f"091234567{hour}")
        if status is Status.STOPPED:
            with store.write() as s:
                lifecycle.change_status(s, FixedClock(at.replace(minute=50)), LEADER,
                                        made[status].id, Status.STOPPED, "Không đủ điều kiện")
    return made


def squash(text: str) -> str:
    return "".join(text.split())


def printed_states(store: Store, clock: FixedClock, made: dict[Status, Made]) -> dict[Status, str]:
    """Each dossier's row of form 07 (from its code to the next code), as pypdf reads it."""
    with store.read() as s:
        pdf = service.render_register(s, date(2026, 11, 16), date(2026, 11, 16),
                                      now=clock.now()).pdf
    text = squash("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    starts = sorted((text.index(squash(m.code)), status) for status, m in made.items())
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return {status: text[start:end] for (start, status), end in zip(starts, ends, strict=True)}


@pytest.fixture
def made(store: Store) -> dict[Status, Made]:
    return one_of_each(store)


def test_register_page_and_forms_name_every_status_alike(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir, made: dict[Status, Made]) -> None:
    window: MainWindow = open_window(qtbot, store, clock, data_dir)
    model = window.register.model
    window.register.refresh()
    qtbot.waitUntil(lambda: all(model.row_of(m.id) is not None for m in made.values()))
    rows = printed_states(store, clock, made)
    for status, m in made.items():
        word = BY_LAW[status]
        row = model.row_of(m.id)
        assert row is not None
        assert model.index(row, COL_STATUS).data() == word, status
        assert window.open_dossier(m.id)
        assert f"Trạng thái: <b>{word}</b>" in window.dossier.header.text(), status
        assert squash(word) in rows[status], (status, rows[status])
    # the register's status filter offers the same words, in the clerk's order
    combo = window.register.filters.status
    offered = {combo.itemText(i) for i in range(combo.count())}
    assert set(BY_LAW.values()) <= offered


def test_a_province_template_renames_statuses_on_the_forms_only(
        qtbot: QtBot, store: Store, clock: FixedClock, data_dir, made: dict[Status, Made]) -> None:
    with store.write() as s:
        commune = s.scalars(select(Commune)).one()
        commune.settings = {**(commune.settings or {}),
                            "form_templates": {"common": {"status_names": PROVINCE}}}
    rows = printed_states(store, clock, made)
    for status in made:
        on_paper = PROVINCE.get(status.value, BY_LAW[status])
        assert squash(on_paper) in rows[status], (status, rows[status])
    assert squash(BY_LAW[Status.IN_PROCESSING]) not in rows[Status.IN_PROCESSING]
    # the screens keep the desk's words
    window = open_window(qtbot, store, clock, data_dir)
    m = made[Status.IN_PROCESSING]
    assert window.open_dossier(m.id)
    assert "Trạng thái: <b>Đang giải quyết</b>" in window.dossier.header.text()
