"""The real `troth` command, run as a user would, on an SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def troth(db: Path, *args: str, input: str | None = None
          ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TROTH_DATABASE_URL": str(db), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "troth", *args], env=env, capture_output=True,
                          text=True, timeout=60, input=input)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "office.db"


def test_a_clerk_registers_presents_and_appoints_and_reads_it_back(db: Path) -> None:
    rey = json.loads(troth(db, "person", "add", "--name", "Rey", "--born", "2007-03-01",
                           "--json").stdout)["id"]
    plutt = troth(db, "person", "add", "--name", "Unkar Plutt", "--born", "1970-02-03",
                  "--other-name", "work:Junker").stdout.strip()
    assert troth(db, "person", "present", str(rey), "--as", "omega", "--on", "2021-05-01"
                 ).returncode == 0
    assert troth(db, "person", "present", plutt, "--as", "beta", "--on", "1984-01-01"
                 ).returncode == 0
    r = troth(db, "guardian", "appoint", "--ward", str(rey), "--guardian", plutt, "--court",
              "Jakku Family Court", "--order", "JFC-118", "--start", "2015-01-01")
    assert r.returncode == 2 and "after the start date 2015-01-01" in r.stderr + r.stdout
    r = troth(db, "guardian", "appoint", "--ward", str(rey), "--guardian", plutt, "--court",
              "Jakku Family Court", "--order", "JFC-118", "--start", "2021-06-01")
    assert r.returncode == 0, r.stderr
    of = json.loads(troth(db, "guardian", "of", str(rey), "--on", "2022-01-01", "--json").stdout)
    assert of["guardianship"]["guardian_id"] == int(plutt)
    hist = troth(db, "history", str(rey)).stdout  # newest first: the appointment follows
    assert hist.index("appointed guardian") < hist.index("presented as Omega")
    found = json.loads(troth(db, "person", "list", "--name", "junk", "--json").stdout)
    assert [p["legal_name"] for p in found["items"]] == ["Unkar Plutt"]
    cp = troth(db, "ledger", "checkpoint").stdout.strip()
    assert cp.startswith("troth-ledger:5:")
    assert troth(db, "ledger", "verify", "--checkpoint", cp).returncode == 0


@pytest.mark.parametrize(("args", "message"), [
    (["person", "add", "--name", "X", "--born", "2001-02-30"], "not a real date"),
    (["person", "add", "--name", "X", "--born", "2001-01-01", "--gives", "1,a", "--draws", "1,2"],
     "not a comma-separated list"),
    (["person", "present", "77", "--as", "omega", "--on", "2020-01-01"], "no person #77"),
    (["guardian", "appoint", "--ward", "1", "--guardian", "1", "--court", "C", "--order", "o",
      "--start", "2020-01-01"], "own guardian"),
])
def test_bad_input_exits_2_with_a_message_and_writes_nothing(db: Path, args: list[str],
                                                             message: str) -> None:
    troth(db, "person", "add", "--name", "Someone", "--born", "2000-01-01")
    before = troth(db, "ledger", "checkpoint").stdout
    r = troth(db, *args)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr
    assert troth(db, "ledger", "checkpoint").stdout == before


def test_verify_reports_a_tampered_ledger_with_exit_1(db: Path) -> None:
    import sqlite3

    troth(db, "person", "add", "--name", "Someone", "--born", "2000-01-01")
    cp = troth(db, "ledger", "checkpoint").stdout.strip()
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER ledger_no_update")
    con.execute("UPDATE ledger SET data = replace(data, 'Someone', 'Another')")
    con.commit()
    con.close()
    r = troth(db, "ledger", "verify", "--checkpoint", cp)
    assert r.returncode == 1 and "edited" in r.stdout


def test_names_are_printed_as_written_not_as_markup_or_emoji(db: Path) -> None:
    """Rich reads '[i]' as markup and ':smile:' as an emoji unless told not to; a registry
    prints names as they were registered, in every listing."""
    pid = troth(db, "person", "add", "--name", "Ada :smile: [i]Lee[/i]", "--born",
                "1990-01-01", "--other-name", "work:[bold]:cat:").stdout.strip()
    shown = troth(db, "person", "show", pid).stdout
    assert "Ada :smile: [i]Lee[/i]" in shown and "work name: [bold]:cat:" in shown, shown
    listed = troth(db, "person", "list", "--json").stdout
    assert "[i]Lee[/i]" in listed
    table = troth(db, "person", "list").stdout
    assert "[i]Lee[/i]" in table and "[bold]:cat:" in table, table
    assert "[i]Lee[/i]" in troth(db, "history", pid).stdout
