"""Bring a database to the current schema with Alembic (created on first use)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

# The newest migration's revision; tests/store check it equals Alembic's head. Kept as a
# constant so that an up-to-date database is recognised without importing Alembic.
HEAD = "0020"

# Tables that only ever grow: the database refuses UPDATE and DELETE on them, and TRUNCATE on
# PostgreSQL (migrations 0001, 0002, 0007). A history table added later belongs here, with
# its triggers in its migration; tests/registry/test_history_append_only.py checks each.
HISTORY_TABLES = ("ledger", "ledger_subjects", "health_entries", "access_log")


def _config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "troth.store:migrations")
    return cfg


def alembic_head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def head_revision() -> str:
    return HEAD


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            return None if row is None else str(row[0])
    except DBAPIError:
        return None


def ensure_schema(engine: Engine) -> bool:
    """Upgrade to head if needed. Returns True when a migration ran."""
    if current_revision(engine) == head_revision():
        return False
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True
