"""report_tallies, rating_tallies: the leader's figures kept by triggers (issue 15)

A year's report at a million dossiers read every row of the year (about 330,000: 0.7-1.1 s).
The counts each dossier adds to (``desk_app.core.indicators.kinds_of``: received, form 02/03 at
intake, solved early/on time/late against the legal due date, form 04, ended later) are now
kept per (month received, procedure version, receiving clerk, channel) in the writing
transaction, so a report reads a few hundred rows whatever the size of the store.

The ratings likewise (a busy desk gets a rating for a third of its returns: 100,000 a year, a
second and a half to count through a join): ``rating_tallies`` per (month rated, procedure
version, clerk rated, channel, level) and ``rating_criteria_tallies`` per criterion and level,
kept by a trigger on the append-only ``ratings``. A rating flagged ``repeat`` is never counted
(the flag is set when it is recorded and never changes). ``ix_ratings_overall_at`` finds the
levels a slip does not mark positive.

The conditions below are that function written in SQL (datetimes are stored as ISO text, so
text order is time order, and the first ten characters are the day);
tests/reports/test_tallies.py checks that both agree on every case.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

RETURNED = "{r}.status = 'returned' AND {r}.returned_at IS NOT NULL"
LATE = (f"{RETURNED} AND {{r}}.original_due_at IS NOT NULL"
        " AND {r}.returned_at > {r}.original_due_at")
APOLOGISED = "{r}.original_due_at IS NOT NULL AND {r}.due_at > {r}.original_due_at"
KINDS = {
    "received": "{r}.original_due_at IS NOT NULL",
    "supplement_requested":
        "{r}.original_due_at IS NULL AND {r}.status = 'supplement_requested'",
    "refused_intake": "{r}.original_due_at IS NULL AND {r}.status = 'refused'",
    "apologised": APOLOGISED,
    "solved_early": f"{RETURNED} AND {{r}}.original_due_at IS NOT NULL"
                    " AND substr({r}.returned_at, 1, 10) < substr({r}.original_due_at, 1, 10)",
    "solved_on_time": f"{RETURNED} AND ({{r}}.original_due_at IS NULL OR ("
                      "{r}.returned_at <= {r}.original_due_at AND substr({r}.returned_at, 1, 10)"
                      " >= substr({r}.original_due_at, 1, 10)))",
    "solved_late": LATE,
    "late_apologised": f"{LATE} AND {APOLOGISED}",
    "refused_later": "{r}.original_due_at IS NOT NULL AND {r}.status = 'refused'",
    "withdrawn": "{r}.original_due_at IS NOT NULL AND {r}.status = 'withdrawn'",
    "stopped": "{r}.original_due_at IS NOT NULL AND {r}.status = 'stopped'",
}
WATCHED = ("status", "due_at", "original_due_at", "returned_at", "received_at",
           "procedure_version_id", "received_by", "channel")


def _kinds(r: str) -> str:
    return " UNION ALL ".join(f"SELECT '{k}' AS kind WHERE {c.format(r=r)}"
                              for k, c in KINDS.items())


def _add(r: str) -> str:
    return ("INSERT INTO report_tallies (month, version_id, clerk_id, channel, kind, n) "
            f"SELECT substr({r}.received_at, 1, 7), {r}.procedure_version_id, {r}.received_by, "
            f"{r}.channel, kind, 1 FROM ({_kinds(r)}) WHERE true "
            "ON CONFLICT (month, version_id, clerk_id, channel, kind) DO UPDATE SET n = n + 1;")


def _take(r: str) -> str:
    return (f"UPDATE report_tallies SET n = n - 1 WHERE month = substr({r}.received_at, 1, 7) "
            f"AND version_id = {r}.procedure_version_id AND clerk_id = {r}.received_by "
            f"AND channel = {r}.channel AND kind IN ({_kinds(r)});")


RATING_KEY = ("substr(new.at, 1, 7), d.procedure_version_id, new.clerk_id, d.channel",
              "FROM dossiers d WHERE d.id = new.dossier_id")
NOT_REPEAT = "coalesce(new.flags, '') NOT LIKE '%\"repeat\"%'"
RATING_TRIGGERS = (
    "CREATE TRIGGER rating_tallies_ai AFTER INSERT ON ratings WHEN " + NOT_REPEAT + " BEGIN "
    "INSERT INTO rating_tallies (month, version_id, clerk_id, channel, overall, n) "
    f"SELECT {RATING_KEY[0]}, new.overall, 1 {RATING_KEY[1]} "
    "ON CONFLICT (month, version_id, clerk_id, channel, overall) DO UPDATE SET n = n + 1; "
    "INSERT INTO rating_criteria_tallies (month, version_id, clerk_id, channel, code, level, n) "
    f"SELECT {RATING_KEY[0]}, je.key, je.value, 1 FROM dossiers d, json_each(new.criteria) je "
    "WHERE d.id = new.dossier_id "
    "ON CONFLICT (month, version_id, clerk_id, channel, code, level) DO UPDATE SET n = n + 1; "
    "END",
)


TRIGGERS = (
    f"CREATE TRIGGER report_tallies_ai AFTER INSERT ON dossiers BEGIN {_add('new')} END",
    f"CREATE TRIGGER report_tallies_ad AFTER DELETE ON dossiers BEGIN {_take('old')} END",
    f"CREATE TRIGGER report_tallies_au AFTER UPDATE OF {', '.join(WATCHED)} ON dossiers WHEN "
    + " OR ".join(f"old.{c} IS NOT new.{c}" for c in WATCHED)
    + f" BEGIN {_take('old')} {_add('new')} END",
)


def upgrade() -> None:
    op.create_table(
        "report_tallies",
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "version_id", "clerk_id", "channel", "kind"),
    )
    # one pass over the dossiers (a million in a few seconds), then one insert per kind
    sums = ", ".join(f"sum(CASE WHEN {c.format(r='d')} THEN 1 ELSE 0 END) AS {k}"
                     for k, c in KINDS.items())
    op.execute("CREATE TEMP TABLE report_tallies_fill AS SELECT substr(d.received_at, 1, 7)"
               " AS month, d.procedure_version_id AS version_id, d.received_by AS clerk_id,"
               f" d.channel AS channel, {sums} FROM dossiers d GROUP BY 1, 2, 3, 4")
    for k in KINDS:
        op.execute("INSERT INTO report_tallies (month, version_id, clerk_id, channel, kind, n)"
                   f" SELECT month, version_id, clerk_id, channel, '{k}', {k}"
                   f" FROM report_tallies_fill WHERE {k} > 0")
    op.execute("DROP TABLE report_tallies_fill")
    for sql in TRIGGERS:
        op.execute(sql)
    key = ("month", "version_id", "clerk_id", "channel")
    op.create_table(
        "rating_tallies",
        *(sa.Column(c, sa.String(7) if c == "month" else sa.String(20) if c == "channel"
                    else sa.Integer(), nullable=False) for c in key),
        sa.Column("overall", sa.String(40), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*key, "overall"),
    )
    op.create_table(
        "rating_criteria_tallies",
        *(sa.Column(c, sa.String(7) if c == "month" else sa.String(20) if c == "channel"
                    else sa.Integer(), nullable=False) for c in key),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("level", sa.String(40), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*key, "code", "level"),
    )
    rated = ("FROM ratings r JOIN dossiers d ON d.id = r.dossier_id"
             " WHERE coalesce(r.flags, '') NOT LIKE '%\"repeat\"%'")
    op.execute("INSERT INTO rating_tallies (month, version_id, clerk_id, channel, overall, n)"
               " SELECT substr(r.at, 1, 7), d.procedure_version_id, r.clerk_id, d.channel,"
               f" r.overall, count(*) {rated} GROUP BY 1, 2, 3, 4, 5")
    op.execute("INSERT INTO rating_criteria_tallies (month, version_id, clerk_id, channel,"
               " code, level, n) SELECT substr(r.at, 1, 7), d.procedure_version_id,"
               " r.clerk_id, d.channel, je.key, je.value, count(*) FROM ratings r"
               " JOIN dossiers d ON d.id = r.dossier_id, json_each(r.criteria) je"
               " WHERE coalesce(r.flags, '') NOT LIKE '%\"repeat\"%' GROUP BY 1, 2, 3, 4, 5, 6")
    for sql in RATING_TRIGGERS:
        op.execute(sql)
    op.create_index("ix_ratings_overall_at", "ratings", ["overall", "at"])


def downgrade() -> None:
    op.drop_index("ix_ratings_overall_at", "ratings")
    op.execute("DROP TRIGGER IF EXISTS rating_tallies_ai")
    op.drop_table("rating_criteria_tallies")
    op.drop_table("rating_tallies")
    for name in ("report_tallies_ai", "report_tallies_ad", "report_tallies_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("report_tallies")
