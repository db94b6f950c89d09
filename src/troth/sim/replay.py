"""Reading a simulated history back in replay order: (date, rank of the kind, district, seq).

Within one day that order puts every fact after those it depends on (docs/simulator.md,
"Replaying a history"). `HistoryLog` reads `OUT/manifest.json` and the Parquet files of
every kind; `rows()` yields `(kind, row)` pairs, a row being a dict of the kind's columns
with dates as `datetime.date`, enumerations as strings and nulls as None.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.dataset as ds

from troth.domain.errors import InvalidInput
from troth.sim.events import KINDS, RANK
from troth.sim.scenario import Scenario, default_scenario

Row = dict[str, Any]
I64 = npt.NDArray[np.int64]


@dataclass
class HistoryLog:
    """A simulated history on disk, as its manifest and one table per event kind."""

    folder: Path
    manifest: dict[str, Any]
    scenario: Scenario
    tables: dict[str, pa.Table] = field(default_factory=dict)

    @property
    def seed(self) -> int:
        return int(self.manifest["seed"])

    @property
    def start(self) -> date:
        return self.scenario.simulation.start

    @property
    def end(self) -> date:
        """The last simulated day (facts are dated before start + days)."""
        return self.start + timedelta(days=int(self.manifest["days"]) - 1)

    def count(self, kind: str) -> int:
        return int(self.tables[kind].num_rows)

    def total(self) -> int:
        return sum(t.num_rows for t in self.tables.values())

    def rows(self) -> Iterator[tuple[str, Row]]:
        """Every row of every kind, in replay order."""
        kinds = list(self.tables)
        lists = [self.tables[k].to_pylist() for k in kinds]
        for which, at in zip(*self._order(kinds), strict=True):
            yield kinds[which], lists[which][at]

    def _order(self, kinds: list[str]) -> tuple[I64, I64]:
        parts: dict[str, list[I64]] = {"day": [], "rank": [], "district": [], "seq": [],
                                       "kind": [], "at": []}
        for i, kind in enumerate(kinds):
            t = self.tables[kind]
            n = t.num_rows
            parts["day"].append(_ints(t.column("date").cast(pa.int32())))
            parts["rank"].append(np.full(n, RANK[kind], np.int64))
            parts["district"].append(_ints(t.column("district")))
            parts["seq"].append(_ints(t.column("seq")))
            parts["kind"].append(np.full(n, i, np.int64))
            parts["at"].append(np.arange(n, dtype=np.int64))
        cat = {k: np.concatenate(v) if v else np.empty(0, np.int64) for k, v in parts.items()}
        order = np.lexsort((cat["seq"], cat["district"], cat["rank"], cat["day"]))
        return cat["kind"][order], cat["at"][order]


def _ints(col: pa.ChunkedArray) -> I64:
    return np.asarray(col.to_numpy(), dtype=np.int64)


def read_history(folder: Path) -> HistoryLog:
    """Read a simulated history (raises InvalidInput when the folder holds none)."""
    path = folder / "manifest.json"
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"'{folder}' holds no simulated history (no manifest.json);"
                           " run `troth sim --out` first", rule="sim_history") from None
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"cannot read '{path}': {exc}", rule="sim_history") from None
    if manifest.get("format") != "troth-sim":
        raise InvalidInput(f"'{path}' is not a troth-sim manifest", rule="sim_history")
    scenario = default_scenario().with_changes(manifest["scenario"])
    log = HistoryLog(folder, manifest, scenario)
    for kind in KINDS:
        log.tables[kind] = ds.dataset(folder / "events" / kind, format="parquet").to_table()
    return log


__all__ = ["HistoryLog", "Row", "read_history"]
