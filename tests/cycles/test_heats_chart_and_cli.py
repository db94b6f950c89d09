"""The calendar chart and the `troth heats` commands."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from typer.testing import CliRunner

from tests.cycles.histories import from_intervals, last
from troth.cli.heats import app
from troth.cycles import History, forecast, render_chart

runner = CliRunner()


def _write(tmp_path: Path, *, bonded: bool = True) -> Path:
    h = from_intervals([40] * 8, bond_after=-5 if bonded else None)
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"bond_date": h.bond_date.isoformat() if h.bond_date else None,
                                "heats": [{"start": x.start.isoformat()} for x in h.heats]}))
    return path


def test_the_chart_renders_as_png_and_svg_bytes() -> None:
    h = from_intervals([40] * 8, bond_after=-5)
    fc = forecast(h, last(h) + timedelta(days=12))
    assert render_chart(h, fc).startswith(b"\x89PNG")
    assert b"<svg" in render_chart(h, fc, fmt="svg")


def test_the_chart_draws_a_state_without_a_forecast_band() -> None:
    h = History()
    fc = forecast(h, last(from_intervals([1])))
    assert render_chart(h, fc, fmt="svg").count(b"<svg") == 1


def test_forecast_json_gives_the_intervals_and_probabilities(tmp_path: Path) -> None:
    res = runner.invoke(app, ["forecast", "--history", str(_write(tmp_path)), "--today",
                              "2024-10-01", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["state"] == "forecast" and data["regime"] == "bonded"
    assert data["interval_50"][0] >= data["interval_80"][0]
    assert 0 <= data["p_within_7"] <= data["p_within_30"] <= 1


def test_forecast_as_of_an_earlier_day_sets_later_records_aside(tmp_path: Path) -> None:
    res = runner.invoke(app, ["forecast", "--history", str(_write(tmp_path, bonded=False)),
                              "--today", "2024-01-20"])
    assert res.exit_code == 0 and "Not enough history" in res.stdout


def test_a_missing_history_file_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["forecast", "--history", str(tmp_path / "none.json")])
    assert res.exit_code == 2 and "cannot read" in res.output
    assert "Traceback" not in res.output


def test_plot_writes_a_png_calendar(tmp_path: Path) -> None:
    out = tmp_path / "calendar.png"
    res = runner.invoke(app, ["plot", "--history", str(_write(tmp_path)), "--today",
                              "2024-10-01", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_example_writes_a_history_the_forecast_command_reads(tmp_path: Path) -> None:
    out = tmp_path / "example.json"
    res = runner.invoke(app, ["example", "--out", str(out), "--seed", "3"])
    assert res.exit_code == 0, res.output
    today = res.stdout.split("--today")[1].split()[0]
    res = runner.invoke(app, ["forecast", "--history", str(out), "--today", today, "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["state"]
