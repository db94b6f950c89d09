"""Registry core: people, names, parents, guardianships, the append-only ledger.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

APPEND_ONLY = "the ledger is append-only: entries are never updated or deleted"


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("legal_name", sa.String(200), nullable=False),
        sa.Column("born", sa.Date, nullable=False),
        sa.Column("died", sa.Date),
        sa.Column("designation", sa.String(10)),
        sa.Column("presented_on", sa.Date),
        sa.Column("presented_reason", sa.Text, nullable=False),
        sa.Column("scent_gives", sa.JSON),
        sa.Column("scent_draws", sa.JSON),
        sa.Column("scent_notes", sa.Text, nullable=False),
        sa.Column("district", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_people_designation", "people", ["designation"])
    op.create_index("ix_people_born", "people", ["born"])
    op.create_table(
        "person_parents",
        sa.Column("child_id", sa.Integer, sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("people.id"), primary_key=True),
    )
    op.create_index("ix_person_parents_parent", "person_parents", ["parent_id"])
    op.create_table(
        "person_names",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("search_key", sa.String(200), nullable=False),
    )
    op.create_index("ix_person_names_person", "person_names", ["person_id"])
    op.create_index("ix_person_names_key", "person_names", ["search_key"])
    op.create_table(
        "guardianships",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("ward_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("guardian_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("court", sa.String(200), nullable=False),
        sa.Column("order_ref", sa.String(200), nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("end", sa.Date),
        sa.Column("how_ended", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_guardianships_ward", "guardianships", ["ward_id"])
    op.create_index("ix_guardianships_guardian", "guardianships", ["guardian_id"])
    op.create_table(
        "ledger",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("effective", sa.String(10), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "ledger_subjects",
        sa.Column("person_id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
    )
    _append_only("ledger")


def _append_only(table: str) -> None:
    """The database itself refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE)."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
        return
    op.execute(
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
    )
