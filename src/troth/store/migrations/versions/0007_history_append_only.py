"""Every history table refuses UPDATE and DELETE, and on PostgreSQL TRUNCATE (issue 14).

0001 guarded the ledger (all three) and 0002 the access log (UPDATE and DELETE only). This
adds the ledger's subject index, the private health entries (deleting a share revocation
re-opened a revoked share) and TRUNCATE on the access log. The list is
troth.store.schema.HISTORY_TABLES; docs/security.md ("The registry checks itself") names
each table and its guards.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"

MESSAGES = {
    "ledger_subjects": "the ledger subject index is append-only: rows are never updated"
                       " or deleted",
    "health_entries": "health entries are append-only: an entry is corrected or revoked by a"
                      " new entry, never updated or deleted",
}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, message in MESSAGES.items():
        if sqlite:
            for action in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
                )
            continue
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
        _no_truncate(table)
    if not sqlite:  # 0002 left TRUNCATE open on the access log
        _no_truncate("access_log")


def _no_truncate(table: str) -> None:
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
    )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in MESSAGES:
        if sqlite:
            op.execute(f"DROP TRIGGER {table}_no_update")
            op.execute(f"DROP TRIGGER {table}_no_delete")
            continue
        op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute(f"DROP TRIGGER {table}_no_change ON {table}")
        op.execute(f"DROP FUNCTION {table}_append_only()")
    if not sqlite:
        op.execute("DROP TRIGGER access_log_no_truncate ON access_log")
