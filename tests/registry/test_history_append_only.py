"""Every history table refuses UPDATE and DELETE, and on PostgreSQL TRUNCATE: the ledger, its
subject index, the private health entries and the access log (issue 14, item 10)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from tests.registry.helpers import add
from tests.store_access import reader, writer
from troth.domain import commands as c
from troth.domain.errors import Refused
from troth.registry.health import readable_file
from troth.store.repositories.health import health_entries
from troth.store.schema import HISTORY_TABLES


@pytest.fixture
def revoked(registry):
    """Rey shared her file with Ben, then revoked the share; one access-log line exists."""
    rey = add(registry, "Rey", date(2007, 3, 1), "omega")
    ben = add(registry, "Ben Solo", date(1999, 10, 25), "alpha")
    registry.execute(c.RecordHeat(rey, rey, date(2026, 8, 20)))
    registry.execute(c.ShareHealth(rey, ben, "partner"))
    registry.execute(c.ShareHealth(rey, ben, grant=False))
    registry.queries.accounts.log_access(None, "person.read", "person", rey, True, "test", 200)
    return rey, ben


def _revocation_id(registry) -> int:
    h = health_entries.c
    with reader(registry) as conn:
        return int(conn.execute(select(h.id).where(h.type == "share_revoked")).scalar_one())


def test_deleting_a_share_revocation_is_refused_and_the_share_stays_revoked(
        registry, revoked) -> None:
    rey, ben = revoked
    rid = _revocation_id(registry)
    with pytest.raises(DBAPIError, match="append-only"), writer(registry) as conn:
        conn.execute(text(f"DELETE FROM health_entries WHERE id = {rid}"))
    with pytest.raises(Refused):
        readable_file(registry.queries.health, rey, ben)


def test_editing_a_health_entry_is_refused(registry, revoked) -> None:
    rid = _revocation_id(registry)
    with pytest.raises(DBAPIError, match="append-only"), writer(registry) as conn:
        conn.execute(text(f"UPDATE health_entries SET type = 'share_granted' WHERE id = {rid}"))


@pytest.mark.parametrize("table", HISTORY_TABLES)
@pytest.mark.parametrize("statement", ["UPDATE {t} SET {col} = {col}", "DELETE FROM {t}"])
def test_every_history_table_refuses_updates_and_deletes(registry, revoked, table,
                                                         statement) -> None:
    col = {"ledger": "actor", "ledger_subjects": "seq", "health_entries": "salt",
           "access_log": "rule"}[table]
    with pytest.raises(DBAPIError, match="append-only"), writer(registry) as conn:
        conn.execute(text(statement.format(t=table, col=col)))


@pytest.mark.parametrize("table", HISTORY_TABLES)
def test_every_history_table_refuses_truncate_on_postgresql(registry, revoked, table) -> None:
    if registry.backend != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (a DELETE without WHERE is refused above)")
    with pytest.raises(DBAPIError, match="append-only"), writer(registry) as conn:
        conn.execute(text(f"TRUNCATE {table} CASCADE"))
    with reader(registry) as conn:
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() > 0


def test_truncating_the_access_log_is_refused_on_postgresql(registry, revoked) -> None:
    if registry.backend != "postgresql":
        pytest.skip("PostgreSQL only")
    with pytest.raises(DBAPIError, match="append-only"), writer(registry) as conn:
        conn.execute(text("TRUNCATE access_log"))


def test_the_access_logs_source_is_append_only_like_the_rest_of_the_row(registry,
                                                                         revoked) -> None:
    rey, _ = revoked
    registry.queries.accounts.log_access(None, "health.read", "health", rey, True, "test", 200,
                                         "cli heats list")
    for statement in ("UPDATE access_log SET source = 'page GET /'",
                      "DELETE FROM access_log WHERE source = 'cli heats list'"):
        with pytest.raises(DBAPIError, match="append-only"), writer(registry) as conn:
            conn.execute(text(statement))
    assert [e.source for e in registry.queries.accounts.reads_of(rey)] == ["cli heats list"]
