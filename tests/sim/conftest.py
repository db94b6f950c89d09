"""Fixtures for the simulator's tests: one small simulated town shared by many tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from troth.sim import RunSpec, Summary, default_scenario, simulate

TOWN_PEOPLE, TOWN_YEARS, TOWN_SEED = 3000, 6.0, 11


@pytest.fixture(scope="session")
def town(tmp_path_factory: pytest.TempPathFactory) -> Summary:
    """A 3,000-person town simulated for six years with the default scenario."""
    out: Path = tmp_path_factory.mktemp("town")
    return simulate(RunSpec(TOWN_PEOPLE, TOWN_YEARS, TOWN_SEED, default_scenario()), out)
