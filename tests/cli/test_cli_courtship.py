"""The courtship commands, run as a registry clerk would, on the demo world."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli_core import troth


def test_the_demo_story_is_on_record_and_its_certificate_verifies(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert troth(db, "demo", "load", "--residents", "5", "--town", "0").returncode == 0
    shown = json.loads(troth(db, "courtship", "show", "1", "--json").stdout)
    assert shown["courtship"]["status"] == "bonded"
    assert [v["status"] for v in shown["courtship"]["visits"]] == ["missed", "held", "held"]
    queue = json.loads(troth(db, "incident", "queue", "--json").stdout)
    assert {"force_against_ward", "assault", "payment_demand"} <= {i["kind"] for i in queue}
    history = troth(db, "history", "6").stdout
    code = history.split("certificate ")[1].split()[0]
    assert troth(db, "certificate", "verify", code).returncode == 0
    assert troth(db, "certificate", "verify", code[:-1] + "Z").returncode == 1
    pdf = tmp_path / "cert.pdf"
    assert troth(db, "certificate", "pdf", "1", "--out", str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_refused_bonding_says_why_and_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    troth(db, "demo", "load", "--residents", "0", "--town", "0")
    r = troth(db, "courtship", "waive", "1", "--custom", "age_of_majority", "--by", "registrar",
              "--reason", "please")
    assert r.returncode == 2 and "safeguards are never waived" in r.stderr


def test_on_the_cli_a_finding_is_released_only_by_her_in_person_attested(
        tmp_path: Path) -> None:
    """Reproduced first: `--finding-consent-by <the Alpha>` attached a finding about the
    Omega. The demo: Ben #4, Rey #6, bond #1; her physician's finding is health entry #2."""
    db = tmp_path / "office.db"
    troth(db, "demo", "load", "--residents", "0", "--town", "0")
    base = ("annulment", "petition", "--bond", "1", "--by", "4", "--grounds", "no_heats",
            "--finding", "2")
    alpha = troth(db, *base, "--finding-consent-by", "4", "--attested-by", "clerk")
    assert alpha.returncode == 2 and "release of the person" in alpha.stderr
    unattested = troth(db, *base, "--finding-consent-by", "6")
    assert unattested.returncode != 0 and "attested" in unattested.stderr
    hers = troth(db, *base, "--finding-consent-by", "6", "--attested-by", "clerk", "--json")
    assert hers.returncode == 0, hers.stderr
    pid = json.loads(hers.stdout)["id"]
    withdrawn = troth(db, "annulment", "release", "--petition", str(pid), "--finding", "2",
                      "--by", "6", "--attested-by", "clerk", "--withdraw")
    assert withdrawn.returncode == 0, withdrawn.stderr
    invite = troth(db, "user", "invite", "5", "--role", "guardian", "--json")
    code = json.loads(invite.stdout)["code"]
    enrol = troth(db, "user", "enrol", "han2", "--code", code, "--attested-by", "clerk",
                  "--password-stdin", input="a long passphrase here\n")
    assert enrol.returncode == 0, enrol.stderr
