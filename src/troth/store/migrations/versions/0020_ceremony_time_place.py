"""A bonding ceremony's time of day (HH:MM) and place, both optional. Existing rows have
neither ("", as the ledger's older ceremony entries carry none).

Revision ID: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0016"


def upgrade() -> None:
    with op.batch_alter_table("ceremonies") as b:
        b.add_column(sa.Column("at", sa.String(5), nullable=False, server_default=""))
        b.add_column(sa.Column("place", sa.String(200), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("ceremonies") as b:
        b.drop_column("place")
        b.drop_column("at")
