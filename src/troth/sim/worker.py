"""What a worker does: host some districts, advance them, write their event logs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from troth.sim.demography import days
from troth.sim.district import District, Founder, Inbox, Outbox
from troth.sim.scenario import Scenario


@dataclass(frozen=True)
class RunSpec:
    people: int
    years: float
    seed: int
    scenario: Scenario
    founders: tuple[Founder, ...] | None = None

    @property
    def horizon(self) -> int:
        return int(days(self.years))


@dataclass
class WorkerResult:
    files: dict[str, tuple[str, int]]
    blobs: dict[str, bytes]
    alive: int
    person_days: int


class Worker:
    """Hosts some districts; the same class runs in-process, in a process or as an actor."""

    def __init__(self, spec: RunSpec, districts: list[int]) -> None:
        founders = list(spec.founders) if spec.founders is not None else None
        self.horizon = spec.horizon
        self.districts = {
            d: District(spec.seed, spec.scenario, d, spec.horizon, spec.people, founders)
            for d in districts
        }

    def advance(self, start: int, end: int, inboxes: dict[int, Inbox]) -> dict[int, Outbox]:
        return {d: dist.advance(start, end, inboxes[d]) for d, dist in self.districts.items()}

    def finish(self, out_dir: str | None) -> WorkerResult:
        files: dict[str, tuple[str, int]] = {}
        blobs: dict[str, bytes] = {}
        folder = Path(out_dir) / "events" if out_dir else None
        for dist in self.districts.values():
            if folder is not None:
                files.update(dist.log.write(folder))
            else:
                blobs.update(dist.log.to_bytes())
        last = self.horizon - 1
        return WorkerResult(files, blobs,
                            sum(d.alive_count(last) for d in self.districts.values()),
                            sum(d.person_days(self.horizon) for d in self.districts.values()))
