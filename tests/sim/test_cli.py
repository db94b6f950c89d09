"""`troth sim` on the command line: a summary, JSON, and one-line refusals."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from troth.cli.sim import app

runner = CliRunner()


def test_troth_sim_writes_the_log_and_prints_a_json_summary(tmp_path: Path) -> None:
    out = tmp_path / "town"
    result = runner.invoke(app, ["-n", "400", "-y", "1", "--seed", "3", "--out", str(out),
                                 "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{"):])
    assert summary["people"] == 400 and summary["counts"]["registered"] == 400
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["fingerprint"] == summary["fingerprint"]
    assert (out / "events" / "bonded" / "district-000.parquet").exists()


def test_troth_sim_prints_a_table_summary_by_default(tmp_path: Path) -> None:
    result = runner.invoke(app, ["-n", "200", "-y", "0.5", "--out", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert "heat_recorded" in result.stdout and "fingerprint" in result.stdout


def test_troth_sim_refuses_to_overwrite_an_earlier_run_without_overwrite(
        tmp_path: Path) -> None:
    args = ["-n", "100", "-y", "0.1", "--out", str(tmp_path)]
    assert runner.invoke(app, args).exit_code == 0
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2
    assert "already holds a simulation" in refused.output
    assert "Traceback" not in refused.output
    assert runner.invoke(app, [*args, "--overwrite"]).exit_code == 0


def test_troth_sim_refuses_a_bad_scenario_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[courtship]\ncustomary = 4\n")
    result = runner.invoke(app, ["-n", "100", "-y", "0.1", "--out", str(tmp_path / "o"),
                                 "--scenario", str(bad)])
    assert result.exit_code == 2
    assert "unknown key 'customary'" in result.output
