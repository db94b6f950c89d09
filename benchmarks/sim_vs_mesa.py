"""One reference model in Mesa 3 and on troth's engine: same rates, person-days per second.

The model (one step = one day): everyone ages; dies with the Gompertz daily hazard of the
default scenario; presents at 14 as Alpha / Beta / Omega (0.20 / 0.65 / 0.15); every
unbonded adult Alpha meets one random living person a day and, if that person is an
unbonded adult Omega, bonds with probability P_BOND; a bonded Omega under 45 whose partner
is alive gives birth with daily probability P_BIRTH. Founders are aged uniformly 0-80.

Mesa: one Agent object per person, `model.agents.shuffle_do("step")` each day.
troth: the simulator's own parts (keyed random streams `troth.sim.rng`, the event calendar
`troth.sim.calendar`, Gompertz lifespans drawn at birth `troth.sim.demography`), with
deaths, presentations, coming of age and births as calendar events and the day's meetings
as one vectorised draw over the seeking Alphas.

Run:  .venv/bin/python benchmarks/sim_vs_mesa.py [--quick]
"""

from __future__ import annotations

import argparse
import math
import time

import mesa
import numpy as np

from troth.sim.calendar import Calendar, Due
from troth.sim.demography import YEAR, death_days, survival
from troth.sim.rng import Rule, uniform
from troth.sim.scenario import default_scenario

MORT = default_scenario().mortality
SHARES = (0.20, 0.65, 0.15)
PRESENT, ADULT, FERTILE_TO = int(14 * YEAR), int(18 * YEAR), int(45 * YEAR)
P_BOND, P_BIRTH = 0.05, 1.0 / (3 * 365)
ALPHA, OMEGA = 1, 3
NOBODY = -1


# --- Mesa ---------------------------------------------------------------------------------

_ages = np.arange(0, 130 * 366) / YEAR
_S = survival(MORT, _ages)
HAZARD = (1.0 - _S[1:] / np.maximum(_S[:-1], 1e-300)).tolist()


class Person(mesa.Agent):
    def __init__(self, model: MesaTown, age: int) -> None:
        super().__init__(model)
        self.age, self.desig, self.partner, self.alive = age, 0, None, True
        if age >= PRESENT:
            self.desig = model.designation()

    def step(self) -> None:
        m = self.model
        rnd = m.random.random
        self.age += 1
        if rnd() < HAZARD[self.age]:
            self.alive = False
            m.deaths += 1
            self.remove()
            return
        if self.desig == 0 and self.age >= PRESENT:
            self.desig = m.designation()
        if self.desig == ALPHA and self.partner is None and self.age >= ADULT:
            other = m.random.choice(m.today)
            if (other.alive and other.desig == OMEGA and other.partner is None
                    and other.age >= ADULT and rnd() < P_BOND):
                self.partner, other.partner = other, self
                m.bonds += 1
        elif (self.desig == OMEGA and self.partner is not None and self.partner.alive
              and self.age < FERTILE_TO and rnd() < P_BIRTH):
            Person(m, 0)
            m.births += 1


class MesaTown(mesa.Model):
    def __init__(self, n: int, seed: int) -> None:
        super().__init__(rng=seed)
        self.deaths = self.bonds = self.births = 0
        self.person_days = 0
        for _ in range(n):
            Person(self, int(self.random.random() * 80 * YEAR))

    def designation(self) -> int:
        u = self.random.random()
        return 1 if u < SHARES[0] else (2 if u < SHARES[0] + SHARES[1] else 3)

    def step(self) -> None:
        self.today = list(self.agents)
        self.person_days += len(self.today)
        self.agents.shuffle_do("step")


def run_mesa(n: int, days: int, seed: int) -> dict[str, float]:
    town = MesaTown(n, seed)
    began = time.perf_counter()
    for _ in range(days):
        town.step()
    secs = time.perf_counter() - began
    return {"person_days": town.person_days, "seconds": secs, "deaths": town.deaths,
            "bonds": town.bonds, "births": town.births}


# --- troth's engine ---------------------------------------------------------------------


