"""rating: satisfaction ratings (issue 6), append-only

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("desk", sa.String(length=60), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("agency_code", sa.String(length=40), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("dossier_uuid", sa.String(length=36), nullable=False),
        sa.Column("dossier_code", sa.String(length=60), nullable=False),
        sa.Column("procedure_code", sa.String(length=40), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.Column("clerk", sa.String(length=60), nullable=False),
        sa.Column("occasion", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("form", sa.String(length=60), nullable=False),
        sa.Column("overall", sa.String(length=40), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["clerk_id"], ["clerks.id"]),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("desk", "seq", name="uq_ratings_desk_seq"),
        sa.UniqueConstraint("uuid"),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index("ix_ratings_at", ["at"], unique=False)
        batch_op.create_index("ix_ratings_visit", ["dossier_id", "occasion"], unique=False)
        batch_op.create_index(batch_op.f("ix_ratings_clerk_id"), ["clerk_id"], unique=False)
    # Ratings are append-only: the database itself refuses edits and deletions.
    op.execute(
        "CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings BEGIN "
        "SELECT RAISE(ABORT, 'ratings is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings BEGIN "
        "SELECT RAISE(ABORT, 'ratings is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS ratings_no_delete")
    op.execute("DROP TRIGGER IF EXISTS ratings_no_update")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ratings_clerk_id"))
        batch_op.drop_index("ix_ratings_visit")
        batch_op.drop_index("ix_ratings_at")
    op.drop_table("ratings")
