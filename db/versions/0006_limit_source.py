"""catalogue: the legal source of each limit; the test release 2027.03 retired (issue 12)

The release "2027.03.1" (procedures-2027.03.json) was test data shipped by mistake: from
01/03/2027 it changed a limit and a fee. Where no dossier was received under it, its versions
are removed and the versions it closed are open again; where one was (it cannot have been
before 01/03/2027), it stays, and the province's next release supersedes it.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TEST_RELEASE = ("2027.03.1", "procedures-2027.03.json")


def upgrade() -> None:
    with op.batch_alter_table("procedure_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("limit_source", sa.Text(), server_default="",
                                      nullable=False))
    conn = op.get_bind()
    release = conn.execute(
        sa.text("SELECT id, effective_from FROM catalogue_releases"
                " WHERE version = :v AND source = :s"),
        {"v": TEST_RELEASE[0], "s": TEST_RELEASE[1]}).first()
    if release is None:
        return
    used = conn.execute(sa.text(
        "SELECT count(*) FROM dossiers WHERE procedure_version_id IN"
        " (SELECT id FROM procedure_versions WHERE release_id = :r)"), {"r": release.id}).scalar()
    if used:
        return
    ids = [row.id for row in conn.execute(sa.text(
        "SELECT id FROM procedure_versions WHERE release_id = :r"), {"r": release.id})]
    for version_id in ids:
        proc = conn.execute(sa.text(
            "SELECT procedure_id, effective_from FROM procedure_versions WHERE id = :i"),
            {"i": version_id}).first()
        conn.execute(sa.text("DELETE FROM procedure_components WHERE version_id = :i"),
                     {"i": version_id})
        conn.execute(sa.text("DELETE FROM procedure_versions WHERE id = :i"), {"i": version_id})
        conn.execute(sa.text(  # the version it had closed is open again
            "UPDATE procedure_versions SET effective_to = NULL WHERE procedure_id = :p"
            " AND effective_to = date(:f, '-1 day')"),
            {"p": proc.procedure_id, "f": str(proc.effective_from)})
    conn.execute(sa.text("DELETE FROM procedures WHERE id NOT IN"
                         " (SELECT procedure_id FROM procedure_versions)"))
    conn.execute(sa.text("DELETE FROM catalogue_releases WHERE id = :r"), {"r": release.id})


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+): a batch copy of the table would break its foreign keys
    op.execute("ALTER TABLE procedure_versions DROP COLUMN limit_source")
