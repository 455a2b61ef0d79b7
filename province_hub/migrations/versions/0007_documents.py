"""documents: the digitised documents desks declare (issue 16)

Revision ID: 0007_documents
Revises: 0006_staff
Create Date: 2027-03-01

One row per ``document.attached`` event (a component's or a result's PDF, or a re-use of an
earlier one): the dossier, the component's position, the file's SHA-256 and size, pages, how it
came. The province's digitisation figures count these; the files themselves are kept outside
the database, in a folder per commune (``province_hub.files``).
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_documents'
down_revision = '0006_staff'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'documents',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('commune_id', sa.Integer(), sa.ForeignKey('communes.id'), nullable=False),
        sa.Column('desk_id', sa.Integer(), sa.ForeignKey('desks.id'), nullable=False),
        sa.Column('dossier_uuid', sa.String(length=36), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('component', sa.Integer(), nullable=True),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('pages', sa.Integer(), nullable=False),
        sa.Column('source', sa.String(length=10), nullable=False),
        sa.Column('reused_from', sa.String(length=36), nullable=True),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('uuid'),
    )
    op.create_index('ix_documents_commune_sha', 'documents', ['commune_id', 'sha256'])
    op.create_index('ix_documents_dossier', 'documents', ['dossier_uuid'])


def downgrade() -> None:
    op.drop_index('ix_documents_dossier', 'documents')
    op.drop_index('ix_documents_commune_sha', 'documents')
    op.drop_table('documents')
