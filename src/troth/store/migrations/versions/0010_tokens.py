"""API tokens know what they were made from, and every token expires.

A token is made from a signed-in session (the API refuses a token-authenticated request
to make one); it records that session, or — for tokens made by tokens before this
revision — its parent token, so that revoking a parent revokes its children. Tokens that
had no expiry get one: 90 days from this upgrade.

Revision ID: 0010
Revises: 0009
"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"

LEGACY_DAYS = 90


def upgrade() -> None:
    op.add_column("api_tokens", sa.Column("parent_session", sa.Integer))
    op.add_column("api_tokens", sa.Column("parent_token", sa.Integer))
    op.create_index("ix_api_tokens_parent_session", "api_tokens", ["parent_session"])
    op.create_index("ix_api_tokens_parent_token", "api_tokens", ["parent_token"])
    expires = (datetime.now(UTC) + timedelta(days=LEGACY_DAYS)).isoformat(
        timespec="microseconds")
    tokens = sa.table("api_tokens", sa.column("expires", sa.String))
    op.execute(tokens.update().where(tokens.c.expires.is_(None)).values(expires=expires))
