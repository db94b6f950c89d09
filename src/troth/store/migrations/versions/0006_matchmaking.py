"""Matchmaking: each person's dated opt-in choices.

Revision ID: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "matchmaking_opt_ins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("opted_in", sa.Boolean, nullable=False),
        sa.Column("on", sa.Date, nullable=False),
        sa.Column("ledger_seq", sa.Integer, nullable=False),
    )
    op.create_index("ix_matchmaking_opt_ins_person", "matchmaking_opt_ins", ["person_id", "on"])
