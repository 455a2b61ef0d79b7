"""desks: where the last check of the rating chain stopped

Revision ID: 0004_chain
Revises: 0003_ident
Create Date: 2027-01-10

* ``chain_checked``: JSON ``{"key": [chain_seq, rating uuid], "seq", "hash", "count"}``, the
  last record the hub checked in the desk's rating chain and the position the next record is
  checked from (``province_hub.ratings``). Empty for desks from before this revision: their
  next batch with ratings checks the whole chain once and fills it.
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0004_chain'
down_revision = '0003_ident'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chain_checked', sa.JSON().with_variant(
            postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.drop_column('chain_checked')
