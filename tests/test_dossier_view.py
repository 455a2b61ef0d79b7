"""One dossier query: the dossier page and the printed forms read a dossier through
services.dossier_view, and agree on what it holds; the page's module runs no query of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from desk_app.clock import FixedClock
from desk_app.core.lifecycle import Status
from desk_app.gui.dossier.view_data import load_view
from desk_app.printing.context import load_dossier
from desk_app.services import intake, lifecycle, returns
from desk_app.services.dossier_view import load_dossier_record
from desk_app.store.engine import Store
from tests.helpers import complete_request

ROOT = Path(__file__).resolve().parents[1]
CLERK = 3  # Nguyễn Văn Bình


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_page_data_module_runs_no_query_of_its_own() -> None:
    imports = imported_modules(ROOT / "desk_app/gui/dossier/view_data.py")
    assert not {m for m in imports if m.startswith("desk_app.store")}, imports
    assert "sqlalchemy" not in imports
    assert "desk_app.services.dossier_view" in imports


def test_page_and_forms_read_the_same_dossier(store: Store, clock: FixedClock) -> None:
    with store.write() as s:
        req = complete_request(s, "1.004873", full_name="Lê Thị Hoa", id_number="001190054321",
                               gender="Nữ", phone="0912 345 678")
        dossier_id = intake.receive(s, clock, CLERK, req).dossier_id
    for step in (Status.IN_PROCESSING, Status.RESULT_READY):
        clock.advance(hours=1)
        with store.write() as s:
            lifecycle.change_status(s, clock, CLERK, dossier_id, step)
    clock.advance(hours=1)
    with store.write() as s:
        returns.return_result(s, clock, CLERK, dossier_id, returns.Collector(
            kind="representative", full_name="Lê Văn Nam", id_number="001090012345"))
    with store.read() as s:
        record = load_dossier_record(s, dossier_id)
        page = load_view(s, dossier_id)
        form = load_dossier(s, dossier_id)
        assert load_dossier_record(s, dossier_id + 100) is None
    assert record is not None and page is not None
    # by hand: who received it, what happened, who collected
    assert record.applicant_name == page.applicant == form.applicant_name == "Lê Thị Hoa"
    assert record.received_by == page.received_by == form.received_by == "Nguyễn Văn Bình"
    assert record.procedure_code == page.procedure_code == "1.004873"
    assert record.procedure == page.procedure == form.procedure
    assert [e.action for e in record.events] == ["intake", "status", "status", "status"]
    assert [e.to_status for e in page.events] == [e.to_status for e in form.events] == [
        "received", "in_processing", "result_ready", "returned"]
    assert {e.clerk for e in page.events} == {e.clerk_name for e in form.events} == {
        "Nguyễn Văn Bình"}
    assert [c.name for c in page.components] == [c.name for c in form.components]
    assert page.collector is not None and page.collector["full_name"] == "Lê Văn Nam"
    assert page.status == form.status == "returned"
    assert form.register_number == 1  # the first dossier of the year
