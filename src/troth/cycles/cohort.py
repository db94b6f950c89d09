"""A cohort generator with known true parameters (until the population simulator exists).

Per person: an unbonded regime (irregular: person mean ~ N(68, 10²) days, person spread
~ LogNormal(log 11, 0.3)), a bond date for most, a transition wait from the bond to the
first heat after it (Gamma, mean 45, sd 18; a heat due after the bond is cancelled), then
a bonded regime (regular: mean ~ N(40, 4²), spread ~ LogNormal(log 2.2, 0.35)). Each heat
goes unrecorded with the person's missed rate (uniform 0–20%); a few heats are delayed by
an illness and recorded as excluded; a share of people never have a heat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from troth.cycles.records import HeatRecord, History, NoHeatsFinding

__all__ = ["CohortSpec", "GeneratedPerson", "example_history", "generate_cohort"]

FloatArray = NDArray[np.float64]
MIN_GAP = 12.0


@dataclass(frozen=True)
class CohortSpec:
    persons: int = 400
    days: int = 1460  # observed from presentation for this long
    unbonded: tuple[float, float, float, float] = (68.0, 10.0, 11.0, 0.3)  # mean, spread,
    bonded: tuple[float, float, float, float] = (40.0, 4.0, 2.2, 0.35)  # median sd, log-sd sd
    transition: tuple[float, float] = (45.0, 18.0)  # Gamma mean and sd, days after the bond
    missed_max: float = 0.2
    never_share: float = 0.05
    bonded_share: float = 0.75
    bond_window: tuple[int, int] = (120, 900)  # days after presentation
    illness_share: float = 0.02
    illness_delay: float = 10.0
    first_day: date = date(2020, 1, 1)


@dataclass(frozen=True)
class GeneratedPerson:
    history: History  # the full recorded history (the forecaster sees prefixes of it)
    origin: date
    heat_days: FloatArray  # true heat start times, days after origin (recorded or not)
    recorded: NDArray[np.bool_]
    mu_u: float
    sigma_u: float
    mu_b: float
    sigma_b: float
    missed: float
    never: bool
    bond_day: float | None = None

    def true_dates(self) -> list[date]:
        return [self.origin + timedelta(days=int(t)) for t in self.heat_days]


def _person_params(spec: CohortSpec, rng: np.random.Generator) -> dict[str, float]:
    u, b = spec.unbonded, spec.bonded
    return {
        "mu_u": rng.normal(u[0], u[1]), "sigma_u": u[2] * np.exp(u[3] * rng.standard_normal()),
        "mu_b": rng.normal(b[0], b[1]), "sigma_b": b[2] * np.exp(b[3] * rng.standard_normal()),
        "missed": rng.uniform(0.0, spec.missed_max),
    }


def _heat_times(spec: CohortSpec, p: dict[str, float], bond: float | None,
                rng: np.random.Generator) -> tuple[list[float], list[bool]]:
    """True heat start times and whether each was delayed by an illness."""
    tm, ts = spec.transition
    times: list[float] = []
    ill: list[bool] = []
    t, bonded = rng.uniform(0.0, p["mu_u"]), False
    while True:
        if bond is not None and not bonded and t >= bond:
            t, bonded = bond + rng.gamma((tm / ts) ** 2, ts**2 / tm), True
        if t >= spec.days:
            return times, ill
        sick = bool(rng.random() < spec.illness_share)
        if sick:
            t += rng.exponential(spec.illness_delay)
        times.append(t)
        ill.append(sick)
        mu, sd = (p["mu_b"], p["sigma_b"]) if bonded else (p["mu_u"], p["sigma_u"])
        t += max(rng.normal(mu, sd), MIN_GAP)


def _person(spec: CohortSpec, rng: np.random.Generator) -> GeneratedPerson:
    origin = spec.first_day + timedelta(days=int(rng.integers(0, 365)))
    p = _person_params(spec, rng)
    never = bool(rng.random() < spec.never_share)
    bond = float(rng.uniform(*spec.bond_window)) if rng.random() < spec.bonded_share else None
    times, ill = ([], []) if never else _heat_times(spec, p, bond, rng)
    recorded = rng.random(len(times)) >= p["missed"]
    heats = []
    for t, sick, rec in zip(times, ill, recorded, strict=True):
        if rec:
            start = origin + timedelta(days=int(t))
            end = start + timedelta(days=int(rng.integers(3, 7)))
            heats.append(HeatRecord(start=start, end=end, excluded=sick))
    finding = (NoHeatsFinding(origin + timedelta(days=400), "no heats after malnourishment")
               if never and rng.random() < 0.5 else None)
    history = History(heats=tuple(heats), presented_on=origin, finding=finding,
                      bond_date=None if bond is None else origin + timedelta(days=int(bond)))
    return GeneratedPerson(history=history, origin=origin, heat_days=np.array(times),
                           recorded=recorded, mu_u=p["mu_u"], sigma_u=p["sigma_u"],
                           mu_b=p["mu_b"], sigma_b=p["sigma_b"], missed=p["missed"],
                           never=never, bond_day=bond)


def generate_cohort(spec: CohortSpec, seed: int) -> list[GeneratedPerson]:
    """A reproducible cohort: the same spec and seed give the same people."""
    rng = np.random.default_rng(seed)
    return [_person(spec, rng) for _ in range(spec.persons)]


def example_history(seed: int = 1, days: int = 900) -> tuple[History, date]:
    """One generated person with heats and a bond, cut `days` after presentation."""
    for person in generate_cohort(CohortSpec(persons=20), seed):
        h = person.history
        if person.never or h.bond_date is None or len(h.heats) < 8:
            continue
        as_of = person.origin + timedelta(days=days)
        heats = tuple(x for x in h.heats if x.start <= as_of)
        bond = h.bond_date if h.bond_date <= as_of else None
        return History(heats=heats, bond_date=bond, presented_on=h.presented_on), as_of
    raise ValueError("no suitable person in this cohort")
