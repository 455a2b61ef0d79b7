"""dossiers: the legal due date before any extension, and the intake channel

Revision ID: 0005_figures
Revises: 0004_chain
Create Date: 2027-02-01

What the shared rules of the figures (``desk_app.core.indicators.kinds_of``) need from the
projection (``province_hub.project``):

* ``original_due_at``: the due date the intake set (naive Vietnam time). An extension
  (``dossier.extend``, form 04) moves ``due_at`` only, so a late dossier stays late and
  ``due_at > original_due_at`` says that form 04 was issued. NULL: not received at intake
  (form 02 / form 03).
* ``channel``: how it was submitted (``desk`` | ``online`` | ``post``).

Both are filled from what the hub holds already: the snapshot is the intake's payload, whose
``due_at`` was the due date before any extension and whose ``channel`` is the channel (older
desks sent none: ``desk``, as the desk's rebuild reads it).
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_figures'
down_revision = '0004_chain'
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_due_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('channel', sa.String(length=20), nullable=False,
                                      server_default='desk'))
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.alter_column('channel', server_default=None)
    _backfill()


def _backfill() -> None:
    from province_hub.project import local  # the projection's own reading of wire times

    conn = op.get_bind()
    dossiers = sa.table('dossiers', sa.column('uuid', sa.String), sa.column('snapshot', sa.JSON),
                        sa.column('original_due_at', sa.DateTime),
                        sa.column('channel', sa.String))
    due = dossiers.c.snapshot['due_at'].as_string()
    channel = dossiers.c.snapshot['channel'].as_string()
    after = ''
    while True:
        rows = conn.execute(sa.select(dossiers.c.uuid, due, channel)
                            .where(dossiers.c.uuid > after).order_by(dossiers.c.uuid)
                            .limit(BATCH)).all()
        if not rows:
            return
        conn.execute(
            dossiers.update().where(dossiers.c.uuid == sa.bindparam('u'))
            .values(original_due_at=sa.bindparam('o'), channel=sa.bindparam('c')),
            [{'u': u, 'o': local(d), 'c': c or 'desk'} for u, d, c in rows])
        after = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_column('channel')
        batch_op.drop_column('original_due_at')
