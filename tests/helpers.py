"""Builders for realistic intake requests, shared by tests."""

from __future__ import annotations

import os
import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.core.catalogue import read_catalogue
from desk_app.services.intake import IntakeRequest, Person, Received
from desk_app.store.catalogue import load_catalogue
from desk_app.store.engine import Store
from desk_app.store.models import Procedure, ProcedureVersion

# Test data, never shipped: from 01/03/2027 1.004873's limit goes from 3 to 2 working days.
TEST_RELEASE = Path(__file__).parent / "data" / "catalogue" / "procedures-2027.03.json"


def load_test_release(store: Store, clock: Clock) -> None:
    """Load the test release 2027.03 as the province would send it."""
    with store.write() as s:
        load_catalogue(s, read_catalogue(TEST_RELEASE), clock.now(), source="province")


def version_of(session: Session, national_code: str) -> ProcedureVersion:
    return session.scalars(
        select(ProcedureVersion)
        .join(Procedure)
        .where(Procedure.national_code == national_code)
        .order_by(ProcedureVersion.effective_from)
    ).first()  # type: ignore[return-value]


def complete_request(session: Session, national_code: str = "1.004873", **applicant: object) -> IntakeRequest:
    """A request handing in every required component in the required counts."""
    version = version_of(session, national_code)
    person = Person(
        full_name="Đặng Văn Đức",
        id_number="001090012345",
        birth_date=date(1990, 3, 15),
        gender="Nam",
        address="Thôn Phù Dực, xã Phù Đổng, thành phố Hà Nội",
        phone="0912 345 678",
        email="duc.dang@example.vn",
    )
    for key, value in applicant.items():
        setattr(person, key, value)
    return IntakeRequest(
        procedure_version_id=version.id,
        applicant=person,
        components=[
            Received(c.position, c.originals, c.certified_copies, c.copies)
            for c in version.components
        ],
    )


def upgrade_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Pretend the program was upgraded: the migrations plus one more (revision 9000, a column
    on ``settings``), used by the next start-up. Returns the revision the store had before."""
    from desk_app.paths import migrations_dir
    from desk_app.store import migrate as migrate_mod

    scripts = tmp_path / "db"
    shutil.copytree(migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate_mod.head_revision()
    (scripts / "versions" / "9000_test_column.py").write_text(textwrap.dedent(f'''
        from alembic import op
        import sqlalchemy as sa
        revision = "9000"
        down_revision = "{head}"
        branch_labels = None
        depends_on = None
        def upgrade():
            op.add_column("settings", sa.Column("note", sa.Text(), nullable=True))
        def downgrade():
            op.drop_column("settings", "note")
    '''))
    monkeypatch.setattr(migrate_mod, "migrations_dir", lambda: scripts)
    return head


def shot(widget, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Render ``widget``; into $DESK_APP_SCREENS when set (docs/screens: a look, kept in git),
    else into ``tmp_path``."""
    folder = Path(os.environ.get("DESK_APP_SCREENS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / name))
