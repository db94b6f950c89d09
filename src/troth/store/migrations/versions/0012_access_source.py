"""The access log names where each use came from (issue 14): a `source` column holding the
page's or endpoint's route template ("page GET /people/{person_id}/health", "api GET
/api/v1/people/{person_id}/health") or the CLI command ("cli heats list") — never a URL, a
query string or any other request data. Rows logged before it keep an empty source.

A plain ALTER TABLE ... ADD COLUMN on both dialects: the table is not rebuilt, so its
append-only triggers (0002, 0007) stay in place, and adding a column fires no row trigger.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.add_column("access_log", sa.Column("source", sa.String(200), nullable=False,
                                          server_default=""))


def downgrade() -> None:
    op.drop_column("access_log", "source")
