"""Small hand-made weeks for rostering tests (week 2026-W49: Monday 30 November 2026)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from troth.schedule import Customs, Handler, Place, Problem, Unavailable, VisitRequest, Window

WEEK = "2026-W49"
MONDAY = datetime(2026, 11, 30)
KM = 1 / 110.574  # degrees of latitude per km
DURATION = {"courting_dinner": 150, "afternoon_tea": 90, "walk": 90, "film_at_home": 150}


def at(day: int, hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return MONDAY + timedelta(days=day, hours=h, minutes=m)


def place(km_north: float = 0.0, district: str = "Riverside") -> Place:
    return Place(51.5 + km_north * KM, -0.1, district)


def request(rid: int, kind: str, windows: list[tuple[int, str]], *, km_north: float = 0.0,
            waited: int = 10, busy: tuple[Unavailable, ...] = ()) -> VisitRequest:
    minutes = DURATION[kind]
    wins = tuple(Window(at(d, t), at(d, t) + timedelta(minutes=minutes)) for d, t in windows)
    base = 100 * rid
    return VisitRequest(
        id=rid, courtship_id=rid, kind=kind, duration_minutes=minutes, windows=wins,
        place=place(km_north), alpha_id=base + 1, omega_id=base + 2, guardian_id=base + 3,
        waiting_since=date(2026, 11, 30) - timedelta(days=waited), unavailable=busy,
    )


def handler(hid: int, blocks: list[tuple[int, str, str]], *, cap: int = 5,
            kin: frozenset[int] = frozenset(), km_north: float = 0.0) -> Handler:
    avail = tuple(Window(at(d, a), at(d, b)) for d, a, b in blocks)
    return Handler(hid, 9000 + hid, f"Handler {hid}", place(km_north), avail, cap, kin)


def problem(requests: list[VisitRequest], handlers: list[Handler]) -> Problem:
    return Problem(WEEK, tuple(requests), tuple(handlers), Customs())
