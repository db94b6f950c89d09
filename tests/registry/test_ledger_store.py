"""The database refuses edits to the ledger; edits made behind its back are detected."""

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.registry.helpers import add
from tests.store_access import writer
from troth.domain.ledger import Checkpoint
from troth.store.schema import HEAD, alembic_head


def populate(reg) -> None:
    for i in range(5):
        add(reg, f"Person {i}", date(1990, 1, 1 + i), "beta")


@pytest.mark.parametrize("statement", ["UPDATE ledger SET actor = 'x' WHERE seq = 2",
                                       "DELETE FROM ledger WHERE seq = 2"])
def test_the_database_refuses_to_change_ledger_rows(registry, statement) -> None:
    populate(registry)
    with pytest.raises(DBAPIError, match="append-only"), writer(registry) as conn:
        conn.execute(text(statement))
    assert registry.queries.people.verify().ok


def _drop_guards(conn, dialect: str) -> None:
    if dialect == "sqlite":
        conn.execute(text("DROP TRIGGER ledger_no_update"))
        conn.execute(text("DROP TRIGGER ledger_no_delete"))
    else:
        conn.execute(text("DROP TRIGGER ledger_no_change ON ledger"))
        conn.execute(text("DROP TRIGGER ledger_no_truncate ON ledger"))


@pytest.mark.parametrize(("tamper", "needs_checkpoint"), [
    ("UPDATE ledger SET data = replace(data, 'Person 2', 'Person X') WHERE seq = 5", False),
    ("DELETE FROM ledger WHERE seq = 3", False),
    ("DELETE FROM ledger WHERE seq >= 9", True),
])
def test_tampering_behind_the_triggers_back_is_detected(registry, tamper, needs_checkpoint) -> None:
    populate(registry)
    kept = registry.queries.people.checkpoint()
    with writer(registry) as conn:
        _drop_guards(conn, registry.backend)
        conn.execute(text(tamper))
    assert registry.queries.people.verify(kept).ok is False
    assert registry.queries.people.verify().ok is needs_checkpoint


def test_a_checkpoint_round_trips_through_its_printed_form(registry) -> None:
    populate(registry)
    cp = registry.queries.people.checkpoint()
    assert Checkpoint.parse(str(cp)) == cp and cp.count == 10


def test_the_schema_head_constant_matches_the_migrations() -> None:
    assert alembic_head() == HEAD
