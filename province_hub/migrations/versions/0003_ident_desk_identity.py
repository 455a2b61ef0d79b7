"""desks: counter number, credential rotation, revocation time

Revision ID: 0003_ident
Revises: 0002
Create Date: 2026-12-01

* ``counter``: the desk's counter number (1-9), the first digit of the daily sequence of its
  dossier codes; unique among a commune's desks that are not revoked (a partial unique index),
  so two counters of one commune can never make the same code. Desks enrolled before this
  revision have none until they declare it (the desk does at its next sync).
* ``next_token_hash``: a rotated credential not used yet; the current one keeps working until
  the desk first uses the new one (a lost answer never locks a desk out).
* ``rotate_requested``: the province asked this desk to rotate its credential (it does at its
  next sync).
* ``revoked_at``: when the province revoked the desk's credential.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003_ident'
down_revision = '0002'
branch_labels = None
depends_on = None

LIVE_COUNTER = "counter IS NOT NULL AND NOT revoked"


def upgrade() -> None:
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('counter', sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column('next_token_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('rotate_requested', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.alter_column('rotate_requested', server_default=None)
    op.create_index('ux_desks_commune_counter', 'desks', ['commune_id', 'counter'], unique=True,
                    postgresql_where=sa.text(LIVE_COUNTER), sqlite_where=sa.text(LIVE_COUNTER))


def downgrade() -> None:
    op.drop_index('ux_desks_commune_counter', table_name='desks')
    with op.batch_alter_table('desks', schema=None) as batch_op:
        batch_op.drop_column('revoked_at')
        batch_op.drop_column('rotate_requested')
        batch_op.drop_column('next_token_hash')
        batch_op.drop_column('counter')
