"""`troth person add` refuses a likely duplicate (exit 2, the candidate, p and why) and
registers it with --not-duplicate-of N --reason; `troth people duplicates` lists pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli.test_cli_core import troth


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "office.db"


def test_a_second_rey_is_refused_then_registered_with_the_reason(db: Path) -> None:
    assert troth(db, "person", "add", "--name", "Rey", "--born", "2007-03-01",
                 "--district", "Jakku").stdout.strip() == "1"
    again = troth(db, "person", "add", "--name", "Rey", "--born", "2007-03-01",
                  "--district", "Jakku")
    assert again.returncode == 2
    assert "possible duplicate of #1 (p=1.00: same birth date" in again.stderr
    swapped = troth(db, "person", "add", "--name", "REY", "--born", "2007-01-03")
    assert swapped.returncode == 2 and "birth day and month swapped" in swapped.stderr
    no_reason = troth(db, "person", "add", "--name", "Rey", "--born", "2007-03-01",
                      "--not-duplicate-of", "1")
    assert no_reason.returncode == 2 and "reason" in no_reason.stderr
    ok = troth(db, "person", "add", "--name", "Rey", "--born", "2007-03-01",
               "--not-duplicate-of", "1", "--reason", "another Rey, mother seen", "--json")
    assert ok.returncode == 0, ok.stderr
    pid = json.loads(ok.stdout)["id"]
    assert pid == 2
    listed = json.loads(troth(db, "people", "duplicates", "--min-p", "0.5", "--json").stdout)
    assert listed == {"pairs": [], "total": 0}  # the declared pair is left out
    history = troth(db, "history", "2", "--json")
    assert history.returncode == 0


def test_people_duplicates_lists_no_pairs_in_plain_words(db: Path) -> None:
    troth(db, "person", "add", "--name", "Finn", "--born", "2005-01-01")
    out = troth(db, "people", "duplicates")
    assert out.returncode == 0 and "No likely duplicates" in out.stdout
