"""The importer's picture of a simulated town: who lives where, and who can serve.

A simulated history says how many handlers attended a Visit but not who they were, and it
names no officiant or witnesses. The importer fills those gaps from this mirror of the
town, deterministically: the people it picks for a Visit on a day are a pure function of
(seed, courtship, Visit number) and of the town as the log has built it up to that day.

Who may serve (the registry's rules, checked again by the registry on import): a living
adult Beta of the Omega's district, who is neither party nor the Omega's guardian, not
kin of either party (parent, child, or a shared parent), and not already serving at
another Visit or ceremony that day (so no one is booked in two places at once).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

PROBES = 48  # random probes into the district's pool before a full scan


@dataclass
class Resident:
    reg_id: int
    name: str
    born: date
    district: int
    parents: tuple[int, ...] = ()
    designation: str | None = None
    died: date | None = None

    def alive_on(self, day: date) -> bool:
        """Alive through the whole of `day` (a death that day rules the person out)."""
        return self.born <= day and (self.died is None or day < self.died)

    def age_on(self, day: date) -> int:
        years = day.year - self.born.year
        return years - 1 if (day.month, day.day) < (self.born.month, self.born.day) else years


def is_kin(a: Resident, a_id: int, b: Resident, b_id: int) -> bool:
    """Parent, child, or sibling through a shared parent (the registry's kin rule)."""
    return a_id in b.parents or b_id in a.parents or bool(set(a.parents) & set(b.parents))


@dataclass
class Town:
    seed: int
    districts: int
    majority: int = 18
    people: dict[int, Resident] = field(default_factory=dict)
    betas: dict[int, list[int]] = field(default_factory=dict)
    guardian_of: dict[int, int] = field(default_factory=dict)  # ward -> current guardian
    booked: dict[int, date] = field(default_factory=dict)  # person -> last day serving

    def add(self, sim_id: int, resident: Resident) -> None:
        self.people[sim_id] = resident
        if resident.designation is not None:
            self.present(sim_id, resident.designation)

    def present(self, sim_id: int, designation: str) -> None:
        person = self.people[sim_id]
        person.designation = designation
        if designation == "beta":
            self.betas.setdefault(person.district, []).append(sim_id)

    def reg(self, sim_id: int) -> int:
        return self.people[sim_id].reg_id

    def district_of(self, sim_id: int) -> int:
        return sim_id % self.districts

    def pick(self, day: date, district: int, count: int, parties: Sequence[int],
             key: tuple[int, ...]) -> list[int]:
        """`count` people who may serve at a Visit or ceremony of `parties` on `day`
        (sim ids), booked for that day. Fewer when the district has too few."""
        pool = self.betas.get(district, [])
        if not pool or count <= 0:
            return []
        rng = random.Random("import:" + ":".join(str(k) for k in (self.seed, *key)))
        chosen: list[int] = []
        blocked = set(parties) | {self.guardian_of.get(p, -1) for p in parties}
        for _ in range(PROBES):
            self._try(pool[rng.randrange(len(pool))], day, parties, blocked, chosen)
            if len(chosen) == count:
                break
        else:
            start = rng.randrange(len(pool))
            for i in range(len(pool)):
                if len(chosen) == count:
                    break
                self._try(pool[(start + i) % len(pool)], day, parties, blocked, chosen)
        for c in chosen:
            self.booked[c] = day
        return chosen

    def physician(self, day: date, district: int, patient: int) -> int | None:
        """A physician the patient chooses on `day` (a sim id): an adult Beta of her district,
        living, not her kin, drawn from (seed, patient) alone; never booked (a physician's
        measurement takes no Visit's place). None when the district has no one."""
        pool = self.betas.get(district, [])
        rng = random.Random(f"physician:{self.seed}:{patient}")
        start = rng.randrange(len(pool)) if pool else 0
        me = self.people[patient]
        for i in range(min(len(pool), PROBES * 4)):
            who = pool[(start + i) % len(pool)]
            person = self.people[who]
            if (who != patient and person.alive_on(day) and person.age_on(day) >= self.majority
                    and not is_kin(person, who, me, patient)):
                return who
        return None

    def _try(self, who: int, day: date, parties: Sequence[int], blocked: set[int],
             chosen: list[int]) -> None:
        if who in blocked or who in chosen or self.booked.get(who) == day:
            return
        person = self.people[who]
        if not person.alive_on(day) or person.age_on(day) < self.majority:
            return
        if any(is_kin(person, who, self.people[p], p) for p in parties):
            return
        chosen.append(who)


__all__ = ["Resident", "Town", "is_kin"]
