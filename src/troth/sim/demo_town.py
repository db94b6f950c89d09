"""A simulated town for the demo world: simulated so that its history ends today, then
imported through the registry's rules (`troth demo load --town N`)."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from troth.sim.demography import days
from troth.sim.importer import ImportReport, Progress, import_history
from troth.sim.runner import simulate
from troth.sim.scenario import default_scenario
from troth.sim.worker import RunSpec

if TYPE_CHECKING:
    from troth.registry.service import Registry


def load_town(registry: Registry, people: int, years: float = 2.0, seed: int = 11,
              progress: Progress | None = None) -> ImportReport:
    """Simulate `people` founders for `years` up to the registry's today and import them.

    The town's districts are named "District 1" ... in the registry; its facts are dated
    from `years` ago to today, so the town has courtships under way, recent bonds and
    open guardianships alongside the story's cast.
    """
    horizon = int(days(years))
    start = registry.clock.today() - timedelta(days=horizon - 1)
    scenario = default_scenario().with_changes(
        {"simulation": {"start_date": start.isoformat()}})
    with tempfile.TemporaryDirectory(prefix="troth-town-") as tmp:
        simulate(RunSpec(people, years, seed, scenario), Path(tmp))
        return import_history(registry, Path(tmp), progress=progress)


__all__ = ["load_town"]
