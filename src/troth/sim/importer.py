"""`troth sim import`: load a simulated history into the registry, through its own rules.

The history is replayed in order (date, rank of the kind, district, seq); each row
becomes the registry commands that record it (`troth.sim.translate`), and every command
is judged by the registry's own handlers inside `Registry.bulk()` sessions of `batch`
commands each (one transaction per session). A refused command is rolled back to its
savepoint and counted as a rule violation under the rule that refused it; a simulated
history that keeps the registry's rules imports with none.

    report = import_history(registry, Path("town"))
    assert report.violations == 0, report.refused
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from troth.domain import commands as c
from troth.domain.errors import InvalidInput, TrothError
from troth.sim.replay import HistoryLog, Row, read_history
from troth.sim.translate import Missing, Translator

if TYPE_CHECKING:
    from troth.registry.service import Bulk, Registry

Progress = Callable[[int, int], None]
EXAMPLES = 20  # refusals kept with their rows, for the report


@dataclass(frozen=True)
class Refusal:
    rule: str
    message: str
    kind: str
    row: Row
    command: str


@dataclass
class ImportReport:
    rows: int = 0
    total_rows: int = 0
    commands: int = 0
    refused: Counter[str] = field(default_factory=Counter)  # rule -> refusals
    examples: list[Refusal] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # why -> rows left out
    dependent: int = 0  # rows naming a record whose own command was refused
    created: Counter[str] = field(default_factory=Counter)  # command -> accepted
    seconds: float = 0.0

    @property
    def violations(self) -> int:
        return sum(self.refused.values())

    @property
    def people(self) -> int:
        return self.created["RegisterPerson"] + self.created["RegisterBirth"]

    @property
    def courtships(self) -> int:
        return self.created["ProposeIntroduction"]

    @property
    def bonds(self) -> int:
        return self.created["SealBond"]

    @property
    def marriages(self) -> int:
        return self.created["SolemniseMarriage"]

    @property
    def commands_per_second(self) -> float:
        return self.commands / max(self.seconds, 1e-9)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows, "commands": self.commands, "violations": self.violations,
            "refused": dict(self.refused), "skipped": dict(self.skipped),
            "dependent": self.dependent, "people": self.people,
            "courtships": self.courtships, "bonds": self.bonds, "marriages": self.marriages,
            "seconds": round(self.seconds, 3),
            "commands_per_second": round(self.commands_per_second, 1),
            "examples": [{"rule": e.rule, "message": e.message, "kind": e.kind,
                          "command": e.command, "row": {k: str(v) for k, v in e.row.items()}}
                         for e in self.examples],
        }


class Importer:
    def __init__(self, registry: Registry, log: HistoryLog, batch: int = 5000,
                 progress: Progress | None = None) -> None:
        self.registry, self.log, self.batch, self.progress = registry, log, batch, progress
        self.report = ImportReport(total_rows=log.total())
        self.translator = Translator(log, self.execute, registry.customs.age_of_majority)
        self.bulk: Bulk | None = None
        self._kind: str = ""
        self._row: Row = {}

    def run(self) -> ImportReport:
        began = time.perf_counter()
        rows = self.log.rows()
        done = False
        while not done:
            with self.registry.bulk("sim-import") as bulk:
                self.bulk = bulk
                first = self.report.commands
                for kind, row in rows:
                    self._apply(kind, row)
                    if self.report.commands - first >= self.batch:
                        break
                else:
                    done = True
                if done:  # the office's decisions due by today; later ones stay open
                    self.translator.decide_until(self.registry.clock.today())
                bulk.commit()
        self.bulk = None
        self.report.skipped.update(self.translator.skipped)
        self.report.seconds = time.perf_counter() - began
        if self.progress is not None:
            self.progress(self.report.rows, self.report.total_rows)
        return self.report

    def _apply(self, kind: str, row: Row) -> None:
        self._kind, self._row = kind, row
        try:
            self.translator.apply(kind, row)
        except Missing:
            self.report.dependent += 1
        self.report.rows += 1
        if self.progress is not None and self.report.rows % 500 == 0:
            self.progress(self.report.rows, self.report.total_rows)

    def execute(self, cmd: c.Command) -> int | None:
        """Run one command in the open bulk session; None (and a count) when refused."""
        assert self.bulk is not None
        self.report.commands += 1
        try:
            new_id = self.bulk.execute(cmd)
        except TrothError as exc:
            rule = exc.rule or type(exc).__name__
            self.report.refused[rule] += 1
            if len(self.report.examples) < EXAMPLES:
                self.report.examples.append(Refusal(rule, exc.message, self._kind,
                                                    dict(self._row), repr(cmd)))
            return None
        self.report.created[type(cmd).__name__] += 1
        return new_id


def prepare(registry: Registry, folder: Path | HistoryLog, batch: int = 5000,
            progress: Progress | None = None) -> Importer:
    """An importer for the history, once its dates fit the registry's today."""
    log = folder if isinstance(folder, HistoryLog) else read_history(folder)
    today = registry.clock.today()
    if log.end > today:
        raise InvalidInput(
            f"the simulated history runs to {log.end}, after the registry's today ({today});"
            " set TROTH_TODAY to a later date or simulate an earlier start_date",
            rule="sim_history_dates")
    if batch < 1:
        raise InvalidInput("the batch is at least one command", rule="sim_import_batch")
    return Importer(registry, log, batch, progress)


def import_history(registry: Registry, folder: Path | HistoryLog, batch: int = 5000,
                   progress: Progress | None = None) -> ImportReport:
    """Replay a simulated history into `registry`; see the module docstring."""
    return prepare(registry, folder, batch, progress).run()


__all__ = ["ImportReport", "Importer", "Refusal", "import_history", "prepare"]
