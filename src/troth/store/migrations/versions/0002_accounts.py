"""Accounts, roles, sessions, API tokens, login attempts and the access log.

Secrets are never stored: sessions and API tokens are kept as SHA-256 digests of
≥128-bit random tokens, passwords as argon2 hashes. The access log holds ids, actions
and rule names only — no personal data — and, like the ledger, refuses UPDATE and DELETE.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

APPEND_ONLY = "the access log is append-only: entries are never updated or deleted"
STAMP = 32  # an ISO-8601 UTC timestamp, e.g. 2026-11-25T09:00:00.000000+00:00


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id")),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created", sa.String(STAMP), nullable=False),
    )
    op.create_index("ix_accounts_person", "accounts", ["person_id"])
    op.create_table(
        "account_roles",
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), primary_key=True),
        sa.Column("role", sa.String(20), primary_key=True),
        sa.Column("scope", sa.String(100), primary_key=True),
    )
    _tokens("sessions", [sa.Column("expires", sa.String(STAMP), nullable=False)])
    _tokens("api_tokens", [sa.Column("name", sa.String(100), nullable=False),
                           sa.Column("expires", sa.String(STAMP))])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("at", sa.String(STAMP), nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
    )
    op.create_index("ix_login_attempts_key_at", "login_attempts", ["key_hash", "at"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.String(STAMP), nullable=False),
        sa.Column("account_id", sa.Integer),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("object_type", sa.String(40), nullable=False),
        sa.Column("object_id", sa.Integer),
        sa.Column("allowed", sa.Boolean, nullable=False),
        sa.Column("rule", sa.String(80), nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
    )
    op.create_index("ix_access_log_account", "access_log", ["account_id"])
    op.create_index("ix_access_log_object", "access_log", ["object_type", "object_id"])
    _append_only("access_log")


def _tokens(name: str, extra: list[sa.Column]) -> None:  # type: ignore[type-arg]
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=False),
        sa.Column("created", sa.String(STAMP), nullable=False),
        sa.Column("revoked", sa.String(STAMP)),
        *extra,
    )
    op.create_index(f"ix_{name}_account", name, ["account_id"])


def _append_only(table: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
        return
    op.execute(
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )
