"""tickets: the queue tickets of the commune offices (issue 17)

Revision ID: 0008_tickets
Revises: 0007_documents
Create Date: 2027-04-01

One row per ticket, the latest state folded from its ``ticket.*`` events (issued, called,
absent, transferred, done) by :mod:`province_hub.tickets`. The events themselves stay in
``events`` as every event does; the waiting and service times of the dossiers served come in
the dossiers' own events (``"ticket"``) and in the ratings' records (``wait_s``, ``service_s``).
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_tickets'
down_revision = '0007_documents'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'tickets',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('commune_id', sa.Integer(), sa.ForeignKey('communes.id'), nullable=False),
        sa.Column('desk_id', sa.Integer(), sa.ForeignKey('desks.id'), nullable=False),
        sa.Column('day', sa.String(length=10), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('field_code', sa.String(length=100), nullable=False),
        sa.Column('field_name', sa.String(length=100), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('counter', sa.Integer(), nullable=True),
        sa.Column('calls', sa.Integer(), nullable=False),
        sa.Column('issued_at', sa.DateTime(), nullable=True),
        sa.Column('called_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('events', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('uuid'),
    )
    op.create_index('ix_tickets_commune_day', 'tickets', ['commune_id', 'day'])


def downgrade() -> None:
    op.drop_index('ix_tickets_commune_day', 'tickets')
    op.drop_table('tickets')
