"""Notifications (issue 16): who is told of what, an e-mail outbox and contact addresses.

Revision ID: 0017
Revises: 0015 (the lead re-chains at merge)
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), primary_key=True,
                  autoincrement=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("person_id", sa.Integer),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("words", sa.Text, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Integer),
        sa.Column("href", sa.String(200), nullable=False),
        sa.Column("ledger_seq", sa.Integer),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("read_at", sa.String(32)),
    )
    op.create_index("ix_notifications_person", "notifications", ["person_id", "id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("notification_id", sa.Integer, nullable=False),
        sa.Column("address", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt", sa.String(32), nullable=False),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("sent_at", sa.String(32)),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt"])


def downgrade() -> None:
    op.drop_index("ix_outbox_due", "outbox")
    op.drop_table("outbox")
    op.drop_index("ix_notifications_person", "notifications")
    op.drop_table("notifications")
    op.drop_table("contacts")
