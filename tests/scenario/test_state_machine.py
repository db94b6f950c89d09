"""Random sequences of every courtship command, with the invariants checked after each step.

Runs on a real SQLite file. Refused commands must leave state and ledger exactly as they were.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import func, select

from tests.conftest import FixedClock
from tests.registry.helpers import add
from tests.store_access import reader
from troth.bootstrap import build_registry
from troth.domain import commands as c
from troth.domain.customs import Customs
from troth.domain.errors import TrothError
from troth.store import tables as t
from troth.store.tables import courtship as tc

TEMPLATE: dict[str, Path] = {}
SEEN: dict[str, int] = {"bonds": 0, "counted": 0, "annulled": 0}
PEOPLE = {"alphas": 3, "omegas": 3, "betas": 5}


def state_fingerprint(reg: Any) -> tuple[Any, ...]:
    with reader(reg) as conn:
        counts = tuple(conn.execute(select(func.count()).select_from(tbl)).scalar_one()
                       for tbl in (tc.courtships, tc.consents, tc.visits, tc.visit_handlers,
                                   tc.waivers, tc.incidents, tc.ceremonies, tc.bonds,
                                   tc.annulment_petitions, t.guardianships))
        statuses = tuple(conn.execute(select(tc.courtships.c.status, tc.courtships.c.version)
                                      .order_by(tc.courtships.c.id)).all())
        visits = tuple(conn.execute(select(tc.visits.c.status).order_by(tc.visits.c.id)).all())
        ends = tuple(conn.execute(select(t.guardianships.c.end).order_by(t.guardianships.c.id)))
    return counts, statuses, visits, ends, reg.queries.people.checkpoint()


class Courting(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp())
        shutil.copy(TEMPLATE["db"], self.dir / "r.db")
        self.clock = FixedClock(date(2026, 1, 1))
        self.reg = build_registry(str(self.dir / "r.db"), clock=self.clock,  # type: ignore[arg-type]
                                  customs=Customs(min_visits_before_bonding=2))
        self.day = date(2026, 1, 1)

    @initialize()
    def people(self) -> None:
        r = self.reg
        self.alphas = [add(r, f"A{i}", date(2000 - i * 4, 1, 1), "alpha") for i in range(3)]
        self.omegas = [add(r, f"O{i}", date(2001 + i * 4, 1, 1), "omega") for i in range(3)]
        self.betas = [add(r, f"B{i}", date(1970, 1, 1), "beta") for i in range(5)]
        for o, g in zip(self.omegas, self.betas[:3], strict=True):
            r.execute(c.AppointGuardian(o, g, "C", "o", date(2023, 6, 1)))
        self.everyone = self.alphas + self.omegas + self.betas
        self.courtships: list[int] = []
        self.visits: list[int] = []
        self.ceremonies: list[int] = []
        self.bonds: list[int] = []
        self.petitions: list[int] = []

    def teardown(self) -> None:
        self.reg.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def attempt(self, cmd: c.Command) -> int | None:
        before = state_fingerprint(self.reg)
        try:
            return self.reg.execute(cmd)
        except TrothError:
            assert state_fingerprint(self.reg) == before, f"refused {cmd} changed the state"
            return None

    def pick(self, data: st.DataObject, items: list[int]) -> int:
        return items[data.draw(st.integers(0, len(items) - 1))] if items else 999

    @rule(data=st.data(), days=st.integers(0, 3))
    def propose(self, data: st.DataObject, days: int) -> None:
        self.day += timedelta(days=days)
        self.clock.set(self.day)
        cid = self.attempt(c.ProposeIntroduction(self.pick(data, self.alphas + self.betas[:1]),
                                                 self.pick(data, self.omegas + self.alphas[:1]),
                                                 self.pick(data, self.betas), self.day))
        if cid:
            self.courtships.append(cid)

    @precondition(lambda self: self.courtships)
    @rule(data=st.data(), given=st.booleans(), stage=st.sampled_from(["courtship", "bonding"]))
    def consent(self, data: st.DataObject, given: bool, stage: str) -> None:
        self.attempt(c.RecordConsent(self.pick(data, self.courtships),
                                     self.pick(data, self.omegas + self.alphas + self.betas[:1]),
                                     given or data.draw(st.booleans()), self.day, stage))

    @precondition(lambda self: self.courtships)
    @rule(data=st.data(), kind=st.sampled_from(["dinner", "tea", "film"]), n=st.integers(0, 2),
          hour=st.integers(8, 20))
    def schedule(self, data: st.DataObject, kind: str, n: int, hour: int) -> None:
        handlers = tuple(sorted(set(self.pick(data, self.everyone) for _ in range(n))))
        vid = self.attempt(c.ScheduleVisit(self.pick(data, self.courtships), kind,
                                           datetime.combine(self.day, datetime.min.time())
                                           + timedelta(hours=hour), "home", True, handlers))
        if vid:
            self.visits.append(vid)

    @precondition(lambda self: self.visits)
    @rule(data=st.data(), n=st.integers(0, 2), outcome=st.sampled_from(["held", "missed"]))
    def record_visit(self, data: st.DataObject, n: int, outcome: str) -> None:
        vid = self.pick(data, self.visits)
        if outcome == "missed":
            self.attempt(c.RecordVisitMissed(vid, "late"))
        else:
            present = tuple(sorted(set(self.pick(data, self.betas) for _ in range(n))))
            self.attempt(c.RecordVisitHeld(vid, present))

    @precondition(lambda self: self.courtships)
    @rule(data=st.data(), custom=st.sampled_from(["min_visits_before_bonding", "age_of_majority"]))
    def waive(self, data: st.DataObject, custom: str) -> None:
        self.attempt(c.GrantWaiver(self.pick(data, self.courtships), custom, "registrar", "r",
                                   self.day))

    @precondition(lambda self: self.courtships)
    @rule(data=st.data())
    def end(self, data: st.DataObject) -> None:
        self.attempt(c.EndCourtship(self.pick(data, self.courtships),
                                    self.pick(data, self.everyone), self.day))

    @precondition(lambda self: self.courtships)
    @rule(data=st.data())
    def ceremony(self, data: st.DataObject) -> None:
        cer = self.attempt(c.ScheduleCeremony(self.pick(data, self.courtships),
                                              self.betas[4], ("W",), self.day))
        if cer:
            self.ceremonies.append(cer)

    @precondition(lambda self: self.courtships)
    @rule(data=st.data(), waive=st.booleans())
    def court_through_to_a_bond(self, data: st.DataObject, waive: bool) -> None:
        """A whole happy path in one step; any part of it may still be refused."""
        cid = self.pick(data, self.courtships)
        court = self.reg.queries.courtships.courtship(cid)
        self.attempt(c.RecordConsent(cid, court.omega_id, True, self.day))
        for party in court.parties():
            self.attempt(c.RecordConsent(cid, party, True, self.day, "bonding"))
        if waive:
            self.attempt(c.GrantWaiver(cid, "min_visits_before_bonding", "families", "wish",
                                       self.day))
        start = datetime.combine(self.day, datetime.min.time()) + timedelta(hours=8)
        visit = self.attempt(c.ScheduleVisit(cid, "tea", start, "home", True, (self.betas[3],)))
        if visit:
            self.attempt(c.RecordVisitHeld(visit, (self.betas[3],)))
        cer = self.attempt(c.ScheduleCeremony(cid, self.betas[4], ("W",), self.day))
        if cer and (bond := self.attempt(c.SealBond(cer, self.betas[4], "home", self.day))):
            self.bonds.append(bond)
            SEEN["bonds"] += 1

    @precondition(lambda self: self.ceremonies)
    @rule(data=st.data())
    def seal(self, data: st.DataObject) -> None:
        bond = self.attempt(c.SealBond(self.pick(data, self.ceremonies), self.betas[4], "home",
                                       self.day))
        if bond:
            self.bonds.append(bond)
            SEEN["bonds"] += 1

    @precondition(lambda self: self.bonds)
    @rule(data=st.data(), grant=st.booleans())
    def annul(self, data: st.DataObject, grant: bool) -> None:
        bid = self.pick(data, self.bonds)
        bond = self.reg.queries.courtships.bond(bid)
        # A party half the time (so annulments are reached), anyone (mostly refused) otherwise.
        pool = [bond.alpha_id, bond.omega_id] if data.draw(st.booleans()) else self.everyone
        pid = self.attempt(c.PetitionAnnulment(bid, self.pick(data, pool), "mutual_wish", "",
                                               self.day))
        if pid:
            self.day += timedelta(days=1)
            self.clock.set(self.day)
            if self.attempt(c.DecideAnnulment(pid, grant, "decided", self.day)) and grant:
                SEEN["annulled"] += 1

    @invariant()
    def nobody_holds_two_bonds_and_every_bond_had_the_omegas_consent(self) -> None:
        if not hasattr(self, "bonds"):
            return
        today = self.day
        cr = self.reg.queries.courtships
        active: list[int] = []
        for pid in self.everyone:
            live = [b for b in cr.bonds_of(pid) if b.active_on(today)]
            assert len(live) <= 1
            active += [b.id for b in live]
        for bid in set(active):
            bond = cr.bond(bid)
            court = cr.courtship(bond.courtship_id)
            assert court.consented(bond.omega_id, "bonding")
            assert court.consented(bond.omega_id, "courtship")
            # the guardianship ended exactly when the ward bonded
            g = self.reg.queries.people.guardianships_of(bond.omega_id)
            ward = [x for x in g if x.ward_id == bond.omega_id]
            assert all(x.end is not None and x.end <= bond.sealed_on for x in ward)
            assert any(x.end == bond.sealed_on and x.how_ended == "bonded" for x in ward)

    @invariant()
    def every_counted_visit_had_its_handlers(self) -> None:
        if not hasattr(self, "courtships"):
            return
        for cid in self.courtships:
            for v in self.reg.queries.courtships.courtship(cid).visits:
                if v.counted:
                    SEEN["counted"] += 1
                    assert len(v.handlers_present) >= (2 if v.kind.value == "dinner" else 1)

    @invariant()
    def the_ledger_verifies(self) -> None:
        assert self.reg.queries.people.verify().ok


@pytest.mark.slow
def test_random_courtship_histories_keep_every_invariant(sqlite_template: Path) -> None:
    TEMPLATE["db"] = sqlite_template
    Courting.TestCase.settings = settings(
        max_examples=20, stateful_step_count=25, deadline=None, derandomize=True,
        suppress_health_check=[HealthCheck.too_slow])
    Courting.TestCase("runTest").runTest()
    assert all(SEEN.values()), f"the random histories never reached some states: {SEEN}"
