"""The welfare queue worked by registrars: an incident's assignee (a registrar account) and
the day it was assigned. Existing rows are unassigned (no ledger entry assigned them).

Revision ID: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0017"


def upgrade() -> None:
    with op.batch_alter_table("incidents") as b:
        b.add_column(sa.Column("assignee", sa.Integer))
        b.add_column(sa.Column("assigned_on", sa.Date))
    op.create_index("ix_incidents_status_on", "incidents", ["status", "on"])


def downgrade() -> None:
    op.drop_index("ix_incidents_status_on", "incidents")
    with op.batch_alter_table("incidents") as b:
        b.drop_column("assigned_on")
        b.drop_column("assignee")
