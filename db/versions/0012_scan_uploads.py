"""scan_uploads: which scanned files the province holds whole (issue 16, sync of files)

One row per file (its SHA-256) the hub confirmed it holds complete and verified. A file is
due when a document naming it has had its ``document.attached`` event acknowledged and no
row here names it: so what is pending is derived from the store and survives a restart, and
the same bytes named by several documents (a re-use) go once. How far a file got is asked of
the hub (it keeps the received part), never stored here.

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scan_uploads",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("sent_bytes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )


def downgrade() -> None:
    op.drop_table("scan_uploads")
