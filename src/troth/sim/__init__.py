"""The society simulator: a whole population's history, fast, reproducible, registry-valid.

`simulate(RunSpec(...), out_dir)` writes the event log (Parquet, one file per event kind
and district, schema in docs/simulator.md) and a manifest with each file's digest.
"""

from troth.sim.district import Founder
from troth.sim.events import KINDS, RANK
from troth.sim.runner import Summary, simulate
from troth.sim.scenario import Scenario, default_scenario, load_scenario
from troth.sim.worker import RunSpec

__all__ = [
    "KINDS",
    "RANK",
    "Founder",
    "RunSpec",
    "Scenario",
    "Summary",
    "default_scenario",
    "load_scenario",
    "simulate",
]
