"""scan_documents, dossier_components.scan_document_id, scan_tallies: digitised dossiers (issue 16)

A document per dossier component (or the dossier's result): its file's SHA-256 (the file lives
in the data folder, ``scans/ab/<sha256>.pdf``), size, pages, how it came (scanner, file,
watched folder, or re-used from the citizen's earlier dossier with a link to that document),
resolution, mode, who and when. The component's row names its current document.

The report's digitisation figures are kept like ``report_tallies`` (migration 0010), per
(month received, procedure version, receiving clerk, channel) of the dossier, by triggers in the
writing transaction:

* ``digitised_results``: dossiers with a result document (the first one counts);
* ``digitised_dossiers``: dossiers with at least one component document;
* ``digitised_components``: components that have a document;
* ``reused_documents``: documents re-used instead of scanned again (QĐ 766, group 3).

A dossier's month, procedure, clerk and channel never change after intake, so these are not
moved by the dossiers' update trigger.

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

KEY = ("SELECT substr(d.received_at, 1, 7), d.procedure_version_id, d.received_by, d.channel,"
       " '{kind}', {n} FROM dossiers d WHERE d.id = {dossier}")
UPSERT = ("INSERT INTO scan_tallies (month, version_id, clerk_id, channel, kind, n) " + KEY
          + " ON CONFLICT (month, version_id, clerk_id, channel, kind) DO UPDATE SET n = n + {n};")


def _bump(kind: str, dossier: str, n: int = 1) -> str:
    return UPSERT.format(kind=kind, dossier=dossier, n=n)


FIRST_OF = ("NOT EXISTS (SELECT 1 FROM scan_documents o WHERE o.dossier_id = new.dossier_id"
            " AND o.role = new.role AND o.id != new.id)")
TRIGGERS = (
    "CREATE TRIGGER scan_tallies_result AFTER INSERT ON scan_documents"
    f" WHEN new.role = 'result' AND {FIRST_OF}"
    f" BEGIN {_bump('digitised_results', 'new.dossier_id')} END",
    "CREATE TRIGGER scan_tallies_dossier AFTER INSERT ON scan_documents"
    f" WHEN new.role = 'component' AND {FIRST_OF}"
    f" BEGIN {_bump('digitised_dossiers', 'new.dossier_id')} END",
    "CREATE TRIGGER scan_tallies_reused AFTER INSERT ON scan_documents"
    " WHEN new.source = 'reused'"
    f" BEGIN {_bump('reused_documents', 'new.dossier_id')} END",
    "CREATE TRIGGER scan_tallies_component AFTER UPDATE OF scan_document_id"
    " ON dossier_components WHEN old.scan_document_id IS NULL"
    " AND new.scan_document_id IS NOT NULL"
    f" BEGIN {_bump('digitised_components', 'new.dossier_id')} END",
    "CREATE TRIGGER scan_tallies_component_off AFTER UPDATE OF scan_document_id"
    " ON dossier_components WHEN old.scan_document_id IS NOT NULL"
    " AND new.scan_document_id IS NULL"
    f" BEGIN {_bump('digitised_components', 'new.dossier_id', -1)} END",
)
NAMES = ("scan_tallies_result", "scan_tallies_dossier", "scan_tallies_reused",
         "scan_tallies_component", "scan_tallies_component_off")


def upgrade() -> None:
    op.create_table(
        "scan_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("component_id", sa.Integer(), sa.ForeignKey("dossier_components.id"),
                  nullable=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("dpi", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("page_info", sa.JSON(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("reused_from_id", sa.Integer(), sa.ForeignKey("scan_documents.id"),
                  nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("clerks.id"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
    )
    op.create_index("ix_scan_documents_dossier", "scan_documents", ["dossier_id", "role"])
    op.create_index("ix_scan_documents_sha256", "scan_documents", ["sha256"])
    op.add_column("dossier_components",
                  sa.Column("scan_document_id", sa.Integer(), nullable=True))
    op.create_table(
        "scan_tallies",
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "version_id", "clerk_id", "channel", "kind"),
    )
    for sql in TRIGGERS:
        op.execute(sql)


def downgrade() -> None:
    for name in NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("scan_tallies")
    with op.batch_alter_table("dossier_components") as batch:
        batch.drop_column("scan_document_id")
    op.drop_index("ix_scan_documents_sha256", "scan_documents")
    op.drop_index("ix_scan_documents_dossier", "scan_documents")
    op.drop_table("scan_documents")
