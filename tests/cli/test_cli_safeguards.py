"""Safeguards at the CLI seam (issue 14): every health read names its reader, every verdict
carries every finding, dates out of range are refused in one line (never a traceback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from tests.conftest import FixedClock

from troth.bootstrap import build_registry
from troth.domain import commands as c
from troth.domain.customs import Customs

TODAY = "2026-11-25"


def troth(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TROTH_DATABASE_URL": str(db), "COLUMNS": "200",
           "TROTH_TODAY": TODAY}
    return subprocess.run([sys.executable, "-m", "troth", *args], env=env, capture_output=True,
                          text=True, timeout=60)


def _person(reg: object, name: str, born: date, designation: str,
            parents: tuple[int, ...] = ()) -> int:
    pid: int = reg.execute(c.RegisterPerson(name, born, parents=parents))  # type: ignore[attr-defined]
    reg.execute(c.RecordPresentation(pid, designation, date(born.year + 14, 6, 1)))  # type: ignore[attr-defined]
    return pid


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """An office database: Ben and Rey courting, two of the eight Visits held, no bonding
    consents yet; Rey has a heat on record."""
    db = tmp_path / "office.db"
    reg = build_registry(str(db), clock=FixedClock(date.fromisoformat(TODAY)),  # type: ignore[arg-type]
                         customs=Customs())
    p = {"ben": _person(reg, "Ben Solo", date(1999, 10, 25), "alpha"),
         "rey": _person(reg, "Rey", date(2006, 3, 1), "omega"),
         "maz": _person(reg, "Maz Kanata", date(1950, 1, 1), "beta"),
         "ada": _person(reg, "Ada Wren", date(1972, 11, 2), "beta")}
    court = reg.execute(c.ProposeIntroduction(p["ben"], p["rey"], None, date(2026, 11, 1)))
    reg.execute(c.RecordConsent(court, p["rey"], True, date(2026, 11, 2)))
    for day in (5, 12):
        v = reg.execute(c.ScheduleVisit(court, "tea", datetime(2026, 11, day, 15), "the yard",
                                        True, (p["maz"],)))
        reg.execute(c.RecordVisitHeld(v, (p["maz"],)))
    p["court"] = court
    p["heat"] = reg.execute(c.RecordHeat(p["rey"], p["rey"], date(2026, 8, 20),
                                         date(2026, 8, 24)))
    reg.close()
    return db, p


def test_a_health_read_without_as_is_refused_and_names_who_must_read(office) -> None:
    db, p = office
    for args in (["heats", "list", str(p["rey"])], ["heats", "forecast", str(p["rey"])]):
        r = troth(db, *args)
        assert r.returncode == 2, (args, r.stdout)
        assert "--as" in r.stderr and "Traceback" not in r.stderr
        assert "2026-08-20" not in r.stdout
    mine = troth(db, "heats", "list", str(p["rey"]), "--as", str(p["rey"]), "--json")
    assert mine.returncode == 0 and json.loads(mine.stdout)["heats"][0]["start"] == "2026-08-20"
    other = troth(db, "heats", "list", str(p["rey"]), "--as", str(p["maz"]))
    assert other.returncode == 2 and "2026-08-20" not in other.stdout


def test_bonding_verdict_before_the_ceremony_names_the_waiver_as_well_as_the_consents(
        office) -> None:
    db, p = office
    r = troth(db, "bonding", "verdict", str(p["court"]), "--json")
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert found["outcome"] == "refused"
    rules = {f["rule"]: f["reason"] for f in found["findings"]}
    assert {"omega_consent", "alpha_consent", "min_visits_before_bonding"} <= set(rules)
    assert rules["min_visits_before_bonding"] == (
        "2 of the 8 customary Visits have been held; a bonding now needs a recorded waiver")
    text = troth(db, "bonding", "verdict", str(p["court"])).stdout
    assert "2 of the 8 customary Visits have been held" in text


def test_time_out_of_range_or_out_of_order_is_refused_in_one_line(office) -> None:
    db, p = office
    court = str(p["court"])
    r = troth(db, "visit", "schedule", "--courtship", court, "--kind", "tea",
              "--at", "9999-12-31T23:59", "--place", "the yard", "--handler", str(p["maz"]))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "outside the dates the registry keeps" in r.stderr
    r = troth(db, "person", "add", "--name", "Ancient", "--born", "0001-01-01")
    assert r.returncode == 2 and "1900-01-01" in r.stderr and "Traceback" not in r.stderr
    r = troth(db, "heats", "record", str(p["rey"]), "--by", str(p["rey"]), "--start",
              "2026-09-20", "--end", "9999-12-31")
    assert r.returncode == 2 and "outside the dates" in r.stderr
    ahead = troth(db, "visit", "schedule", "--courtship", court, "--kind", "tea", "--at",
                  "2026-12-01T15:00", "--place", "the yard", "--handler", str(p["maz"]))
    assert ahead.returncode == 0, ahead.stderr
    r = troth(db, "visit", "held", ahead.stdout.strip(), "--handler", str(p["maz"]))
    assert r.returncode == 2 and "once it has started" in r.stderr


def test_scheduling_a_visit_without_a_handler_says_so_at_once(office) -> None:
    db, p = office
    r = troth(db, "visit", "schedule", "--courtship", str(p["court"]), "--kind", "tea",
              "--at", "2026-11-26T15:00", "--place", "the yard")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().isdigit()
    assert "needs 1 handler(s) by custom and 0 are assigned" in r.stderr
    r = troth(db, "visit", "schedule", "--courtship", str(p["court"]), "--kind", "walk",
              "--at", "2026-11-27T15:00", "--place", "the park", "--json")
    assert [n["rule"] for n in json.loads(r.stdout)["notes"]] == ["handlers_per_visit"]
