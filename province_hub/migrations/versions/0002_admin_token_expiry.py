"""admin tokens expire

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Every admin token gets ``expires_at`` (naive UTC, like every time the hub makes). Tokens made
before this revision had no lifetime; they keep working for 30 days after the upgrade, time
for the province office to make new ones (``python -m province_hub admin-token NAME --days N``).
"""
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

from province_hub.clock import Clock

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

GRACE = timedelta(days=30)


def upgrade() -> None:
    with op.batch_alter_table('admin_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
    until = Clock().utc() + GRACE  # the day of the upgrade: the real clock, not a test's
    op.execute(sa.text("UPDATE admin_tokens SET expires_at = :until").bindparams(until=until))
    with op.batch_alter_table('admin_tokens', schema=None) as batch_op:
        batch_op.alter_column('expires_at', existing_type=sa.DateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('admin_tokens', schema=None) as batch_op:
        batch_op.drop_column('expires_at')
