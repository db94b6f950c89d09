"""`troth sim import`: a simulated town goes into the registry with zero rule violations.

The registry judges every command by its own rules (`Registry.bulk()`), so a history
that breaks one shows up as a refusal counted under the rule's name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from tests.store_access import reader
from troth.sim import RunSpec, Summary, default_scenario, simulate
from troth.sim.importer import ImportReport, import_history, prepare
from troth.sim.replay import read_history
from troth.store import tables as t
from troth.store.tables import courtship as tc
from troth.store.tables import marriage as tm

# The sample: a town whose histories cover more than 10,000 people (10,000
# founders registered, and the births of three years), imported on SQLite (about 50,000
# commands, 15-30 s). PostgreSQL imports a smaller town through the same path.
BIG_PEOPLE, BIG_YEARS, BIG_SEED = 10_000, 3.0, 23
TOWN_PEOPLE, TOWN_YEARS, TOWN_SEED = 600, 3.0, 23


@pytest.fixture(scope="module")
def big_town(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    out: Path = tmp_path_factory.mktemp("import-big-town")
    return simulate(RunSpec(BIG_PEOPLE, BIG_YEARS, BIG_SEED, default_scenario()), out)


@pytest.fixture(scope="module")
def small_town(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    out: Path = tmp_path_factory.mktemp("import-town")
    return simulate(RunSpec(TOWN_PEOPLE, TOWN_YEARS, TOWN_SEED, default_scenario()), out)


@pytest.fixture(scope="module")
def tiny_town(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    out: Path = tmp_path_factory.mktemp("tiny-town")
    return simulate(RunSpec(150, 2.0, 5, default_scenario()), out)


def _count(registry: Any, table: Any, *where: Any) -> int:
    with reader(registry) as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where))
                   .scalar_one())


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_ten_thousand_peoples_histories_import_into_the_registry_with_no_rule_violations(
        big_town: Summary, registry: Any, clock: Any) -> None:
    report = _import_and_check(big_town, registry, clock)
    assert report.people >= 10_000


@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_a_simulated_town_imports_into_postgresql_with_no_rule_violations(
        small_town: Summary, registry: Any, clock: Any) -> None:
    _import_and_check(small_town, registry, clock)


def _import_and_check(town: Summary, registry: Any, clock: Any) -> ImportReport:
    """Import the whole history; no refusal, and the registry holds what the log says."""
    log = read_history(town.out_dir)
    clock.set(log.end)
    report = import_history(registry, log)
    assert report.violations == 0, [(e.rule, e.message, e.kind, e.row)
                                    for e in report.examples]
    assert report.dependent == 0 and report.rows == log.total()
    rows = {kind: info["rows"] for kind, info in town.manifest["kinds"].items()}
    assert report.people == rows["registered"] + rows["born"] == _count(registry, t.people)
    assert report.courtships == rows["introduction_proposed"] == _count(registry,
                                                                        tc.courtships)
    assert report.bonds == rows["bonded"] > 0
    married = rows.get("married", 0) - report.skipped[
        "married (no one free to officiate in the district)"]
    assert report.marriages == married > 0
    assert _count(registry, tm.marriages, tm.marriages.c.status == "solemnised") == married
    assert _count(registry, tc.bonds) == rows["bonded"]
    assert _count(registry, tc.visits) == rows["visit_held"] + rows["visit_missed"]
    assert _count(registry, tc.visits, tc.visits.c.counted.is_(True)) == rows["visit_held"]
    assert _count(registry, t.people, t.people.c.died.is_not(None)) == rows["died"]
    assert _count(registry, tc.bonds, tc.bonds.c.dissolved_on.is_not(None)) == (
        _granted(town.out_dir))
    verdict = registry.queries.people.verify()
    assert verdict.ok, verdict.problems
    return report


def _granted(folder: Path) -> int:
    decided = read_history(folder).tables["annulment_decided"]
    return int(sum(decided.column("granted").to_pylist()))


def test_every_introduction_of_a_child_is_refused_and_reported_with_its_row(
        tiny_town: Summary, registry: Any, clock: Any) -> None:
    log = read_history(tiny_town.out_dir)
    children = [r["person_id"] for r in log.tables["registered"].to_pylist()
                if r["designation"] is None]
    intro = log.tables["introduction_proposed"]
    at = intro.column_names.index("alpha_id")
    log.tables["introduction_proposed"] = intro.set_column(
        at, "alpha_id", pa.array([children[0]] * intro.num_rows, pa.int64()))
    clock.set(log.end)
    report = prepare(registry, log).run()
    assert report.refused == {"one_alpha_one_omega": intro.num_rows}
    assert report.examples[0].kind == "introduction_proposed"
    assert report.examples[0].row["alpha_id"] == children[0]
    assert report.dependent > 0  # their consents and Visits name no registry courtship
    assert report.courtships == 0


def test_an_import_whose_history_runs_past_today_is_refused_before_it_starts(
        tiny_town: Summary, registry: Any, clock: Any) -> None:
    from troth.domain.errors import InvalidInput

    log = read_history(tiny_town.out_dir)
    clock.set(log.start)
    with pytest.raises(InvalidInput, match="after the registry's today"):
        prepare(registry, log)
    assert registry.queries.people.count_people() == 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_import_command_prints_a_json_report_and_fails_cleanly_on_a_bad_folder(
        tiny_town: Summary, db_url: str, tmp_path: Path) -> None:
    from troth.cli import _attach, app

    _attach()
    runner = CliRunner()
    env = {"TROTH_TODAY": "2026-01-01"}
    result = runner.invoke(app, ["sim", "import", str(tiny_town.out_dir), "-d", db_url,
                                 "--json", "--strict"], env=env)
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["violations"] == 0
    assert body["people"] == tiny_town.manifest["kinds"]["registered"]["rows"] + (
        tiny_town.manifest["kinds"]["born"]["rows"])
    missing = runner.invoke(app, ["sim", "import", str(tmp_path / "nowhere"), "-d", db_url],
                            env=env)
    assert missing.exit_code == 2
    assert "no simulated history" in missing.stderr and "Traceback" not in missing.output


@pytest.fixture(scope="module")
def grown_town(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    """A small town run long enough for children born in it to present (17 years)."""
    out: Path = tmp_path_factory.mktemp("grown-town")
    return simulate(RunSpec(150, 17.0, 5, default_scenario()), out)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_children_born_in_the_town_have_their_scent_measured_when_they_present(
        grown_town: Summary, registry: Any, clock: Any) -> None:
    log = read_history(grown_town.out_dir)
    born = set(log.tables["born"].column("person_id").to_pylist())
    presented = [r for r in log.tables["presented"].to_pylist() if r["person_id"] in born]
    assert presented, "the run is long enough for a child born in it to present"
    clock.set(log.end)
    report = import_history(registry, log)
    assert report.violations == 0, [(e.rule, e.message, e.kind, e.row)
                                    for e in report.examples]
    measured = _count(registry, t.scent_measurements)
    assert measured == len(presented) == report.created["RecordScent"]
    with reader(registry) as conn:
        unscented = conn.execute(select(func.count()).select_from(t.people).where(
            t.people.c.designation.is_not(None), t.people.c.scent_gives.is_(None))).scalar_one()
    assert unscented == 0  # every presented person has a scent on record
    assert registry.queries.people.verify().ok
