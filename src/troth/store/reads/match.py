"""Read queries for matchmaking: the registry's Alphas and Omegas on a date, as NumPy
arrays (the matching engine's :class:`~troth.match.population.Population`), and the pairs
it must never propose (a live courtship between them, or a refusal by either).

The population holds every living Alpha and Omega presented by the date who has a scent
signature of the usual length, with two flags: ``opted_in`` (their latest matchmaking
choice effective on or before the date) and ``bonded`` (a bond sealed by the date and not
dissolved). Age is left to the engine (it needs the age of majority from the customs).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, and_, or_, select

from troth.domain.people import Designation
from troth.match.population import ExcludedPairs, Population, RegistryPopulation
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.tables import courtship as tc
from troth.store.tables import match as tm

__all__ = ["MatchReads"]

IntArray = NDArray[np.int64]


class MatchReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def population(self, on: date) -> RegistryPopulation:
        """Every living Alpha and Omega presented by ``on``, with flags and vectors."""
        p = t.people.c
        query = select(p.id, p.designation, p.born, p.district, p.scent_gives,
                       p.scent_draws).where(
            p.designation.in_([Designation.ALPHA.value, Designation.OMEGA.value]),
            p.presented_on <= on, p.born <= on, or_(p.died.is_(None), p.died > on),
        ).order_by(p.id)
        with self.engines.reader.connect() as conn:
            rows = conn.execute(query).all()
            scented = [r for r in rows if _usable(r.scent_gives) and _usable(r.scent_draws)]
            dims = _usual_dims(scented)
            kept = [r for r in scented
                    if len(r.scent_gives) == dims and len(r.scent_draws) == dims]
            ids = [r.id for r in kept]
            opted = _opted_in(conn, on)
            bonded = _bonded(conn, on)
        pop = _population(kept, dims, opted, bonded)
        return RegistryPopulation(pop, on, len(rows) - len(scented), len(scented) - len(ids))

    def excluded_pairs(self) -> ExcludedPairs:
        """Pairs with a live (proposed or open) courtship, and pairs where either declined."""
        c, k = tc.courtships.c, tc.consents.c
        with self.engines.reader.connect() as conn:
            live = conn.execute(select(c.alpha_id, c.omega_id).where(
                c.status.in_(["proposed", "open"]))).all()
            declined = conn.execute(select(c.alpha_id, c.omega_id).join(
                tc.consents, k.courtship_id == c.id).where(
                k.stage == "courtship", k.given.is_(False))).all()
        pairs: dict[tuple[int, int], str] = {(a, o): "declined" for a, o in declined}
        pairs.update({(a, o): "live_courtship" for a, o in live if (a, o) not in pairs})
        keys = sorted(pairs)
        return ExcludedPairs(
            np.array([a for a, _ in keys], dtype=np.int64),
            np.array([o for _, o in keys], dtype=np.int64),
            np.array([pairs[key] for key in keys], dtype=str),
        )

    def courting(self) -> IntArray:
        """Ids of everyone in a live (proposed or open) courtship, either side."""
        c = tc.courtships.c
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(c.alpha_id, c.omega_id).where(
                c.status.in_(["proposed", "open"]))).all()
        return np.array(sorted({p for row in rows for p in row}), dtype=np.int64)

    def opted_in(self, person_id: int, on: date) -> bool:
        """The person's matchmaking choice effective on ``on`` (False when never made)."""
        with self.engines.reader.connect() as conn:
            return person_id in _opted_in(conn, on, person_id)


def _usable(vector: Any) -> bool:
    return bool(vector) and any(float(x) != 0.0 for x in vector)


def _usual_dims(rows: list[Any]) -> int:
    counts = Counter(len(r.scent_gives) for r in rows
                     if len(r.scent_gives) == len(r.scent_draws) >= 2)
    return counts.most_common(1)[0][0] if counts else 2


def _opted_in(conn: Connection, on: date, person_id: int | None = None) -> set[int]:
    """Ids whose latest choice effective on or before ``on`` is to take part."""
    o = tm.matchmaking_opt_ins.c
    where = [o.on <= on] + ([o.person_id == person_id] if person_id is not None else [])
    rows = conn.execute(select(o.person_id, o.opted_in).where(and_(*where))
                        .order_by(o.on, o.ledger_seq)).all()
    latest = {r.person_id: bool(r.opted_in) for r in rows}
    return {pid for pid, yes in latest.items() if yes}


def _bonded(conn: Connection, on: date) -> set[int]:
    b = tc.bonds.c
    rows = conn.execute(select(b.alpha_id, b.omega_id).where(
        b.sealed_on <= on, or_(b.dissolved_on.is_(None), b.dissolved_on > on))).all()
    return {p for row in rows for p in row}


def _population(rows: list[Any], dims: int, opted: set[int], bonded: set[int]) -> Population:
    ids = np.array([r.id for r in rows], dtype=np.int64)

    def vectors(name: str) -> NDArray[np.float32]:
        flat = np.array([getattr(r, name) for r in rows], dtype=np.float32)
        return flat.reshape(len(rows), dims)

    return Population(
        ids=ids,
        designation=np.array([r.designation for r in rows], dtype=str).reshape(len(rows)),
        born=np.array([r.born for r in rows], dtype="datetime64[D]").reshape(len(rows)),
        district=np.array([r.district or "" for r in rows], dtype=str).reshape(len(rows)),
        gives=vectors("scent_gives"),
        draws=vectors("scent_draws"),
        opted_in=np.isin(ids, np.array(sorted(opted), dtype=np.int64)),
        bonded=np.isin(ids, np.array(sorted(bonded), dtype=np.int64)),
    )
