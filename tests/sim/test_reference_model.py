"""The Mesa reference model's troth side (benchmarks/sim_reference_troth.py): settling a
window of days at once gives, array for array, the history that settling each day gives,
whatever the window's width."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "sim_reference_troth.py"


@pytest.fixture(scope="module")
def model() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sim_reference_troth", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _state(town: object) -> tuple[object, ...]:
    n = town.n  # type: ignore[attr-defined]
    counts = tuple(getattr(town, c) for c in ("n", "deaths", "bonds", "births", "person_days"))
    cols = tuple(getattr(town, c)[:n].tobytes() for c in ("born", "death", "fate", "partner"))
    return counts + cols


@pytest.mark.parametrize(("people", "days", "seed"), [(2000, 500, 3), (6000, 300, 8)])
def test_windows_of_any_width_give_the_day_by_day_history(
    model: ModuleType, people: int, days: int, seed: int
) -> None:
    daily = model.TrothTown(people, seed)
    for t in range(days):
        daily.step(t)
    assert daily.bonds > 50 and daily.births > 5 and daily.deaths > 5  # something happened
    for width in (1, 7, 90, 0):  # 0: the adaptive width the benchmark uses
        town = model.TrothTown(people, seed)
        model._advance_to(town, days, width)
        assert _state(town) == _state(daily), width
    assert model.same_history(people, days, seed)


def test_a_window_replays_when_a_bond_in_it_leads_to_a_birth_in_it(model: ModuleType) -> None:
    town = model.TrothTown(6000, 8)
    model._advance_to(town, 300, 120)
    assert town.replays > 0  # the case the replay exists for did occur


def test_first_come_settles_meetings_in_order(model: ModuleType) -> None:
    rng = np.random.default_rng(4)
    for _ in range(200):
        k = int(rng.integers(0, 40))
        a, o = rng.integers(0, 8, k), rng.integers(0, 8, k)
        t = np.sort(rng.integers(0, 20, k))
        taken_a: set[int] = set()
        taken_o: set[int] = set()
        want = []
        for i, (x, y) in enumerate(zip(a.tolist(), o.tolist(), strict=True)):
            if x not in taken_a and y not in taken_o:
                taken_a.add(x)
                taken_o.add(y)
                want.append(i)
        got = model.first_come(a, o, t)
        assert [g.tolist() for g in got] == [a[want].tolist(), o[want].tolist(), t[want].tolist()]
