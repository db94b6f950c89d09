"""`troth correction`: the registrar at the console (TROTH_OPERATOR) requests; a different
registrar approves or rejects; the same account is refused with exit 2 and a reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from tests.conftest import FixedClock
from tests.registry.helpers import add, ledger_count

from troth.bootstrap import build_registry
from troth.domain.customs import Customs
from troth.domain.policy import Role

TODAY = "2026-11-25"


def troth(db: str, *args: str, operator: str | None = "maker"
          ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TROTH_DATABASE_URL": db, "COLUMNS": "200", "TROTH_TODAY": TODAY}
    env.pop("TROTH_OPERATOR", None)
    if operator is not None:
        env["TROTH_OPERATOR"] = operator
    return subprocess.run([sys.executable, "-m", "troth", *args], env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def office(db_url: str) -> Iterator[dict[str, Any]]:
    reg = build_registry(db_url, clock=FixedClock(date.fromisoformat(TODAY)),  # type: ignore[arg-type]
                         customs=Customs())
    p: dict[str, Any] = {"rey": add(reg, "Ray", date(2006, 3, 1), "omega")}
    for name in ("maker", "checker"):
        p[name] = reg.queries.accounts.create(name, "x", None,  # type: ignore[attr-defined]
                                              [(Role.REGISTRAR, "")])
    p["reg"], p["db"] = reg, db_url
    yield p
    reg.close()


def test_the_same_operator_cannot_approve_its_own_request_and_another_can(office) -> None:
    db, rey = office["db"], office["rey"]
    made = troth(db, "correction", "request", str(rey), "legal_name", "Rey", "--evidence",
                 "birth certificate B-7", "--json")
    assert made.returncode == 0, made.stderr
    cid = json.loads(made.stdout)["id"]
    before = ledger_count(office["reg"])
    own = troth(db, "correction", "approve", str(cid))
    assert own.returncode == 2 and "a different registrar" in own.stderr
    assert "maker_checker" in own.stderr and ledger_count(office["reg"]) == before
    other = troth(db, "correction", "approve", str(cid), "--reason", "seen",
                  operator="checker")
    assert other.returncode == 0, other.stderr
    assert office["reg"].queries.people.person(rey).legal_name == "Rey"
    listed = troth(db, "correction", "list", "--state", "approved", "--json")
    assert [x["id"] for x in json.loads(listed.stdout)] == [cid]
    history = troth(db, "history", str(rey))
    assert "Legal name of Rey (#1) corrected from Ray to Rey on 2026-11-25" in history.stdout


def test_without_an_operator_or_evidence_nothing_is_requested(office) -> None:
    db, rey = office["db"], office["rey"]
    before = ledger_count(office["reg"])
    nobody = troth(db, "correction", "request", str(rey), "born", "2006-03-02", "--evidence",
                   "x", operator=None)
    assert nobody.returncode == 2 and "TROTH_OPERATOR" in nobody.stderr
    empty = troth(db, "correction", "request", str(rey), "born", "2006-03-02", "--evidence",
                  " ")
    assert empty.returncode == 2 and "evidence" in empty.stderr
    court = troth(db, "correction", "request", str(rey), "designation", "beta", "--evidence",
                  "slip")
    assert court.returncode == 2 and "court order" in court.stderr
    assert ledger_count(office["reg"]) == before


def test_reject_needs_a_reason_and_as_of_shows_both_views(office) -> None:
    db, rey = office["db"], office["rey"]
    made = troth(db, "correction", "request", str(rey), "district", "Jakku", "--evidence",
                 "lease", "--json")
    cid = json.loads(made.stdout)["id"]
    assert troth(db, "correction", "reject", str(cid), operator="checker").returncode == 2
    done = troth(db, "correction", "reject", str(cid), "--reason", "old lease",
                 operator="checker")
    assert done.returncode == 0, done.stderr
    then = troth(db, "person", "show", str(rey), "--as-of", "2021-01-01", "--json")
    today = troth(db, "person", "show", str(rey), "--as-of", "2021-01-01", "--known", "today",
                  "--json")
    assert json.loads(then.stdout)["exists"] is False  # recorded only in 2026
    assert json.loads(today.stdout)["designation"] == "omega"
    assert troth(db, "correction", "--help").stdout.count("different registrar") >= 1
