"""Duplicate reviews (issue 15): pairs of people linkage found alike, kept for a registrar.

A registration that looks like a registered person is refused unless the registrar says it
is not a duplicate (with the reason); an import records the likely duplicates instead. Both
are in the ledger's person_registered entry; this table is their projection: "open" pairs
to review and "not_duplicate" pairs, which the registry-wide scan leaves out. Blocking at
registration uses the indexes that exist (people.born, person_parents.parent_id,
person_names.search_key): no index is added.

Revision ID: 0015
Revises: 0012 (the lead re-chains at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"


def upgrade() -> None:
    op.create_table(
        "duplicate_reviews",
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("other_id", sa.Integer, sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("ledger_seq", sa.Integer, nullable=False),
    )
    op.create_index("ix_duplicate_reviews_status", "duplicate_reviews", ["status"])


def downgrade() -> None:
    op.drop_index("ix_duplicate_reviews_status", "duplicate_reviews")
    op.drop_table("duplicate_reviews")
