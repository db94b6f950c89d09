"""The CLI is the office's operator console (issue 14): every health read or write names its
actor and is written to the access log with the command it came from and the operator's
account (TROTH_OPERATOR); the ledger records the writes as done by that account."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from tests.conftest import FixedClock
from tests.registry.helpers import add
from tests.store_access import reader

from troth.bootstrap import build_registry
from troth.domain import commands as c
from troth.domain.customs import Customs
from troth.domain.policy import Role

TODAY = "2026-11-25"


def troth(db: str, *args: str, operator: str | None = "clerk"
          ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TROTH_DATABASE_URL": db, "COLUMNS": "200", "TROTH_TODAY": TODAY}
    env.pop("TROTH_OPERATOR", None)
    if operator is not None:
        env["TROTH_OPERATOR"] = operator
    return subprocess.run([sys.executable, "-m", "troth", *args], env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def office(db_url: str) -> dict[str, Any]:
    """Rey (an Omega) with a heat on record, Maz (a stranger), and the operator's account."""
    reg = build_registry(db_url, clock=FixedClock(date.fromisoformat(TODAY)),  # type: ignore[arg-type]
                         customs=Customs())
    p: dict[str, Any] = {"rey": add(reg, "Rey", date(2006, 3, 1), "omega"),
                         "maz": add(reg, "Maz Kanata", date(1950, 1, 1), "beta")}
    p["heat"] = reg.execute(c.RecordHeat(p["rey"], p["rey"], date(2026, 8, 20)))
    p["clerk"] = reg.queries.accounts.create("clerk", "x", None,  # type: ignore[attr-defined]
                                             [(Role.REGISTRAR, "")])
    p["reg"], p["db"] = reg, db_url
    yield p
    reg.close()


def _log(office: dict[str, Any]) -> list[Any]:
    return office["reg"].queries.accounts.reads_of(office["rey"])


def test_a_cli_heats_read_is_logged_with_its_command_and_the_operators_account(
        office, tmp_path) -> None:
    db, rey = office["db"], str(office["rey"])
    r = troth(db, "heats", "list", rey, "--as", rey)
    assert r.returncode == 0, r.stderr
    [entry] = _log(office)
    assert (entry.action, entry.allowed, entry.source) == ("health.read", True,
                                                           "cli heats list")
    assert entry.account_id == office["clerk"] and entry.object_id == office["rey"]
    for cmd in ("forecast", "plot"):
        extra = ["--out", str(tmp_path / "rey.svg")] if cmd == "plot" else []
        assert troth(db, "heats", cmd, rey, "--as", rey, *extra).returncode == 0
    sources = [e.source for e in _log(office)]
    assert {"cli heats forecast", "cli heats plot"} <= set(sources)


def test_a_refused_cli_read_is_logged_as_a_denial(office) -> None:
    db, rey = office["db"], str(office["rey"])
    r = troth(db, "heats", "list", rey, "--as", str(office["maz"]))
    assert r.returncode == 2 and "2026-08-20" not in r.stdout
    [entry] = _log(office)
    assert (entry.allowed, entry.rule, entry.source) == (False, "deny:health.read",
                                                         "cli heats list")


def test_without_an_operator_the_log_says_so_and_names_no_account(office) -> None:
    db, rey = office["db"], str(office["rey"])
    assert troth(db, "heats", "list", rey, "--as", rey, operator=None).returncode == 0
    [entry] = _log(office)
    assert entry.account_id is None
    assert entry.source == "cli heats list (no operator named)"


def test_an_unknown_operator_is_refused_before_anything_is_read(office) -> None:
    db, rey = office["db"], str(office["rey"])
    r = troth(db, "heats", "list", rey, "--as", rey, operator="nobody")
    assert r.returncode == 2 and "TROTH_OPERATOR" in r.stderr
    assert "2026-08-20" not in r.stdout and _log(office) == []


def test_cli_health_writes_are_logged_and_attested_by_the_operators_account(office) -> None:
    db, rey, heat = office["db"], str(office["rey"]), str(office["heat"])
    assert troth(db, "heats", "record", rey, "--by", rey, "--start", "2026-09-20"
                 ).returncode == 0
    assert troth(db, "heats", "exclude", heat, "--by", rey, "--reason", "ill").returncode == 0
    refused = troth(db, "heats", "share", rey, "--with", str(office["maz"]))
    assert refused.returncode == 2 and "--as" in refused.stderr
    shared = troth(db, "heats", "share", rey, "--with", str(office["maz"]), "--as", rey)
    assert shared.returncode == 0, shared.stderr
    entries = {(e.source, e.action, e.allowed) for e in _log(office)}
    assert {("cli heats record", "health.write", True),
            ("cli heats exclude", "health.write", True),
            ("cli heats share", "health.share", True)} <= entries
    assert all(e.account_id == office["clerk"] for e in _log(office))
    with reader(office["reg"]) as conn:
        actors = [r[0] for r in conn.exec_driver_sql("SELECT actor FROM ledger ORDER BY seq")]
    assert actors[-3:] == [f"account:{office['clerk']}"] * 3


def test_a_stranger_cannot_write_her_record_and_the_attempt_is_logged(office) -> None:
    db, maz = office["db"], str(office["maz"])
    r = troth(db, "heats", "record", str(office["rey"]), "--by", maz, "--start", "2026-09-20")
    assert r.returncode == 2
    [entry] = _log(office)
    assert (entry.action, entry.allowed, entry.source) == ("health.write", False,
                                                           "cli heats record")


def test_a_forecast_on_the_registry_is_made_as_of_the_registry_s_today(office) -> None:
    """Without --today, a forecast for a person in the registry is made as of the registry's
    today (TROTH_TODAY here), not the machine's clock."""
    db, rey = office["db"], str(office["rey"])
    for start in (date(2026, 6, 21), date(2026, 7, 21), date(2026, 9, 19), date(2026, 10, 20)):
        office["reg"].execute(c.RecordHeat(office["rey"], office["rey"], start))
    implicit = troth(db, "heats", "forecast", rey, "--as", rey)
    explicit = troth(db, "heats", "forecast", rey, "--as", rey, "--today", TODAY)
    machine = troth(db, "heats", "forecast", rey, "--as", rey, "--today",
                    date.today().isoformat())
    assert implicit.returncode == explicit.returncode == 0, implicit.stderr
    assert implicit.stdout == explicit.stdout
    assert machine.stdout != explicit.stdout, "the dates chosen must give different forecasts"
