"""Candidate search for one person: the most compatible eligible people, from an index.

The index is one HNSW graph per designation (Alpha, Omega) over ``[scent, perception]``,
the same transform as the population top-k (see :mod:`troth.match.topk`). A query with
filters (age range, district, excluded ids, any eligibility mask) passes them to faiss as a
bitmap selector, fetches ``oversample * top`` people by the affinity sum and re-scores them
exactly. When the filters leave few people (``scan_limit``), scoring them all is faster and
exact, so that is done instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from troth.domain.people import Designation
from troth.match import compat
from troth.match.population import Population
from troth.match.topk import Side, TopKSettings, build_index

__all__ = ["Candidate", "CandidateIndex", "Filters"]

_PAIRED = {Designation.ALPHA: Designation.OMEGA, Designation.OMEGA: Designation.ALPHA}
_FORMAT = 1
_EF, _MAX_EF = 320, 4096


@dataclass(frozen=True)
class Filters:
    on: date
    age_of_majority: int = 18
    min_age: int | None = None
    max_age: int | None = None
    districts: tuple[str, ...] = ()
    exclude_ids: tuple[int, ...] = ()
    opted_in_only: bool = False


@dataclass(frozen=True)
class Candidate:
    id: int
    designation: str
    age: int
    district: str
    compatibility: float
    attraction_to: float  # the searching person's attraction to the candidate
    attraction_from: float  # the candidate's attraction to the searching person
    true_match: bool


class CandidateIndex:
    """HNSW indexes over a population, one per designation, saved beside the population."""

    def __init__(self, pop: Population, indexes: dict[Designation, Any], rate: float) -> None:
        self.pop = pop
        self.rate = rate
        self.indexes = indexes
        self.rows = {d: np.flatnonzero(pop.designation == d.value) for d in _PAIRED}
        self.sides = {
            d: Side.from_vectors(pop.draws[rows], pop.gives[rows]) for d, rows in self.rows.items()
        }
        names, codes = np.unique(pop.district, return_inverse=True)
        self.district_names: list[str] = names.tolist()
        self.district_codes = codes.astype(np.int32)
        self._ages: dict[date, NDArray[np.int64]] = {}

    def ages(self, on: date) -> NDArray[np.int64]:
        """Everyone's age on ``on``, computed once per date."""
        if on not in self._ages:
            self._ages = {on: self.pop.age(on)}
        return self._ages[on]

    @classmethod
    def build(
        cls,
        pop: Population,
        settings: TopKSettings | None = None,
        on_side: Callable[[str], None] | None = None,
    ) -> CandidateIndex:
        settings = settings or TopKSettings()
        indexes = {}
        for designation in _PAIRED:
            if on_side is not None:
                on_side(designation.value)
            rows = np.flatnonzero(pop.designation == designation.value)
            indexes[designation] = build_index(
                Side.from_vectors(pop.draws[rows], pop.gives[rows]), settings
            )
        return cls(pop, indexes, settings.rate)

    def save(self, folder: Path, source: Path) -> None:
        import faiss

        folder.mkdir(parents=True, exist_ok=True)
        for designation, index in self.indexes.items():
            faiss.write_index(index, str(folder / f"{designation.value}.faiss"))
        (folder / "meta.json").write_text(json.dumps(_stamp(source, self.rate)))

    @classmethod
    def load(
        cls, pop: Population, folder: Path, source: Path, rate: float
    ) -> CandidateIndex | None:
        """The saved index if it was built from this very file and rate, else None."""
        import faiss

        meta = folder / "meta.json"
        if not meta.exists() or json.loads(meta.read_text()) != _stamp(source, rate):
            return None
        indexes = {d: faiss.read_index(str(folder / f"{d.value}.faiss")) for d in _PAIRED}
        return cls(pop, indexes, rate)

    def search(self, person_id: int, top: int, filters: Filters) -> list[Candidate]:
        """The ``top`` most compatible eligible people for ``person_id``, best first."""
        row = self.pop.row_of(person_id)
        own = Designation(str(self.pop.designation[row]))
        if own not in _PAIRED:
            raise ValueError(f"person {person_id} is a {own.value}; only Alphas and Omegas court")
        other = _PAIRED[own]
        mask = self._eligible(other, filters)
        me = Side.from_vectors(self.pop.draws[row : row + 1], self.pop.gives[row : row + 1])
        local = self._fetch(me, other, mask, top)
        return self._describe(me, other, local, top, filters.on)

    def _eligible(self, other: Designation, f: Filters) -> NDArray[np.bool_]:
        rows = self.rows[other]
        pop = self.pop
        age = self.ages(f.on)[rows]
        mask = (age >= max(f.age_of_majority, f.min_age or 0)) & ~pop.bonded[rows]
        if f.max_age is not None:
            mask &= age <= f.max_age
        if f.districts:
            wanted = [i for i, name in enumerate(self.district_names) if name in f.districts]
            mask &= np.isin(self.district_codes[rows], np.array(wanted, dtype=np.int32))
        if f.exclude_ids:
            mask &= ~np.isin(pop.ids[rows], np.array(f.exclude_ids, dtype=np.int64))
        if f.opted_in_only:
            mask &= pop.opted_in[rows]
        return np.asarray(mask, dtype=np.bool_)

    def _fetch(
        self,
        me: Side,
        other: Designation,
        mask: NDArray[np.bool_],
        top: int,
        scan_limit: int = 50_000,
    ) -> NDArray[np.int64]:
        allowed = np.flatnonzero(mask)
        if allowed.size <= scan_limit:
            return allowed
        import faiss

        # Filtered-out people still occupy the graph, so the search widens in proportion.
        fetch = max(150, 5 * top)
        ef = min(_MAX_EF, int(max(_EF, fetch) * mask.size / allowed.size))
        bitmap = np.packbits(mask, bitorder="little")
        selector = faiss.IDSelectorBitmap(mask.size, faiss.swig_ptr(bitmap))
        hnsw_params = faiss.SearchParametersHNSW  # type: ignore[attr-defined]  # not in stubs
        params = hnsw_params(sel=selector, efSearch=max(ef, fetch))
        _, ids = self.indexes[other].search(me.as_query(), fetch, params=params)
        found = ids[0]
        return np.asarray(found[found >= 0], dtype=np.int64)

    def _describe(
        self, me: Side, other: Designation, local: NDArray[np.int64], top: int, on: date
    ) -> list[Candidate]:
        side = self.sides[other]
        to = side.scent[local] @ me.perception[0]
        back = side.perception[local] @ me.scent[0]
        log_m = compat.log_mutual_of_affinities(to, back, me.dims, self.rate)
        order = np.lexsort((local, -log_m))[:top]
        tau = compat.threshold(me.dims, self.rate)
        rows = self.rows[other][local[order]]
        ages = self.ages(on)[rows]
        return [
            Candidate(
                id=int(self.pop.ids[r]),
                designation=other.value,
                age=int(a),
                district=str(self.pop.district[r]),
                compatibility=float(np.exp(log_m[i])),
                attraction_to=float(compat.attraction_of_affinity(to[i], me.dims, self.rate)),
                attraction_from=float(compat.attraction_of_affinity(back[i], me.dims, self.rate)),
                true_match=bool(to[i] >= tau and back[i] >= tau),
            )
            for i, r, a in zip(order, rows, ages, strict=True)
        ]


def _stamp(source: Path, rate: float) -> dict[str, Any]:
    stat = source.stat()
    return {"format": _FORMAT, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "rate": rate}
