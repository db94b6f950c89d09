"""Stated preferences as input: files, row-by-row errors, `troth match city --preferences`, and
the registry run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from tests.registry.test_matchmaking import TODAY, _world
from troth.cli import match_registry as cli_registry
from troth.cli.match import app
from troth.match.city import introductions, match_city
from troth.match.population import Population, generate, write_population
from troth.match.stated import StatedPreferences, as_stated, check, read_stated
from troth.match.topk import TopKSettings
from troth.registry.matchmaking import match_registry

ON = date(2025, 1, 1)
HEADER = "person_id,preferred_id,rank\n"


@pytest.fixture(scope="module")
def pop() -> Population:
    """Alphas 1-40, Omegas 41-80, Betas 81-85; everyone an adult, opted in, unbonded."""
    people = generate(40, 40, 5, seed=31)
    people.opted_in[:] = True
    people.born[:] = np.datetime64("1990-01-01")
    return people


def write_csv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "stated.csv"
    path.write_text(HEADER + body)
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("1,41,1\n999,41,1\n", "stated.csv line 3: person_id 999 is not in the population"),
        ("1,41,1\n1,4242,2\n", "line 3: preferred_id 4242 is not in the population"),
        ("1,1,1\n", "line 2: person 1 prefers themself"),
        ("81,41,1\n", "line 2: person 81 is a beta; only Alphas and Omegas state preferences"),
        ("1,2,1\n", "line 2: person 1 (alpha) prefers 2, an alpha; an Alpha names Omegas"),
        ("41,82,1\n", "line 2: person 41 (omega) prefers 82, a beta"),
        ("1,41,1\n1,42,2\n1,41,3\n", "line 4: person 1 names 41 again (also at stated.csv line 2)"),
        ("1,41,2\n1,42,2\n", "line 3: person 1 gives rank 2 twice (also at stated.csv line 2)"),
        ("1,41,0\n", "line 2: rank 0 is not allowed; ranks are whole numbers from 1"),
        ("1,41,first\n", "stated.csv line 2: rank is 'first', not a whole number"),
        ("1,,1\n", "stated.csv line 2: preferred_id is empty, not a whole number"),
        ("1,41,1\n1,1,2\n2,2,1\n", "line 3: person 1 prefers themself (and 1 more bad row)"),
    ],
)
def test_a_bad_row_is_refused_with_a_message_naming_it(
    pop: Population, tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(ValueError) as caught:
        check(read_stated(write_csv(tmp_path, body)), pop)
    assert message in str(caught.value)


def test_a_file_must_have_the_three_columns_and_a_known_format(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("person_id,preferred\n1,41\n")
    with pytest.raises(ValueError, match="lacks column"):
        read_stated(tmp_path / "a.csv")
    (tmp_path / "a.json").write_text("{}")
    with pytest.raises(ValueError, match=r"give a \.csv or \.parquet file"):
        read_stated(tmp_path / "a.json")
    with pytest.raises(ValueError, match="does not exist"):
        read_stated(tmp_path / "none.csv")


def test_a_parquet_file_reads_like_the_csv_and_names_its_rows(
    pop: Population, tmp_path: Path
) -> None:
    table = {"person_id": [1, 41, 2], "preferred_id": [41, 1, 2], "rank": [1, 1, 1]}
    pq.write_table(pa.table(table), tmp_path / "s.parquet")
    with pytest.raises(ValueError, match=r"s\.parquet row 3: person 2 prefers themself"):
        check(read_stated(tmp_path / "s.parquet"), pop)
    table["preferred_id"][2] = 42
    pq.write_table(pa.table(table), tmp_path / "s.parquet")
    found = read_stated(tmp_path / "s.parquet")
    assert found.person_id.tolist() == [1, 41, 2] and found.rank.tolist() == [1, 1, 1]


def test_preferences_given_as_a_mapping_are_ranked_in_order_and_named_by_person() -> None:
    found = as_stated({1: [41, 43], 42: [3]})
    assert found.rank.tolist() == [1, 2, 1] and found.preferred_id.tolist() == [41, 43, 3]
    assert found.label(1) == "person 1's preference #2"
    with pytest.raises(ValueError, match="whole numbers"):
        StatedPreferences.from_columns([1.5], [41], [1])


def test_match_city_refuses_bad_preferences_before_computing_any_list(pop: Population) -> None:
    def runner(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the lists were computed")

    with pytest.raises(ValueError, match="prefers themself"):
        match_city(pop, on=ON, stated={1: [1]}, runner=runner)


cli = CliRunner()


@pytest.fixture(scope="module")
def population_file(pop: Population, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stated") / "people.parquet"
    write_population(pop, path)
    return path


def test_city_with_a_preferences_file_reports_and_writes_the_stated_pairs(
    population_file: Path, pop: Population, tmp_path: Path
) -> None:
    pairs = _unmatched_couples(pop)
    body = "".join(f"{x},{y},1\n{y},{x},1\n" for x, y in pairs) + "1,44,2\n"
    path = write_csv(tmp_path, body)
    out = tmp_path / "intros.parquet"
    args = ["city", "-p", str(population_file), "--on", "2025-01-01", "--top-k", "5"]
    result = cli.invoke(app, [*args, "--preferences", str(path), "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["stated_preferences"]
    assert data["rows"] == 2 * len(pairs) + 1 and data["skipped"] == 0
    assert data["pairs_from_stated"] >= len(pairs) and data["pairs_stated_by"]["both"] == 2
    table = pq.read_table(out).to_pydict()
    written = {
        (x, y)
        for x, y, s in zip(table["alpha_id"], table["omega_id"], table["stated_by"], strict=True)
        if s == "both"
    }
    assert written == set(pairs)
    shown = cli.invoke(app, [*args, "--preferences", str(path), "--dry-run"])
    assert "stated preferences" in shown.stdout and "from a stated" in shown.stdout


def _unmatched_couples(pop: Population) -> list[tuple[int, int]]:
    """Two Alpha-Omega couples the plain run does not pair (so stating changes the result)."""
    plain = introductions(match_city(pop, on=ON, settings=TopKSettings(k=5, method="exact")))
    matched = set(zip(plain["alpha_id"].tolist(), plain["omega_id"].tolist(), strict=True))
    couples = [(a, o) for a in (2, 3, 4, 5) for o in (60, 61, 62, 63) if (a, o) not in matched]
    first = couples[0]
    second = next(c for c in couples if c[0] != first[0] and c[1] != first[1])
    return [first, second]


def test_city_fails_with_exit_2_naming_the_bad_row(population_file: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "1,41,1\n1,41,2\n")
    args = ["city", "-p", str(population_file), "--dry-run", "--preferences", str(path)]
    result = cli.invoke(app, args)
    assert result.exit_code == 2
    assert "stated.csv line 3: person 1 names 41 again" in result.output
    assert "Traceback" not in result.output
    missing = cli.invoke(app, [*args[:-1], str(tmp_path / "none.csv")])
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_on_the_registry_stated_pairs_still_respect_refusals_and_live_courtships(
    registry: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    w = _world(registry)
    declined, live = w["declined"], w["live"]
    stated = as_stated(
        {
            declined[0]: [declined[1]],
            declined[1]: [declined[0]],
            live[0]: [live[1]],
            w["alphas"][1]: [w["minor"]],
        }
    )
    run = match_registry(registry, TODAY, dry_run=True, stated=stated)
    use = run.result.stated
    assert use is not None and use.used == 0 and use.pairs == 0
    assert use.skipped == {
        "excluded_pair": 2,
        "person_already_courting": 1,
        "preferred_under_age": 1,
    }
    path = write_csv(
        tmp_path, f"{w['alphas'][2]},{w['omegas'][2]},1\n{w['omegas'][2]},{w['alphas'][2]},1\n"
    )
    monkeypatch.setattr(cli_registry, "registry", lambda: registry)
    done = cli.invoke(app, ["city", "--preferences", str(path), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["stated_preferences"]["pairs_from_stated"] == 1
    between = _courtships_between(registry, w["alphas"][2], w["omegas"][2])
    assert [r.status for r in between] == ["proposed"]


def _courtships_between(registry: Any, alpha: int, omega: int) -> list[Any]:
    from tests.registry.test_matchmaking import _courtships

    return [r for r in _courtships(registry) if (r.alpha_id, r.omega_id) == (alpha, omega)]
