"""Guardianship integrity and welfare decisions through the real `troth` command."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli_core import troth


def test_the_demo_verdict_flags_the_waiver_granted_after_the_threat(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert troth(db, "demo", "load", "--residents", "0", "--town", "0").returncode == 0
    v = json.loads(troth(db, "bonding", "verdict", "1", "--json").stdout)
    assert "waiver_after_threat" in [f["rule"] for f in v["findings"]]
    shown = json.loads(troth(db, "courtship", "show", "1", "--json").stdout)
    waiver = shown["courtship"]["waivers"][0]
    assert waiver["relations"][-1] == "the Omega's guardian" and len(waiver["granted_by_ids"]) == 3


def test_a_clerk_decides_a_review_and_reads_the_guardians_record(tmp_path: Path) -> None:
    db = tmp_path / "office.db"

    def add(name: str, born: str, designation: str, presented: str) -> str:
        pid = troth(db, "person", "add", "--name", name, "--born", born).stdout.strip()
        assert troth(db, "person", "present", pid, "--as", designation, "--on", presented
                     ).returncode == 0
        return pid

    rey = add("Rey", "2007-03-01", "omega", "2021-03-01")
    plutt = add("Unkar Plutt", "1968-02-03", "beta", "1982-05-01")
    jannah = add("Jannah", "2005-06-14", "omega", "2019-06-01")
    clerk = add("Clerk Vane", "1980-01-01", "beta", "1994-01-01")
    assert troth(db, "guardian", "appoint", "--ward", rey, "--guardian", plutt, "--court", "JFC",
                 "--order", "JFC-1", "--start", "2021-06-01").returncode == 0
    iid = troth(db, "incident", "report", "--kind", "payment_demand", "--by", rey, "--about",
                plutt, "--guardianship", "1", "--description", "asked to be paid",
                "--on", "2026-03-22").stdout.strip()
    refused = troth(db, "guardian", "appoint", "--ward", jannah, "--guardian", plutt, "--court",
                    "JFC", "--order", "JFC-2", "--start", "2026-04-01")
    assert refused.returncode == 2 and "court's reference" in refused.stderr
    r = troth(db, "incident", "decide", iid, "--outcome", "revoked", "--reasons", "proven",
              "--by", clerk, "--on", "2026-04-10")
    assert r.returncode == 0, r.stderr
    assert json.loads(troth(db, "incident", "queue", "--json").stdout) == []
    record = troth(db, "guardian", "record", plutt).stdout
    assert "Rey" in record and "decided revoked on 2026-04-10: proven" in record
