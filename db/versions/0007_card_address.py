"""dossiers: the address as the scanned card printed it (issue 12, the 2025 reorganisation)

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossiers", sa.Column("applicant_address_card", sa.String(400),
                                        server_default="", nullable=False))


def downgrade() -> None:
    op.execute("ALTER TABLE dossiers DROP COLUMN applicant_address_card")
