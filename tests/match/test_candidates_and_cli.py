"""Candidate search from the index, the population file, and the `troth match` commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from troth.cli.match import app
from troth.match.candidates import CandidateIndex, Filters
from troth.match.population import generate, read_population, write_population

ON = date(2025, 1, 1)


@pytest.fixture(scope="module")
def population_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("match") / "people.parquet"
    write_population(generate(2500, 2500, 200, seed=11), path)
    return path


@pytest.fixture(scope="module")
def index(population_file: Path) -> CandidateIndex:
    return CandidateIndex.build(read_population(population_file))


def test_population_file_round_trips_every_column(tmp_path: Path) -> None:
    pop = generate(20, 30, 5, dims=4, seed=1)
    write_population(pop, tmp_path / "p.parquet")
    back = read_population(tmp_path / "p.parquet")
    for name in ("ids", "designation", "born", "district", "gives", "draws", "opted_in"):
        assert np.array_equal(getattr(pop, name), getattr(back, name))


def test_age_counts_a_birthday_on_the_day_itself() -> None:
    pop = generate(3, 0, seed=1)
    born = np.array(["2007-01-01", "2007-01-02", "2004-02-29"], dtype="datetime64[D]")
    pop.born[:] = born
    assert pop.age(date(2025, 1, 1)).tolist() == [18, 17, 20]
    assert pop.age(date(2025, 3, 1)).tolist() == [18, 18, 21]


def test_candidates_are_eligible_people_of_the_other_designation(index: CandidateIndex) -> None:
    pop = index.pop
    alpha = int(pop.ids[np.flatnonzero(pop.designation == "alpha")[0]])
    filters = Filters(on=ON, min_age=25, max_age=40, districts=("D01", "D02", "D03"))
    found = index.search(alpha, 20, filters)
    assert len(found) == 20
    for c in found:
        row = pop.row_of(c.id)
        assert pop.designation[row] == "omega" and not pop.bonded[row]
        assert 25 <= c.age <= 40 and c.district in filters.districts
    scores = [c.compatibility for c in found]
    assert scores == sorted(scores, reverse=True)


def test_index_search_agrees_with_an_exact_scan(
    index: CandidateIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    pop = index.pop
    omegas = pop.ids[np.flatnonzero(pop.designation == "omega")[:30]]
    filters = Filters(on=ON, exclude_ids=(int(pop.ids[0]),))
    exact = {int(o): [c.id for c in index.search(int(o), 20, filters)] for o in omegas}
    original = CandidateIndex._fetch
    monkeypatch.setattr(CandidateIndex, "_fetch", lambda self, *a: original(self, *a, scan_limit=0))
    hits = sum(
        len(set(exact[int(o)]) & {c.id for c in index.search(int(o), 20, filters)}) for o in omegas
    )
    assert hits / (20 * len(omegas)) >= 0.99


def test_excluded_people_are_never_proposed(index: CandidateIndex) -> None:
    pop = index.pop
    alpha = int(pop.ids[np.flatnonzero(pop.designation == "alpha")[5]])
    first = [c.id for c in index.search(alpha, 5, Filters(on=ON))]
    again = [c.id for c in index.search(alpha, 5, Filters(on=ON, exclude_ids=tuple(first)))]
    assert not set(first) & set(again)


runner = CliRunner()


def test_match_city_dry_run_reports_share_matched_and_writes_nothing(
    population_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "intros.parquet"
    args = ["city", "-p", str(population_file), "--on", "2025-01-01", "--top-k", "20"]
    result = runner.invoke(app, [*args, "--dry-run", "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["share_matched"] > 0.9 and data["written_to"] is None and not out.exists()
    result = runner.invoke(app, [*args, "--proposers", "omega", "--out", str(out)])
    assert result.exit_code == 0 and out.exists()
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert set(table.column("status").to_pylist()) == {"awaiting_omega_consent"}
    assert "share matched" in result.stdout


def test_match_candidates_lists_top_people_as_json(population_file: Path) -> None:
    args = ["candidates", "3", "-p", str(population_file), "--top", "7", "--on", "2025-01-01"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 7
    assert (population_file.parent / "people.parquet.index" / "meta.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["candidates", "999999"], "no person with id 999999"),
        (["candidates", "5100", "--on", "2025-13-01"], "not in the form YYYY-MM-DD"),
        (["city", "--top-k", "10", "--dry-run", "--true-match-rate", "2"], "strictly between"),
    ],
)
def test_match_commands_fail_with_one_clear_line_and_exit_code_2(
    population_file: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, [args[0], "-p", str(population_file), *args[1:]])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_match_reports_a_missing_population_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["city", "-p", str(tmp_path / "none.parquet"), "--dry-run"])
    assert result.exit_code == 2 and "does not exist" in result.output
