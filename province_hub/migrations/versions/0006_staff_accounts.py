"""staff, staff_sessions, staff_login_failures: provincial staff's own accounts and sessions

Revision ID: 0006_staff
Revises: 0005_figures
Create Date: 2027-02-01

The dashboard's users (``province_hub.staff``): an argon2 password hash per account; a session
is the SHA-256 of its cookie's secret with its CSRF token and expiry; failed logins are kept a
while to limit guessing (per user name and per address).
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_staff'
down_revision = '0005_figures'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'staff',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=60), nullable=False),
        sa.Column('full_name', sa.String(length=200), nullable=False),
        sa.Column('password_hash', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('disabled', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('username'),
    )
    op.create_table(
        'staff_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('csrf', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    op.create_table(
        'staff_login_failures',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
                  nullable=False),
        sa.Column('username', sa.String(length=60), nullable=False),
        sa.Column('address', sa.String(length=64), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_staff_login_failures_at', 'staff_login_failures', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_staff_login_failures_at', table_name='staff_login_failures')
    op.drop_table('staff_login_failures')
    op.drop_table('staff_sessions')
    op.drop_table('staff')
