"""One reference model in Mesa 3 and on troth's engine: same rates, person-days per second.

The model (one step = one day): everyone ages; dies with the Gompertz daily hazard of the
default scenario; presents at 14 as Alpha / Beta / Omega (0.20 / 0.65 / 0.15); every
unbonded adult Alpha meets one random living person a day and, if that person is an
unbonded adult Omega, bonds with probability P_BOND; a bonded Omega under 45 whose partner
is alive gives birth with daily probability P_BIRTH. Founders are aged uniformly 0-80.

Mesa: one Agent object per person, `model.agents.shuffle_do("step")` each day.
troth: benchmarks/sim_reference_troth.py, on the simulator's own parts (keyed random
streams `troth.sim.rng`, the event calendar `troth.sim.calendar`, Gompertz lifespans drawn
at birth `troth.sim.demography`), settling windows of days at once; the benchmark checks
that this gives the same history as settling one day at a time.

Times are wall-clock and CPU seconds of the stepping (founding the population excluded);
the ratios use CPU seconds, which other jobs on a shared machine disturb less.

Run:  .venv/bin/python benchmarks/sim_vs_mesa.py [--quick]
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Callable

import mesa
import numpy as np
from sim_reference_troth import (
    ADULT,
    ALPHA,
    FERTILE_TO,
    MORT,
    OMEGA,
    P_BIRTH,
    P_BOND,
    PRESENT,
    SHARES,
    run_troth,
    same_history,
)

from troth.sim.demography import YEAR, survival

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
            if (
                other.alive
                and other.desig == OMEGA
                and other.partner is None
                and other.age >= ADULT
                and rnd() < P_BOND
            ):
                self.partner, other.partner = other, self
                m.bonds += 1
        elif (
            self.desig == OMEGA
            and self.partner is not None
            and self.partner.alive
            and self.age < FERTILE_TO
            and rnd() < P_BIRTH
        ):
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
    began, cpu = time.perf_counter(), time.process_time()
    for _ in range(days):
        town.step()
    secs, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {
        "person_days": town.person_days,
        "seconds": secs,
        "cpu": cpu,
        "deaths": town.deaths,
        "bonds": town.bonds,
        "births": town.births,
    }


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
    same = same_history(n, days, 1)
    print(f"troth settling windows of days = settling day by day: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit("the windowed troth run differs from the day-by-day one")


def timed(
    fn: Callable[[int, int, int], dict[str, float]], n: int, days: int, repeats: int
) -> dict[str, float]:
    """The run with the median CPU time of `repeats` runs."""
    runs = sorted((fn(n, days, 2) for _ in range(repeats)), key=lambda r: r["cpu"])
    return runs[len(runs) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer days (a smoke run)")
    args = ap.parse_args()
    q = args.quick
    print("load average at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    compare_rates(10_000, 120 if q else 730)
    # (engine, people, days, runs: troth's short runs are repeated, the median reported)
    rows = [
        ("Mesa 3", 10_000, 30 if q else 365, 1),
        ("Mesa 3", 100_000, 5 if q else 30, 1),
        ("troth", 10_000, 30 if q else 365, 7),
        ("troth", 100_000, 30 if q else 365, 5),
        ("troth", 1_000_000, 30 if q else 365, 1),
        ("troth", 10_000_000, 10 if q else 90, 1),
    ]
    print(
        f"\n{'engine':<8}{'people':>12}{'days':>6}{'runs':>5}{'wall s':>9}{'CPU s':>9}"
        f"{'person-days/CPU s':>19}"
    )
    speed: dict[tuple[str, int], float] = {}
    wall: dict[tuple[str, int], float] = {}
    for name, n, days, runs in rows:
        r = timed(run_mesa if name == "Mesa 3" else run_troth, n, days, runs)
        speed[(name, n)] = r["person_days"] / r["cpu"]
        wall[(name, n)] = r["person_days"] / r["seconds"]
        print(
            f"{name:<8}{n:>12,}{days:>6}{runs:>5}{r['seconds']:>9.3f}{r['cpu']:>9.3f}"
            f"{speed[(name, n)]:>19,.0f}"
        )
    for n in (10_000, 100_000):
        ratio = speed[("troth", n)] / speed[("Mesa 3", n)]
        by_wall = wall[("troth", n)] / wall[("Mesa 3", n)]
        print(f"troth / Mesa at {n:,} people: {ratio:.0f}x by CPU time ({by_wall:.0f}x by wall)")
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
