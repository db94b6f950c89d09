"""Registry statistics as aggregates (no person named): the living population by
designation and age band, Visits held, bondings and annulments per month, and how long the
welfare queue's open incidents have waited."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.tables import courtship as tc

Band = tuple[int, int]
DESIGNATIONS = ("alpha", "beta", "omega", "unpresented")


class StatsReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def population(self, today: date, bands: list[Band]) -> dict[str, list[int]]:
        """Living people per designation ("unpresented" for none) in each age band."""
        p = t.people.c
        with self.engines.reader.connect() as conn:
            rows = conn.execute(select(p.designation, p.born).where(p.died.is_(None))).all()
        out = {k: [0] * len(bands) for k in DESIGNATIONS}
        for designation, born in rows:
            age = (today - born).days // 365
            for i, (lo, hi) in enumerate(bands):
                if lo <= age <= hi:
                    out[designation or "unpresented"][i] += 1
        return out

    def monthly(self, months: list[tuple[int, int]]) -> dict[str, list[int]]:
        """Visits held, bondings and annulments in each (year, month)."""
        with self.engines.reader.connect() as conn:
            held = conn.execute(select(tc.visits.c.starts_at).where(
                tc.visits.c.status == "held")).scalars().all()
            sealed = conn.execute(select(tc.bonds.c.sealed_on)).scalars().all()
            dissolved = conn.execute(select(tc.bonds.c.dissolved_on).where(
                tc.bonds.c.dissolved_on.is_not(None))).scalars().all()
        out = {}
        for name, days in (("Visits held", held), ("Bondings", sealed),
                           ("Annulments", dissolved)):
            counts = Counter((d.year, d.month) for d in days)
            out[name] = [counts.get(m, 0) for m in months]
        return out

    def queue_waits(self, today: date, bands: list[Band]) -> list[int]:
        """Open incidents by days waited, in each band (inclusive bounds)."""
        i = tc.incidents.c
        with self.engines.reader.connect() as conn:
            days = conn.execute(select(i.on).where(i.status == "open")).scalars().all()
        out = [0] * len(bands)
        for d in days:
            wait = (today - d).days
            for k, (lo, hi) in enumerate(bands):
                if lo <= wait <= hi:
                    out[k] += 1
        return out
