"""printing: printed forms log (issue 4)

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "printed_forms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("form_code", sa.String(length=4), nullable=False),
        sa.Column("layout", sa.String(length=20), nullable=False),
        sa.Column("copies", sa.String(length=20), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("printer", sa.String(length=200), nullable=False),
        sa.Column("paper", sa.String(length=20), nullable=False),
        sa.Column("pdf_path", sa.String(length=400), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf_bytes", sa.Integer(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["clerk_id"], ["clerks.id"]),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
    )
    with op.batch_alter_table("printed_forms", schema=None) as batch_op:
        batch_op.create_index(
            "ix_printed_forms_dossier_form", ["dossier_id", "form_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("printed_forms", schema=None) as batch_op:
        batch_op.drop_index("ix_printed_forms_dossier_form")
    op.drop_table("printed_forms")
