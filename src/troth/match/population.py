"""A population to match, as columns (struct of arrays), read from and written to Parquet.

Until the registry wiring lands, matching runs on a file with one row per person:
``id`` (int), ``designation`` ("alpha" | "beta" | "omega"), ``born`` (date),
``district`` (string), ``gives`` and ``draws`` (lists of d floats: scent and perception),
``opted_in`` (bool) and, optionally, ``bonded`` (bool, default false).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from troth.domain.people import Designation

__all__ = ["ExcludedPairs", "Population", "RegistryPopulation", "generate", "read_population",
           "write_population"]

_REQUIRED = ("id", "designation", "born", "district", "gives", "draws", "opted_in")


@dataclass(frozen=True)
class Population:
    ids: NDArray[np.int64]
    designation: NDArray[np.str_]
    born: NDArray[np.datetime64]
    district: NDArray[np.str_]
    gives: NDArray[np.float32]
    draws: NDArray[np.float32]
    opted_in: NDArray[np.bool_]
    bonded: NDArray[np.bool_]

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    @property
    def dims(self) -> int:
        return int(self.gives.shape[1])

    def adult(self, on: date, age_of_majority: int = 18) -> NDArray[np.bool_]:
        return self.age(on) >= age_of_majority

    def age(self, on: date, rows: NDArray[np.int64] | None = None) -> NDArray[np.int64]:
        """Whole years of age on ``on`` (a birthday counts on the day itself), of everyone
        or of ``rows``."""
        born = (self.born if rows is None else self.born[rows]).astype("datetime64[D]")
        years = born.astype("datetime64[Y]").astype(np.int64) + 1970
        before_birthday = _month_day_codes(born) > on.month * 100 + on.day
        return np.asarray(on.year - years - before_birthday, dtype=np.int64)

    def row_of(self, person_id: int) -> int:
        hits = np.flatnonzero(self.ids == person_id)
        if hits.size == 0:
            raise KeyError(person_id)
        return int(hits[0])


def _month_day_codes(days: NDArray[np.datetime64]) -> NDArray[np.int64]:
    months = days.astype("datetime64[M]")
    month_no = months.astype(np.int64) % 12 + 1
    day_no = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return np.asarray(month_no * 100 + day_no, dtype=np.int64)


def _vectors(column: Any, label: str) -> NDArray[np.float32]:
    import pyarrow as pa
    import pyarrow.compute as pc

    chunked = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    lengths = pc.list_value_length(chunked).to_numpy(zero_copy_only=False)
    if len(lengths) and (lengths.min() != lengths.max() or lengths.min() < 2):
        raise ValueError(f"column '{label}' must hold lists of the same length (at least 2)")
    flat = pc.list_flatten(chunked).to_numpy(zero_copy_only=False).astype(np.float32)
    width = int(lengths[0]) if len(lengths) else 2
    return np.asarray(flat.reshape(len(lengths), width), dtype=np.float32)


def read_population(path: Path) -> Population:
    """Read a population Parquet file; ValueError naming what is missing or malformed."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    missing = [c for c in _REQUIRED if c not in table.column_names]
    if missing:
        raise ValueError(f"{path} lacks column(s) {', '.join(missing)}")
    n = table.num_rows
    cols = {c: table.column(c) for c in table.column_names}
    designation = np.asarray(cols["designation"].to_numpy(zero_copy_only=False), dtype=str)
    unknown = sorted(set(np.unique(designation)) - {d.value for d in Designation})
    if unknown:
        raise ValueError(f"{path}: unknown designation(s) {', '.join(unknown)}")
    gives, draws = _vectors(cols["gives"], "gives"), _vectors(cols["draws"], "draws")
    if gives.shape != draws.shape:
        raise ValueError(f"{path}: 'gives' and 'draws' must have the same length")
    bonded = cols.get("bonded")
    return Population(
        ids=np.asarray(cols["id"].to_numpy(zero_copy_only=False), dtype=np.int64),
        designation=designation,
        born=np.asarray(cols["born"].to_numpy(zero_copy_only=False), dtype="datetime64[D]"),
        district=np.asarray(cols["district"].to_numpy(zero_copy_only=False), dtype=str),
        gives=gives,
        draws=draws,
        opted_in=np.asarray(cols["opted_in"].to_numpy(zero_copy_only=False), dtype=bool),
        bonded=(
            np.zeros(n, dtype=bool)
            if bonded is None
            else np.asarray(bonded.to_numpy(zero_copy_only=False), dtype=bool)
        ),
    )


def write_population(pop: Population, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def vectors(a: NDArray[np.float32]) -> Any:
        return pa.FixedSizeListArray.from_arrays(pa.array(a.reshape(-1)), a.shape[1])

    table = pa.table(
        {
            "id": pa.array(pop.ids),
            "designation": pa.array(pop.designation.tolist(), pa.string()),
            "born": pa.array(pop.born.astype("datetime64[D]")),
            "district": pa.array(pop.district.tolist(), pa.string()),
            "gives": vectors(pop.gives),
            "draws": vectors(pop.draws),
            "opted_in": pa.array(pop.opted_in),
            "bonded": pa.array(pop.bonded),
        }
    )
    pq.write_table(table, path)


def generate(
    alphas: int,
    omegas: int,
    betas: int = 0,
    *,
    dims: int = 16,
    districts: int = 12,
    on: date | None = None,
    seed: int = 0,
) -> Population:
    """A synthetic population with isotropic signatures, ages 14-70, 85 % opted in."""
    rng = np.random.default_rng(seed)
    n = alphas + omegas + betas
    designation = np.repeat(
        np.array([Designation.ALPHA.value, Designation.OMEGA.value, Designation.BETA.value]),
        [alphas, omegas, betas],
    )
    today = np.datetime64(on or date(2025, 1, 1), "D")
    born = today - rng.integers(int(14 * 365.25), int(70 * 365.25), size=n).astype("timedelta64[D]")
    names = np.array([f"D{i + 1:02d}" for i in range(max(1, districts))])

    def unit(x: NDArray[np.float64]) -> NDArray[np.float32]:
        return np.asarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)

    return Population(
        ids=np.arange(1, n + 1, dtype=np.int64),
        designation=designation,
        born=born,
        district=names[rng.integers(0, names.size, size=n)],
        gives=unit(rng.standard_normal((n, dims))),
        draws=unit(rng.standard_normal((n, dims))),
        opted_in=rng.random(n) < 0.85,
        bonded=np.zeros(n, dtype=bool),
    )


IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class ExcludedPairs:
    """Alpha-Omega pairs never to propose, with the reason (``live_courtship`` or
    ``declined``: one of them declined the other in an earlier courtship)."""

    alpha_ids: IntArray
    omega_ids: IntArray
    reasons: NDArray[np.str_]

    def __len__(self) -> int:
        return int(self.alpha_ids.shape[0])

    def of(self, person_id: int) -> tuple[int, ...]:
        """Everyone paired with ``person_id`` here (whichever side they are on)."""
        found = np.concatenate([self.omega_ids[self.alpha_ids == person_id],
                                self.alpha_ids[self.omega_ids == person_id]])
        return tuple(sorted(set(found.tolist())))


@dataclass(frozen=True)
class RegistryPopulation:
    population: Population
    on: date
    without_scent: int  # Alphas and Omegas left out: no (non-zero) scent signature on record
    other_dims: int  # left out: a signature of another length than the usual one