class TrothTown:
    """Struct of arrays plus troth's calendar; meetings vectorised per day."""

    def __init__(self, n: int, seed: int) -> None:
        self.seed, self.n, cap = seed, 0, int(n * 1.5) + 16
        self.born = np.zeros(cap, np.int64)
        self.death = np.zeros(cap, np.int64)
        self.desig = np.zeros(cap, np.int8)
        self.fate = np.zeros(cap, np.int8)
        self.partner = np.full(cap, NOBODY, np.int64)
        self.cal = Calendar(cap)
        self.seeking = np.empty(0, np.int64)
        self.deaths = self.bonds = self.births = self.person_days = 0
        ids = np.arange(n, dtype=np.int64)
        age = np.floor(uniform(seed, Rule.FOUNDER_AGE, ids, 0) * 80 * YEAR).astype(np.int64)
        self._add(-age, age)

    def _add(self, born: np.ndarray, reached: np.ndarray) -> np.ndarray:
        rows = np.arange(self.n, self.n + born.size, dtype=np.int64)
        if rows.size and rows[-1] >= self.born.size:
            self._grow(rows[-1] + 1)
        self.n += born.size
        self.born[rows] = born
        self.death[rows] = death_days(self.seed, MORT, rows, born, reached)
        u = uniform(self.seed, Rule.PRESENT, rows, born)
        fate = np.where(u < SHARES[0], 1, np.where(u < SHARES[0] + SHARES[1], 2, 3))
        present = born + PRESENT
        done = present <= 0
        self.desig[rows[done]] = fate[done]
        self.fate[rows] = fate
        self.cal.set(Due.DEATH, rows, self.death[rows])
        self.cal.set(Due.PRESENT, rows[~done], present[~done])
        alpha_rows = rows[fate == ALPHA]
        self.cal.set(Due.ORPHAN, alpha_rows, np.maximum(self.born[alpha_rows] + ADULT, 0))
        return rows

    def _grow(self, need: int) -> None:
        cap = max(need, int(self.born.size * 1.5))
        fills = (("born", 0), ("death", 0), ("desig", 0), ("fate", 0), ("partner", NOBODY))
        for name, fill in fills:
            old = getattr(self, name)
            new = np.full(cap, fill, old.dtype)
            new[: old.size] = old
            setattr(self, name, new)
        self.cal.ensure(cap)

    def step(self, t: int) -> None:
        self.person_days += int(self.n - self.deaths)
        dead = self.cal.due(Due.DEATH, t)
        self.deaths += dead.size
        self.cal.next[:, dead] = np.iinfo(np.int64).max // 2
        shown = self.cal.due(Due.PRESENT, t)
        self.desig[shown] = self.fate[shown]
        grown = self.cal.due(Due.ORPHAN, t)  # coming of age (Alphas only)
        if grown.size:
            self.seeking = np.concatenate([self.seeking, grown])
        self._meet(t)
        self._births(t)

    def _meet(self, t: int) -> None:
        s = self.seeking
        s = s[(self.death[s] > t) & (self.partner[s] == NOBODY)]
        self.seeking = s
        if s.size == 0:
            return
        other = np.floor(uniform(self.seed, Rule.CANDIDATE, s, t) * self.n).astype(np.int64)
        ok = ((self.death[other] > t) & (self.desig[other] == OMEGA)
              & (self.partner[other] == NOBODY) & (t - self.born[other] >= ADULT)
              & (uniform(self.seed, Rule.CHOICE, s, t) < P_BOND))
        a, o = s[ok], other[ok]
        o, first = np.unique(o, return_index=True)
        a = a[first]
        self.partner[a], self.partner[o] = o, a
        self.bonds += a.size
        self._schedule_birth(o, t)

    def _schedule_birth(self, rows: np.ndarray, t: int) -> None:
        u = uniform(self.seed, Rule.BETA_BIRTH, rows, t)
        wait = 1 + np.floor(np.log(u) / math.log1p(-P_BIRTH)).astype(np.int64)
        self.cal.set(Due.BETA_BIRTH, rows, t + wait)

    def _births(self, t: int) -> None:
        mums = self.cal.due(Due.BETA_BIRTH, t)
        if mums.size == 0:
            return
        mums = mums[(self.death[mums] > t) & (self.death[self.partner[mums]] > t)
                    & (t - self.born[mums] < FERTILE_TO)]
        self.births += mums.size
        self._add(np.full(mums.size, t, np.int64), np.zeros(mums.size, np.int64))
        self._schedule_birth(mums, t)


def run_troth(n: int, days: int, seed: int) -> dict[str, float]:
    town = TrothTown(n, seed)
    began = time.perf_counter()
    for t in range(days):
        town.step(t)
    secs = time.perf_counter() - began
    return {"person_days": town.person_days, "seconds": secs, "deaths": town.deaths,
            "bonds": town.bonds, "births": town.births}


# --- the comparison -------------------------------------------------------------------------


def compare_rates(n: int, days: int) -> None:
    mesa_r, troth_r = run_mesa(n, days, 1), run_troth(n, days, 1)
    print(f"\nRates per 1,000 person-years, {n:,} people x {days} days (z: Poisson z-score)")
    print(f"{'event':<8}{'Mesa':>10}{'troth':>10}{'z':>7}")
    for key in ("deaths", "bonds", "births"):
        a, b = mesa_r[key], troth_r[key]
        ra = a / mesa_r["person_days"] * YEAR * 1000
        rb = b / troth_r["person_days"] * YEAR * 1000
        z = (ra - rb) / math.sqrt(ra**2 / max(a, 1) + rb**2 / max(b, 1))
        print(f"{key:<8}{ra:>10.2f}{rb:>10.2f}{z:>7.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer days (a smoke run)")
    args = ap.parse_args()
    q = args.quick
    compare_rates(10_000, 120 if q else 730)
    rows = [("Mesa 3", 10_000, 30 if q else 365, run_mesa),
            ("Mesa 3", 100_000, 5 if q else 30, run_mesa),
            ("troth", 10_000, 30 if q else 365, run_troth),
            ("troth", 100_000, 30 if q else 365, run_troth),
            ("troth", 1_000_000, 30 if q else 365, run_troth),
            ("troth", 10_000_000, 10 if q else 90, run_troth)]
    print(f"\n{'engine':<8}{'people':>12}{'days':>6}{'seconds':>10}{'person-days/s':>16}")
    speed: dict[tuple[str, int], float] = {}
    for name, n, days, fn in rows:
        r = fn(n, days, 2)
        speed[(name, n)] = r["person_days"] / r["seconds"]
        print(f"{name:<8}{n:>12,}{days:>6}{r['seconds']:>10.2f}{speed[(name, n)]:>16,.0f}")
    for n in (10_000, 100_000):
        print(f"troth / Mesa at {n:,} people: {speed[('troth', n)] / speed[('Mesa 3', n)]:.0f}x")


if __name__ == "__main__":
    main()
