"""Marriages of Betas (issue 15): a marriage from its notice (the first consent) to its
dissolution, and petitions to dissolve one. Both tables are projections of the ledger's
marriage events (store/projections/marriage.py).

Revision ID: 0016
Revises: 0015 (the lead re-chains at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0018"


def upgrade() -> None:
    op.create_table(
        "marriages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("spouse1_id", sa.Integer, nullable=False),
        sa.Column("spouse2_id", sa.Integer, nullable=False),
        sa.Column("spouse1_consent_on", sa.Date), sa.Column("spouse2_consent_on", sa.Date),
        sa.Column("spouse1_attested_by", sa.Integer), sa.Column("spouse2_attested_by", sa.Integer),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("officiant_id", sa.Integer), sa.Column("witnesses", sa.JSON, nullable=False),
        sa.Column("solemnised_on", sa.Date),
        sa.Column("certificate_code", sa.String(40), nullable=False),
        sa.Column("ledger_seq", sa.Integer), sa.Column("dissolved_on", sa.Date),
    )
    op.create_index("ix_marriages_spouse1", "marriages", ["spouse1_id"])
    op.create_index("ix_marriages_spouse2", "marriages", ["spouse2_id"])
    op.create_table(
        "marriage_petitions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("marriage_id", sa.Integer, nullable=False),
        sa.Column("petitioner_id", sa.Integer, nullable=False),
        sa.Column("grounds", sa.String(20), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("attested_by", sa.Integer), sa.Column("filed_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(10), nullable=False), sa.Column("decided_on", sa.Date),
        sa.Column("reasons", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_marriage_petitions_marriage", "marriage_petitions", ["marriage_id"])


def downgrade() -> None:
    op.drop_index("ix_marriage_petitions_marriage", "marriage_petitions")
    op.drop_table("marriage_petitions")
    op.drop_index("ix_marriages_spouse2", "marriages")
    op.drop_index("ix_marriages_spouse1", "marriages")
    op.drop_table("marriages")
