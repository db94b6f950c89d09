"""Accounts bound to people by the people themselves; a finding is hers (issue 14).

- accounts.link: how an account is bound to its person. Every account already linked to a
  person is marked "office" (linked by the office, not yet confirmed by the person).
- invitations: one-time enrolment codes, kept only as SHA-256 digests, that expire.
- petition_findings: a physician's finding (a health entry of the person it concerns)
  released by her for one annulment petition, until she withdraws it or it is decided.
- annulment_petitions.finding: a finding's text was once copied here (and into the ledger
  entry); it is blanked, and reads never show it again. The ledger entries that hold it
  cannot be changed (the hash chain): they are kept out of every read instead.

Revision ID: 0009
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"

STAMP = 32


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("link", sa.String(20)))
    op.execute("UPDATE accounts SET link = 'office' WHERE person_id IS NOT NULL")
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("roles", sa.String(200), nullable=False),
        sa.Column("issued_by", sa.Integer),
        sa.Column("issued", sa.String(STAMP), nullable=False),
        sa.Column("expires", sa.String(STAMP), nullable=False),
        sa.Column("used", sa.String(STAMP)),
        sa.Column("account_id", sa.Integer),
    )
    op.create_index("ix_invitations_person", "invitations", ["person_id"])
    op.create_table(
        "petition_findings",
        sa.Column("petition_id", sa.Integer, primary_key=True),
        sa.Column("finding_id", sa.Integer, primary_key=True),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column("released_on", sa.Date, nullable=False),
        sa.Column("attested_by", sa.Integer),
        sa.Column("withdrawn_on", sa.Date),
    )
    op.execute("UPDATE annulment_petitions SET finding = '' WHERE finding <> ''")


def downgrade() -> None:
    op.drop_table("petition_findings")
    op.drop_index("ix_invitations_person", "invitations")
    op.drop_table("invitations")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("link")
