"""Corrections by two hands (issue 15): a request to correct a registered fact, its
evidence, who requested it and who decided it. Derived from the ledger like every state
table (CorrectionRequested / Approved / Rejected), so `verify --deep` checks it.

Revision 0014 revises 0012 on its own branch; 0013 is written beside it and the two are
chained when merged.

Revision ID: 0014
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("old", sa.Text, nullable=False),
        sa.Column("new", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("court_order_ref", sa.String(200), nullable=False, server_default=""),
        sa.Column("requested_by", sa.Integer, nullable=False),
        sa.Column("requested_on", sa.Date, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("decided_by", sa.Integer),
        sa.Column("decided_on", sa.Date),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_corrections_state", "corrections", ["state"])
    op.create_index("ix_corrections_person", "corrections", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_corrections_person", "corrections")
    op.drop_index("ix_corrections_state", "corrections")
    op.drop_table("corrections")
