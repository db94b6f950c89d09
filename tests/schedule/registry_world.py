"""A small registry office for rostering tests: open courtships with guardians' houses, and
handlers on the list (week 2026-W49: Monday 30 November 2026; the clock says 25 November)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tests.registry.helpers import add
from troth.domain import commands as c
from troth.domain import rostering as ro

WEEK = "2026-W49"
MONDAY = datetime(2026, 11, 30)
KM = 1 / 110.574


def at(day: int, hhmm: str) -> datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return MONDAY + timedelta(days=day, hours=h, minutes=m)


@dataclass
class Office:
    reg: Any
    courtships: list[int] = field(default_factory=list)
    parties: dict[int, tuple[int, int, int]] = field(default_factory=dict)  # alpha, omega, g
    handlers: dict[int, int] = field(default_factory=dict)  # handler id -> person id

    def residence(self, person: int, km_north: float) -> None:
        self.reg.execute(ro.RecordResidence(person, f"{person} Yard Lane", "Riverside",
                                            51.5 + km_north * KM, -0.1, date(2026, 11, 1)))

    def courtship(self, n: int, waited_days: int = 30, parents: tuple[int, ...] = ()) -> int:
        reg = self.reg
        alpha = add(reg, f"Alpha {n}", date(2000, 1, 1 + n), "alpha", parents=parents)
        omega = add(reg, f"Omega {n}", date(2003, 2, 1 + n), "omega")
        guardian = add(reg, f"Guardian {n}", date(1970, 3, 1 + n), "beta")
        reg.execute(c.AppointGuardian(omega, guardian, "Family Court", f"FC-{n}",
                                      date(2018, 1, 1)))
        self.residence(guardian, km_north=0.5 * n)
        on = date(2026, 11, 25) - timedelta(days=waited_days)
        cid: int = reg.execute(c.ProposeIntroduction(alpha, omega, None, on))
        reg.execute(c.RecordConsent(cid, omega, True, on))
        self.courtships.append(cid)
        self.parties[cid] = (alpha, omega, guardian)
        return cid

    def handler(self, n: int, blocks: list[tuple[int, str, str]], cap: int = 5,
                parents: tuple[int, ...] = ()) -> int:
        person = add(self.reg, f"Handler {n}", date(1980, 4, 1 + n), "beta", parents=parents)
        self.residence(person, km_north=1.0)
        hid: int = self.reg.execute(ro.RegisterHandler(person, cap, date(2026, 11, 20)))
        self.reg.execute(ro.RecordHandlerAvailability(
            hid, tuple((at(d, a), at(d, b)) for d, a, b in blocks), date(2026, 11, 20)))
        self.handlers[hid] = person
        return hid

    def request(self, courtship: int, kind: str, windows: list[tuple[int, str, str]]) -> int:
        rid: int = self.reg.execute(ro.RequestVisit(
            courtship, kind, tuple((at(d, a), at(d, b)) for d, a, b in windows),
            date(2026, 11, 25)))
        return rid
