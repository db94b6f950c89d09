"""`troth roster generate | plan | show` end to end, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from troth.cli.roster import app

runner = CliRunner()


def test_generate_plan_and_show_a_small_week(tmp_path: Path) -> None:
    made = runner.invoke(app, ["generate", "--requests", "40", "--handlers", "5",
                               "--out-dir", str(tmp_path)])
    assert made.exit_code == 0, made.output
    roster = tmp_path / "roster.json"
    planned = runner.invoke(app, [
        "plan", "--requests", str(tmp_path / "requests.json"),
        "--handlers", str(tmp_path / "handlers.json"), "--week", "2026-W49",
        "--district", "Riverside", "--seconds", "1", "--out", str(roster)])
    assert planned.exit_code == 0, planned.output
    data = json.loads(roster.read_text())
    assert data["district"] == "Riverside"
    assert len(data["placements"]) + len(data["unplaced"]) == 40
    shown = runner.invoke(app, ["show", str(roster), "--limit", "5"])
    assert shown.exit_code == 0 and "Unplaced requests" in shown.output
    as_json = runner.invoke(app, ["show", str(roster), "--json"])
    assert json.loads(as_json.output)["summary"]["placed"] == len(data["placements"])


def test_a_malformed_week_is_a_one_line_error_with_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text('{"requests": []}')
    (tmp_path / "h.json").write_text('{"handlers": []}')
    result = runner.invoke(app, ["plan", "--requests", str(tmp_path / "r.json"), "--handlers",
                                 str(tmp_path / "h.json"), "--week", "49",
                                 "--out", str(tmp_path / "o.json")])
    assert result.exit_code == 2
    assert "not an ISO week" in result.output


def test_a_missing_roster_file_is_reported_not_raised(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(tmp_path / "none.json")])
    assert result.exit_code == 2 and "cannot read" in result.output
