"""Scent measurements (issue 15): a physician the person chose records or re-measures her
scent signature; one row per measurement, projected from the ledger's scent_measured
entries. people.scent_* keep her current one (the latest by date, then ledger order).

Revision ID: 0018
Revises: 0015 (the lead re-chains at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0019"


def upgrade() -> None:
    op.create_table(
        "scent_measurements",
        sa.Column("ledger_seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("by_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("gives", sa.JSON, nullable=False),
        sa.Column("draws", sa.JSON, nullable=False),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_scent_measurements_person", "scent_measurements", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_scent_measurements_person", "scent_measurements")
    op.drop_table("scent_measurements")
