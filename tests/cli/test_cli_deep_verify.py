"""`troth ledger verify --deep` (issue 14): a person's name or birth date changed in the state
table behind the registry's back keeps the chain intact — plain `verify` passes — but the
deep check exits 1 naming the row and column. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from tests.registry.helpers import add
from tests.store_access import writer


def troth(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TROTH_DATABASE_URL": url, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "troth", *args], env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def rey(registry: Any) -> int:
    add(registry, "Ben Solo", date(1999, 10, 25), "alpha")
    return add(registry, "Rey", date(2000, 3, 1), "omega")


@pytest.mark.parametrize(("column", "value", "shown"), [
    ("legal_name", "'Rey Palpatine'", "Rey Palpatine"),
    ("born", "'2012-03-01'", "2012-03-01"),  # a minor now, in the table people are shown
])
def test_an_edited_person_passes_the_chain_check_but_not_the_deep_one(
        registry: Any, db_url: str, rey: int, column: str, value: str, shown: str) -> None:
    with writer(registry) as conn:
        conn.execute(text(f"UPDATE people SET {column} = {value} WHERE id = {rey}"))
    assert troth(db_url, "ledger", "verify").returncode == 0  # the chain is intact
    r = troth(db_url, "ledger", "verify", "--deep")
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"people/{rey}/{column}" in r.stdout and shown in r.stdout
    found = json.loads(troth(db_url, "ledger", "verify", "--deep", "--json").stdout)["deep"]
    assert [(d["where"], d["found"]) for d in found["differences"]] == [
        (f"people/{rey}/{column}", shown)]


def test_an_untouched_registry_passes_the_deep_check_with_a_summary(
        db_url: str, rey: int) -> None:
    r = troth(db_url, "ledger", "verify", "--deep")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "deep check passed" in r.stdout and "4 entries replayed" in r.stdout
    assert "out of its reach" in r.stdout and "sessions" in r.stdout


def test_an_edited_row_in_a_table_the_command_never_imported_is_found(
        registry: Any, db_url: str) -> None:
    """The deep check compares every derived table, not only those whose modules the CLI
    process happened to import before it ran (the matchmaking tables are imported by no
    module `troth ledger verify` needs)."""
    from troth.domain.matchmaking import SetMatchmakingOptIn
    from troth.domain.people import Scent

    rey = add(registry, "Rey", date(2000, 3, 1), "omega", scent=Scent((0.6, 0.8), (0.8, 0.6)))
    registry.execute(SetMatchmakingOptIn(rey, True, date(2026, 1, 5)), actor=rey)
    with writer(registry) as conn:
        conn.execute(text(f"UPDATE matchmaking_opt_ins SET opted_in = {_false(db_url)}"
                          f" WHERE person_id = {rey}"))
    r = troth(db_url, "ledger", "verify", "--deep")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "matchmaking_opt_ins/" in r.stdout and "opted_in" in r.stdout


def _false(url: str) -> str:
    return "false" if url.startswith("postgres") else "0"
