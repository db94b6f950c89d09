"""`troth handler add`, `troth roster request | plan | show | accept` on the registry."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.registry.helpers import add
from tests.schedule.registry_world import WEEK, Office
from troth.cli import handler as handler_cli
from troth.cli import roster as roster_cli
from troth.cli import roster_registry

runner = CliRunner()


@pytest.fixture
def office(registry: Any, monkeypatch: pytest.MonkeyPatch) -> Office:
    for module in (handler_cli, roster_cli, roster_registry):
        monkeypatch.setattr(module, "registry", lambda: registry)
    return Office(registry)


def test_a_registrar_requests_plans_shows_and_accepts_a_week(office: Office) -> None:
    cid = office.courtship(1)
    person = add(office.reg, "Handler", date(1980, 1, 1), "beta")
    office.residence(person, km_north=1)
    made = runner.invoke(handler_cli.app, ["add", "--person", str(person), "--cap", "4",
                                           "--available", "2026-12-01T17:00/23:30", "--json"])
    assert made.exit_code == 0, made.output
    asked = runner.invoke(roster_cli.app, ["request", "--courtship", str(cid), "--kind", "tea",
                                           "--window", "2026-12-01T18:00/19:30", "--json"])
    assert asked.exit_code == 0, asked.output
    planned = runner.invoke(roster_cli.app, ["plan", "--week", WEEK, "--seconds", "3"])
    assert planned.exit_code == 0 and "placed 1 of 1; optimal" in planned.output
    shown = json.loads(runner.invoke(roster_cli.app, ["show", "--week", WEEK, "--json"]).output)
    (p,) = shown["placements"]
    assert p["start"] == "2026-12-01T18:00" and not p["accepted"]
    accepted = json.loads(runner.invoke(roster_cli.app, ["accept", "--week", WEEK,
                                                         "--json"]).output)
    assert accepted["results"][0]["visit_id"] == 1
    again = json.loads(runner.invoke(roster_cli.app, ["show", "--week", WEEK, "--json"]).output)
    assert again["placements"][0]["accepted"]


def test_a_bad_request_and_a_missing_roster_are_one_line_errors(office: Office) -> None:
    cid = office.courtship(1)
    bad = runner.invoke(roster_cli.app, ["request", "--courtship", str(cid), "--kind",
                                         "picnic", "--window", "2026-12-01T18:00/19:30"])
    assert bad.exit_code == 2 and "not a kind of Visit" in bad.output
    none = runner.invoke(roster_cli.app, ["show", "--week", "2026-W50"])
    assert none.exit_code == 2 and "no roster recorded for 2026-W50" in none.output
