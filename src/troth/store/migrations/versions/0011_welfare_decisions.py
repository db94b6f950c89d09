"""Welfare reviews decided; waivers name who grants them; a guardian's review waiver.

incidents gain the review's decision (kept | transferred | revoked), who decided it and
when; waivers gain the people who granted them and their relations to the courtship;
guardianships gain the court's reference waiving the guardian's open welfare reviews.
Existing rows keep empty values (old ledger entries carry none of these).

Revision ID: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    with op.batch_alter_table("incidents") as b:
        b.add_column(sa.Column("decision", sa.String(12), nullable=False, server_default=""))
        b.add_column(sa.Column("decided_by", sa.Integer))
        b.add_column(sa.Column("decided_on", sa.Date))
    with op.batch_alter_table("waivers") as b:
        b.add_column(sa.Column("granted_by_ids", sa.JSON))
        b.add_column(sa.Column("relations", sa.JSON))
    with op.batch_alter_table("guardianships") as b:
        b.add_column(sa.Column("court_waiver_ref", sa.String(200), nullable=False,
                               server_default=""))
    op.create_index("ix_incidents_guardianship", "incidents", ["guardianship_id"])
    op.create_index("ix_incidents_about", "incidents", ["about_id"])


def downgrade() -> None:
    op.drop_index("ix_incidents_about", "incidents")
    op.drop_index("ix_incidents_guardianship", "incidents")
    with op.batch_alter_table("guardianships") as b:
        b.drop_column("court_waiver_ref")
    with op.batch_alter_table("waivers") as b:
        b.drop_column("relations")
        b.drop_column("granted_by_ids")
    with op.batch_alter_table("incidents") as b:
        b.drop_column("decided_on")
        b.drop_column("decided_by")
        b.drop_column("decision")
