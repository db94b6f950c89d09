"""`troth marriage`: at the office console, consents given in person (a registrar attests),
the officiant solemnises and the certificate verifies; refusals exit 2 with the reason and
write nothing; either spouse petitions and the registrar decides."""

from __future__ import annotations

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


def troth(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TROTH_DATABASE_URL": db, "COLUMNS": "200", "TROTH_TODAY": TODAY}
    env.pop("TROTH_OPERATOR", None)
    return subprocess.run([sys.executable, "-m", "troth", *args], env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def office(db_url: str) -> Iterator[dict[str, Any]]:
    reg = build_registry(db_url, clock=FixedClock(date.fromisoformat(TODAY)),  # type: ignore[arg-type]
                         customs=Customs())
    p: dict[str, Any] = {
        "han": add(reg, "Han Solo", date(1965, 7, 13), "beta"),
        "leia": add(reg, "Leia Organa", date(1968, 6, 10), "beta"),
        "tekka": add(reg, "Lor San Tekka", date(1950, 3, 3), "beta"),
        "rey": add(reg, "Rey", date(2007, 3, 1), "omega"),
        "kid": add(reg, "Young Beta", date(2010, 1, 1), "beta"),
    }
    reg.queries.accounts.create("clerk", "x", None, [(Role.REGISTRAR, "")])  # type: ignore[attr-defined]
    reg.queries.accounts.create("maz", "x", None, [(Role.HANDLER, "")])  # type: ignore[attr-defined]
    p["reg"], p["db"] = reg, db_url
    yield p
    reg.close()


def test_a_marriage_at_the_office_from_consents_to_its_dissolution(office) -> None:
    db, p = office["db"], office
    first = troth(db, "marriage", "consent", str(p["leia"]), "--to", str(p["han"]),
                  "--attested-by", "clerk", "--on", "2026-05-01")
    assert first.returncode == 0 and "marriage #1" in first.stdout, first.stderr
    assert troth(db, "marriage", "consent", str(p["han"]), "--to", str(p["leia"]),
                 "--attested-by", "clerk", "--on", "2026-05-01").returncode == 0
    done = troth(db, "marriage", "solemnise", "1", "--officiant", str(p["tekka"]), "--witness",
                 "Luke Skywalker", "--on", "2026-05-02")
    assert done.returncode == 0, done.stderr
    code = done.stdout.strip().rsplit(" ", 1)[-1]
    assert troth(db, "marriage", "verify", code).returncode == 0
    assert troth(db, "marriage", "verify", "AAAA-BBBB-CCCC-DDDD").returncode == 1
    assert f"married to #{p['han']} since 2026-05-02" in troth(db, "person", "show",
                                                               str(p["leia"])).stdout
    shown = troth(db, "marriage", "show", "1")
    assert "Han Solo" in shown.stdout and "solemnised on 2026-05-02" in shown.stdout
    filed = troth(db, "marriage", "petition", "1", "--by", str(p["han"]), "--grounds",
                  "breakdown", "--attested-by", "clerk")
    assert filed.returncode == 0, filed.stderr
    assert troth(db, "marriage", "decide", "1", "--grant", "--reasons", "heard").returncode == 0
    assert "dissolved 2026-11-25" in troth(db, "marriage", "list", str(p["leia"])).stdout


@pytest.mark.parametrize("who,to,attester,rule", [
    ("han", "rey", "clerk", "both_betas"),
    ("han", "kid", "clerk", "both_adults"),
    ("han", "han", "clerk", "not_oneself"),
    ("han", "leia", "maz", "attested_by_registrar"),
])
def test_a_refused_consent_exits_2_with_the_reason_and_writes_nothing(
        office, who: str, to: str, attester: str, rule: str) -> None:
    before = ledger_count(office["reg"])
    r = troth(office["db"], "marriage", "consent", str(office[who]), "--to", str(office[to]),
              "--attested-by", attester)
    assert r.returncode == 2 and rule in r.stderr, r.stderr
    assert ledger_count(office["reg"]) == before


def test_a_consent_withdrawn_at_the_office_lets_the_notice_lapse(office) -> None:
    db, p = office["db"], office
    assert troth(db, "marriage", "consent", str(p["leia"]), "--to", str(p["han"]),
                 "--attested-by", "clerk").returncode == 0
    r = troth(db, "marriage", "withdraw", "1", "--by", str(p["han"]), "--attested-by", "clerk")
    assert r.returncode == 0 and "lapsed" in r.stdout, r.stderr
    assert "withdrawn" in troth(db, "marriage", "list", str(p["leia"])).stdout


def test_the_help_teaches_the_steps() -> None:
    r = subprocess.run([sys.executable, "-m", "troth", "marriage", "--help"],
                       capture_output=True, text=True, timeout=60,
                       env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 0
    for word in ("consent", "withdraw", "solemnise", "petition", "decide", "verify",
                 "Two adult Betas"):
        assert word in r.stdout, r.stdout
