"""A synthetic district week: courtships asking for Visits, and the handlers of the office.

Deterministic for a seed. Places lie in discs around district centres far enough apart
that handlers serve their own district; Visits follow the customs' kinds (introductions,
courting dinners, afternoon teas, walks, a film at home) at the hours families keep.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from troth.schedule.model import (
    Customs,
    Handler,
    Place,
    Problem,
    Unavailable,
    VisitRequest,
    Window,
    week_start,
)

DISTRICTS = ("Riverside", "Old Town", "Northgate", "Eastfield", "Harbour", "Hillcrest",
             "Westbrook", "Southmead", "Millbank", "Ashford", "Greenhill", "Fairview")
# kind: (share, minutes, earliest start, latest start) in minutes of the day
KINDS = {
    "introduction": (0.10, 60, 14 * 60, 18 * 60),
    "courting_dinner": (0.25, 150, 18 * 60, 19 * 60 + 30),
    "afternoon_tea": (0.25, 90, 14 * 60, 16 * 60),
    "walk": (0.25, 90, 9 * 60, 11 * 60),
    "film_at_home": (0.15, 150, 19 * 60, 20 * 60),
}
SHIFTS = ((8 * 60, 12 * 60 + 30), (12 * 60 + 30, 18 * 60), (17 * 60 + 30, 23 * 60))
KM_LAT = 1 / 110.574


@dataclass(frozen=True)
class Knobs:
    """How scarce handlers are: the chance a handler works a morning, afternoon or evening
    shift, and the weekly cap range."""

    shift_chance: tuple[float, float, float] = (0.45, 0.45, 0.5)
    cap_range: tuple[int, int] = (7, 13)
    district_radius_km: float = 6.0


def _place(rng: np.random.Generator, centre: tuple[float, float], radius: float,
           district: str, label: str) -> Place:
    dist = radius * math.sqrt(rng.random())
    angle = 2 * math.pi * rng.random()
    lat = centre[0] + dist * math.sin(angle) * KM_LAT
    lon = centre[1] + dist * math.cos(angle) * KM_LAT / math.cos(math.radians(centre[0]))
    return Place(round(lat, 6), round(lon, 6), district, label)


def _centres(n: int) -> list[tuple[float, float]]:
    side = math.ceil(math.sqrt(n))
    return [(51.2 + (i // side) * 30 * KM_LAT, -0.6 + (i % side) * 0.45) for i in range(n)]


def _windows(rng: np.random.Generator, monday: datetime, kind: str) -> tuple[Window, ...]:
    _, minutes, first, last = KINDS[kind]
    n = int(rng.choice([1, 2, 3, 4], p=[0.25, 0.35, 0.25, 0.15]))
    days = rng.choice(7, size=n, replace=False)
    out = []
    for d in days:
        start = first + 30 * int(rng.integers(0, (last - first) // 30 + 1))
        slack = 60 if rng.random() < 0.25 else 0
        begin = monday + timedelta(days=int(d), minutes=start)
        out.append(Window(begin, begin + timedelta(minutes=minutes + slack)))
    return tuple(out)


def _unavailable(rng: np.random.Generator, monday: datetime, person: int) -> list[Unavailable]:
    out = []
    for _ in range(int(rng.integers(0, 3))):
        day, (a, b) = int(rng.integers(0, 7)), SHIFTS[int(rng.integers(0, 3))]
        start = monday + timedelta(days=day, minutes=a)
        out.append(Unavailable(person, Window(start, start + timedelta(minutes=b - a))))
    return out


def _requests(rng: np.random.Generator, week: str, n: int, districts: list[str],
              centres: list[tuple[float, float]], knobs: Knobs) -> list[VisitRequest]:
    monday = week_start(week)
    kinds, shares = list(KINDS), [v[0] for v in KINDS.values()]
    out: list[VisitRequest] = []
    person, courtship = 1, 0
    while len(out) < n:
        d = int(rng.integers(0, len(districts)))
        guardian, person = person, person + 1
        home = _place(rng, centres[d], knobs.district_radius_km, districts[d],
                      f"home of {guardian}")
        for _ in range(1 + int(rng.random() < 0.2)):  # a guardian may host two wards
            courtship += 1
            alpha, omega, person = person, person + 1, person + 2
            waited = monday.date() - timedelta(days=int(rng.integers(0, 120)))
            busy = tuple(u for p in (alpha, omega, guardian) for u in _unavailable(rng, monday, p))
            for _ in range(1 + int(rng.random() < 0.45)):
                kind = str(rng.choice(kinds, p=shares))
                out.append(VisitRequest(
                    id=len(out) + 1, courtship_id=courtship, kind=kind,
                    duration_minutes=KINDS[kind][1], windows=_windows(rng, monday, kind),
                    place=home, alpha_id=alpha, omega_id=omega, guardian_id=guardian,
                    waiting_since=waited, unavailable=busy,
                ))
    return out[:n]


def _handlers(rng: np.random.Generator, week: str, n: int, districts: list[str],
              centres: list[tuple[float, float]], knobs: Knobs, parties: int) -> list[Handler]:
    monday = week_start(week)
    out = []
    for i in range(n):
        d = i % len(districts)
        blocks = []
        for day in range(7):
            for (a, b), chance in zip(SHIFTS, knobs.shift_chance, strict=True):
                if rng.random() < chance:
                    start = monday + timedelta(days=day, minutes=a)
                    blocks.append(Window(start, start + timedelta(minutes=b - a)))
        kin = frozenset(int(p) for p in rng.integers(1, parties + 1, size=int(rng.integers(0, 3))))
        out.append(Handler(
            id=i + 1, person_id=1_000_000 + i + 1, name=f"Handler {i + 1}",
            home=_place(rng, centres[d], knobs.district_radius_km, districts[d], ""),
            available=tuple(blocks),
            weekly_cap=int(rng.integers(knobs.cap_range[0], knobs.cap_range[1] + 1)),
            kin=kin,
        ))
    return out


def generate(week: str = "2026-W49", requests: int = 500, handlers: int = 60,
             districts: int = 1, seed: int = 0, knobs: Knobs | None = None) -> Problem:
    """A synthetic week of `requests` Visit requests and `handlers` handlers."""
    knobs = knobs or Knobs()
    rng = np.random.default_rng(seed)
    names = [DISTRICTS[i % len(DISTRICTS)] + ("" if i < len(DISTRICTS) else f" {i}")
             for i in range(districts)]
    centres = _centres(districts)
    reqs = _requests(rng, week, requests, names, centres, knobs)
    parties = max((max(r.persons) for r in reqs), default=1)
    hands = _handlers(rng, week, handlers, names, centres, knobs, parties)
    return Problem(week, tuple(reqs), tuple(hands), Customs())
