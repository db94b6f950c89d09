"""Stated preferences: people who name, in order, whom they would most like to be introduced to.

Input: one row per stated preference — ``person_id``, ``preferred_id``, ``rank`` (1 = most
preferred; gaps are allowed, only the order counts) — from a CSV or Parquet file
(:func:`read_stated`), from columns (:meth:`StatedPreferences.from_columns`) or from a
mapping ``{person_id: [preferred ids, best first]}`` (:func:`as_stated`).

Checked against the whole population (:func:`check`), each failure naming its row: an id
that is not in the population, a person preferring themself, a person who is not an Alpha or
an Omega, a preferred person of the wrong designation (an Alpha names Omegas and an Omega
Alphas), the same preferred person twice, the same rank twice. Rows whose person or
preferred person is not taking part (under the age of majority, bonded, not opted in) are not
errors: :func:`resolve` skips them and counts them by reason, because eligibility changes
with the date of the run while the file stays the same.

What a stated preference means (see docs/matching.md): it places the preferred person first
in the *stating* person's list, in stated order, ahead of the computed top-k. It makes the
pair acceptable from the stating side only; the other person's list is theirs, so the pair
can be matched only when the other person also lists them (computed or stated).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from troth.domain.people import Designation
from troth.match.population import Population

__all__ = ["COLUMNS", "Resolved", "StatedPreferences", "StatedUse", "ahead", "as_stated",
           "check", "listed_back", "read_stated", "resolve", "set_aside", "stated_by"]  # fmt: skip

IntArray = NDArray[np.int64]
COLUMNS = ("person_id", "preferred_id", "rank")
SKIP_REASONS = ("under_age", "bonded", "not_opted_in")


@dataclass(frozen=True)
class StatedPreferences:
    """Stated preferences as columns. Error messages name row i as ``f"{where} {n}"``, n
    being ``numbers[i]`` (a CSV file's line) or i + 1; ``where=""`` names it by person and
    rank instead (for preferences given as a mapping)."""

    person_id: IntArray
    preferred_id: IntArray
    rank: IntArray
    where: str = "row"
    numbers: IntArray | None = None

    def __len__(self) -> int:
        return int(self.person_id.shape[0])

    def label(self, row: int) -> str:
        if not self.where:
            return f"person {self.person_id[row]}'s preference #{self.rank[row]}"
        number = row + 1 if self.numbers is None else int(self.numbers[row])
        return f"{self.where} {number}"

    @classmethod
    def from_columns(cls, person_id: Any, preferred_id: Any, rank: Any, where: str = "row",
                     numbers: Any = None) -> StatedPreferences:  # fmt: skip
        """From three equal-length integer sequences; ValueError naming a bad row."""
        cols = [np.asarray(c) for c in (person_id, preferred_id, rank)]
        if len({c.shape for c in cols}) != 1 or cols[0].ndim != 1:
            raise ValueError("person_id, preferred_id and rank must be 1-D and of equal length")
        for name, col in zip(COLUMNS, cols, strict=True):
            if col.size and (col.dtype == np.bool_ or not np.issubdtype(col.dtype, np.integer)):
                raise ValueError(f"stated preferences: column {name} must hold whole numbers,"
                                 f" got {col.dtype}")  # fmt: skip
        ints = [c.astype(np.int64) for c in cols]
        lines = None if numbers is None else np.asarray(numbers, dtype=np.int64)
        found = cls(ints[0], ints[1], ints[2], where, lines)
        low = np.flatnonzero(found.rank < 1)
        if low.size:
            row = int(low[0])
            raise ValueError(f"{found.label(row)}: rank {found.rank[row]} is not allowed;"
                             " ranks are whole numbers from 1 (most preferred)")  # fmt: skip
        return found


def as_stated(stated: StatedPreferences | Mapping[int, Sequence[int]]) -> StatedPreferences:
    """A :class:`StatedPreferences` as is, or one built from ``{person: [ids, best first]}``."""
    if isinstance(stated, StatedPreferences):
        return stated
    people, preferred, ranks = [], [], []
    for person, ids in stated.items():
        for position, other in enumerate(ids, 1):
            people.append(int(person))
            preferred.append(int(other))
            ranks.append(position)
    empty = np.zeros(0, dtype=np.int64)
    if not people:
        return StatedPreferences(empty, empty, empty)
    return StatedPreferences.from_columns(people, preferred, ranks, where="")


def read_stated(path: Path) -> StatedPreferences:
    """Read a CSV (header row) or Parquet file with columns person_id, preferred_id, rank."""
    if not path.exists():
        raise ValueError(f"preferences file {path} does not exist")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".parquet", ".pq"):
        return _read_parquet(path)
    raise ValueError(f"preferences file {path}: give a .csv or .parquet file")


def _read_csv(path: Path) -> StatedPreferences:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        _require_columns(path, reader.fieldnames or [])
        cols: list[list[int]] = [[], [], []]
        lines = []
        for row in reader:
            label = f"{path.name} line {reader.line_num}"
            for values, name in zip(cols, COLUMNS, strict=True):
                values.append(_whole(row.get(name), name, label))
            lines.append(reader.line_num)
    where = f"{path.name} line"
    return StatedPreferences.from_columns(cols[0], cols[1], cols[2], where, lines)


def _whole(text: str | None, name: str, label: str) -> int:
    value = (text or "").strip()
    try:
        return int(value)
    except ValueError:
        shown = f"'{value}'" if value else "empty"
        raise ValueError(f"{label}: {name} is {shown}, not a whole number") from None


def _read_parquet(path: Path) -> StatedPreferences:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    _require_columns(path, table.column_names)
    cols = []
    for name in COLUMNS:
        column = table.column(name)
        nulls = np.flatnonzero(column.is_null().to_numpy(zero_copy_only=False))
        if nulls.size:
            raise ValueError(f"{path.name} row {nulls[0] + 1}: {name} is empty")
        cols.append(column.to_numpy(zero_copy_only=False))
    return StatedPreferences.from_columns(cols[0], cols[1], cols[2], f"{path.name} row")


def _require_columns(path: Path, names: Sequence[str]) -> None:
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise ValueError(f"preferences file {path.name} lacks column(s) {', '.join(missing)}"
                         f" (expected {', '.join(COLUMNS)})")  # fmt: skip


def _rows_of(pop: Population, ids: IntArray) -> IntArray:
    """Population row of each id, -1 where the id is not in the population."""
    order = np.argsort(pop.ids, kind="stable")
    at = np.minimum(np.searchsorted(pop.ids[order], ids), max(len(pop) - 1, 0))
    if len(pop) == 0:
        return np.full(ids.shape, -1, dtype=np.int64)
    rows = order[at]
    return np.where(pop.ids[rows] == ids, rows, -1).astype(np.int64)


def check(stated: StatedPreferences, pop: Population) -> tuple[IntArray, IntArray]:
    """The population rows of each row's person and preferred person; ValueError naming the
    first bad row (and how many more there are) otherwise."""
    who, whom = _rows_of(pop, stated.person_id), _rows_of(pop, stated.preferred_id)
    pid, oid = stated.person_id, stated.preferred_id
    known = (who >= 0) & (whom >= 0)
    mine = np.where(known, pop.designation[np.maximum(who, 0)], "")
    theirs = np.where(known, pop.designation[np.maximum(whom, 0)], "")
    pairable = np.isin(mine, [Designation.ALPHA.value, Designation.OMEGA.value])
    again, first_named = _repeats(pid, oid)
    twice, first_ranked = _repeats(pid, stated.rank)
    checks: list[tuple[NDArray[np.bool_], Callable[[int], str]]] = [
        (who < 0, lambda i: f"person_id {pid[i]} is not in the population"),
        (whom < 0, lambda i: f"preferred_id {oid[i]} is not in the population"),
        (pid == oid, lambda i: f"person {pid[i]} prefers themself"),
        (known & ~pairable, lambda i: f"person {pid[i]} is {_a(mine[i])}; only Alphas and"
         " Omegas state preferences"),
        (known & ((mine == theirs) | (theirs == Designation.BETA.value)),
         lambda i: f"person {pid[i]} ({mine[i]}) prefers {oid[i]}, {_a(theirs[i])}; an Alpha"
         " names Omegas and an Omega names Alphas"),
        (again, lambda i: f"person {pid[i]} names {oid[i]} again (also at"
         f" {stated.label(int(first_named[i]))})"),
        (twice, lambda i: f"person {pid[i]} gives rank {stated.rank[i]} twice (also at"
         f" {stated.label(int(first_ranked[i]))})"),
    ]  # fmt: skip
    bad = np.zeros(len(stated), dtype=np.bool_)
    for mask, _ in checks:
        bad |= mask
    if bad.any():
        row = int(np.argmax(bad))
        say = next(say for mask, say in checks if mask[row])
        more = int(bad.sum()) - 1
        tail = f" (and {more} more bad row{'s' if more > 1 else ''})" if more else ""
        raise ValueError(f"{stated.label(row)}: {say(row)}{tail}")
    return who, whom


def _a(designation: str) -> str:
    return f"an {designation}" if designation[:1] in "aeiou" else f"a {designation}"


def _repeats(person: IntArray, values: IntArray) -> tuple[NDArray[np.bool_], IntArray]:
    """Which rows repeat an earlier row's (person, value), and that earlier row's index."""
    n = person.size
    order = np.lexsort((np.arange(n), values, person))
    same = np.zeros(n, dtype=np.bool_)
    same[1:] = (person[order][1:] == person[order][:-1]) & (values[order][1:] == values[order][:-1])
    start = np.maximum.accumulate(np.where(same, 0, np.arange(n))) if n else order
    repeated = np.zeros(n, dtype=np.bool_)
    repeated[order] = same
    earlier = np.empty(n, dtype=np.int64)
    earlier[order] = order[start]
    return repeated, earlier


@dataclass(frozen=True)
class Resolved:
    """Stated lists as indices into the other side, -1 padded, best first; and the counts."""

    proposers: IntArray  # (n_proposers, s): receiver indices
    receivers: IntArray  # (n_receivers, s'): proposer indices
    rows: int
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def used(self) -> int:
        return int((self.proposers >= 0).sum() + (self.receivers >= 0).sum())


def _reasons(pop: Population, on: date, age_of_majority: int) -> NDArray[np.str_]:
    """Why each person is not taking part ('' where they are, as far as these go)."""
    return np.select(
        [~pop.adult(on, age_of_majority), pop.bonded, ~pop.opted_in],
        list(SKIP_REASONS), default="",
    )  # fmt: skip


def resolve(stated: StatedPreferences, pop: Population, p_rows: IntArray, r_rows: IntArray,
            on: date, age_of_majority: int = 18) -> Resolved:  # fmt: skip
    """Check ``stated`` (:func:`check`) and turn it into per-side lists of indices, skipping
    and counting rows whose person or preferred person is not among ``p_rows``/``r_rows``."""
    who, whom = check(stated, pop)
    side_of = np.full(len(pop), -1, dtype=np.int64)
    side_of[p_rows], side_of[r_rows] = np.arange(p_rows.size), np.arange(r_rows.size)
    taking_part = side_of >= 0
    why = _reasons(pop, on, age_of_majority)
    skipped: dict[str, int] = {}
    for whose, rows in (("person", who), ("preferred", whom)):
        out = ~taking_part[rows]
        if whose == "preferred":
            out &= taking_part[who]  # a row is counted once, under its stating person
        reasons, counts = np.unique(np.where(why[rows] == "", "other", why[rows])[out],
                                    return_counts=True)  # fmt: skip
        skipped.update({f"{whose}_{r}": int(c) for r, c in zip(reasons, counts, strict=True)})
    keep = taking_part[who] & taking_part[whom]
    proposer_rows = np.isin(who, p_rows)
    lists = []
    for mine, n in ((keep & proposer_rows, p_rows.size), (keep & ~proposer_rows, r_rows.size)):
        lists.append(_padded(side_of[who[mine]], side_of[whom[mine]], stated.rank[mine], n))
    return Resolved(lists[0], lists[1], len(stated), skipped)


def _padded(owner: IntArray, other: IntArray, rank: IntArray, n: int) -> IntArray:
    """(n, max listed) matrix: row i holds ``other`` of owner i by rank, -1 padded."""
    counts = np.bincount(owner, minlength=n)
    width = int(counts.max(initial=0))
    out = np.full((n, width), -1, dtype=np.int64)
    if owner.size:
        order = np.lexsort((rank, owner))
        owner, other = owner[order], other[order]
        column = np.arange(owner.size) - (np.cumsum(counts) - counts)[owner]
        out[owner, column] = other
    return out


def ahead(first: IntArray, rest: IntArray) -> IntArray:
    """Each row's stated entries (``first``, -1 padded, may hold gaps) followed by its
    computed ones (``rest``) without repeats, -1 padded at the end: shape (n, s + k)."""
    n, s = first.shape
    listed = np.flatnonzero((first >= 0).any(axis=1)) if s else np.zeros(0, dtype=np.int64)
    if listed.size == 0:
        return rest
    out = np.full((n, s + rest.shape[1]), -1, dtype=np.int64)
    out[:, : rest.shape[1]] = rest
    mine, computed = first[listed], rest[listed].copy()
    span = int(max(first.max(initial=0), rest.max(initial=0))) + 2
    rows = np.arange(listed.size, dtype=np.int64)[:, None] * span
    seen = (rows + mine + 1)[mine >= 0]
    computed[np.isin(rows + computed + 1, seen) & (computed >= 0)] = -1
    both = np.concatenate([mine, computed], axis=1)
    order = np.argsort(both < 0, axis=1, kind="stable")
    out[listed] = np.take_along_axis(both, order, axis=1)
    return out


def listed_back(stated: IntArray, other_prefs: IntArray) -> int:
    """How many stated entries (i names j) are answered by j listing i in ``other_prefs``."""
    owner, col = np.nonzero(stated >= 0)
    if owner.size == 0:
        return 0
    return int((other_prefs[stated[owner, col]] == owner[:, None]).any(axis=1).sum())


def stated_by(resolved: Resolved, partner: IntArray) -> NDArray[np.int8]:
    """Per proposer: 1 if they stated their partner, 2 if the partner stated them, 3 both,
    0 otherwise (or unmatched)."""
    out = np.zeros(partner.size, dtype=np.int8)
    matched = np.flatnonzero(partner >= 0)
    if matched.size == 0:
        return out
    mine = (resolved.proposers[matched] == partner[matched][:, None]).any(axis=1)
    theirs = (resolved.receivers[partner[matched]] == matched[:, None]).any(axis=1)
    out[matched] = mine.astype(np.int8) + 2 * theirs.astype(np.int8)
    return out


@dataclass(frozen=True)
class StatedUse:
    """What became of the stated preferences in one run (for the summary)."""

    rows: int  # rows given
    used: int  # entered a person's final list
    listed_back: int  # of those, the preferred person lists the stating person too
    skipped: dict[str, int]  # by reason: person_/preferred_ + under_age, bonded, ...
    by: NDArray[np.int8] = field(repr=False)  # per proposer, see :func:`stated_by`

    @property
    def pairs(self) -> int:
        return int((self.by > 0).sum())


def set_aside(stated: StatedPreferences, pop: Population, out: NDArray[np.bool_],
              reason: str) -> tuple[StatedPreferences, dict[str, int]]:  # fmt: skip
    """``stated`` (checked) without the rows whose person or preferred person is flagged in
    ``out`` (per population row), and their counts under ``person_``/``preferred_`` +
    ``reason`` (a row counts once, under its person first). Row names are kept."""
    who, whom = check(stated, pop)
    mine = out[who]
    theirs = out[whom] & ~mine
    keep = ~(mine | theirs)
    counts = {f"person_{reason}": int(mine.sum()), f"preferred_{reason}": int(theirs.sum())}
    numbers = np.arange(1, len(stated) + 1) if stated.numbers is None else stated.numbers
    kept = StatedPreferences(stated.person_id[keep], stated.preferred_id[keep],
                             stated.rank[keep], stated.where, numbers[keep])  # fmt: skip
    return kept, {k: v for k, v in counts.items() if v}
