"""queue: queue tickets, ticket visits, waiting and service times on ratings (issue 17)

* ``queue_tickets``: the office's numbered tickets, in the store of the desk hosting the queue
  (every desk has the table; it is empty where the desk does not host). ``UNIQUE(day, number)``
  is the backstop of the numbering (max + 1 of the local day, under the write lock).
* ``ticket_visits``: in each counter's own store, the ticket a counter served when it saved a
  dossier's intake or return, written in the same transaction. One per dossier and occasion.
* ``ratings.wait_s`` / ``ratings.service_s``: nullable; a rating of a visit that came with a
  ticket carries them (and chains them); older ratings have neither, so their records and
  hashes are unchanged. Adding a column does not touch the append-only triggers.

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queue_tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("field_code", sa.String(length=100), nullable=False),
        sa.Column("field_name", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("last_called_at", sa.DateTime(), nullable=True),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("transferred_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("cccd_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "number", name="uq_queue_tickets_day_number"),
        sa.UniqueConstraint("uuid"),
    )
    op.create_index("ix_queue_tickets_day_status", "queue_tickets", ["day", "status"])
    op.create_table(
        "ticket_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("occasion", sa.String(length=10), nullable=False),
        sa.Column("ticket_uuid", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("field_code", sa.String(length=100), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("called_at", sa.DateTime(), nullable=False),
        sa.Column("served_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "occasion", name="uq_ticket_visits_dossier_occasion"),
    )
    op.create_index("ix_ticket_visits_day", "ticket_visits", ["day"])
    # plain ALTER TABLE ... ADD COLUMN: no table copy, the triggers on ratings stay as they are
    op.execute("ALTER TABLE ratings ADD COLUMN wait_s INTEGER")
    op.execute("ALTER TABLE ratings ADD COLUMN service_s INTEGER")


def downgrade() -> None:
    # SQLite 3.35+ drops a column no index or trigger names in place (no table copy)
    op.execute("ALTER TABLE ratings DROP COLUMN service_s")
    op.execute("ALTER TABLE ratings DROP COLUMN wait_s")
    op.drop_index("ix_ticket_visits_day", table_name="ticket_visits")
    op.drop_table("ticket_visits")
    op.drop_index("ix_queue_tickets_day_status", table_name="queue_tickets")
    op.drop_table("queue_tickets")
