"""Time as rules: nothing is held, sealed or decided before it starts or before what it
depends on; every date a command carries lies within the range the registry keeps."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from tests.domain.test_bonding_verdict import BEN, REY, courting

from troth.domain import commands as c
from troth.domain import courtship_rules as cr
from troth.domain.bonding import bonding_verdict
from troth.domain.courtship import Consent, Visit, VisitKind, visit_notes
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import Designation, Person
from troth.domain.time_rules import EARLIEST, check_command_dates, latest

TODAY = date(2026, 11, 25)
MAZ = Person(9, "Maz Kanata", date(1950, 1, 1), designation=Designation.BETA)


def test_a_visit_is_not_recorded_as_held_or_missed_before_it_starts() -> None:
    court = courting(0)
    visit = Visit(3, court.id, VisitKind.TEA, datetime(2026, 12, 1, 15), "the yard", True,
                  (MAZ.id,))
    with pytest.raises(Refused) as e:
        cr.held(visit, court, c.RecordVisitHeld(3, (MAZ.id,)), [MAZ], [BEN, REY], None,
                Customs(), TODAY)
    assert e.value.rule == "not_before_visit_starts"
    with pytest.raises(Refused):
        cr.missed(visit, court, c.RecordVisitMissed(3, "absent"), TODAY)
    held = cr.held(visit, court, c.RecordVisitHeld(3, (MAZ.id,)), [MAZ], [BEN, REY], None,
                   Customs(), date(2026, 12, 1))
    assert held.counted


def test_a_bond_is_not_sealed_before_the_proposal_or_the_consents() -> None:
    later = [Consent(p.id, "bonding", True, date(2026, 11, 20)) for p in (BEN, REY)]
    court = courting(8, *later)
    assert bonding_verdict(court, BEN, REY, [], date(2026, 11, 20), Customs()).ok
    early = bonding_verdict(court, BEN, REY, [], date(2026, 10, 1), Customs())
    rules = [f.rule for f in early.findings]
    assert early.outcome == "refused"
    assert {"not_before_proposal", "omega_consent", "alpha_consent"} <= set(rules)
    before_consents = bonding_verdict(court, BEN, REY, [], date(2026, 11, 15), Customs())
    assert {f.rule for f in before_consents.findings} >= {"omega_consent", "alpha_consent"}


def test_a_ceremony_and_a_visit_are_not_set_before_the_courtship_opened() -> None:
    court = courting(0)
    with pytest.raises(Refused) as e:
        cr.schedule_visit(court, c.ScheduleVisit(court.id, "tea", datetime(2026, 10, 30, 15),
                                                 "the yard", True, (MAZ.id,)),
                          3, [MAZ], [BEN, REY], None, [], Customs())
    assert e.value.rule == "not_before_courtship"
    with pytest.raises(Refused):
        cr.consent(court, c.RecordConsent(court.id, BEN.id, True, date(2026, 10, 1),
                                          "bonding"), TODAY)


def test_a_visit_scheduled_with_too_few_handlers_is_told_so_at_once() -> None:
    court = courting(0)
    _event, notes = cr.schedule_visit(
        court, c.ScheduleVisit(court.id, "tea", datetime(2026, 11, 26, 15), "the yard", True,
                               ()), 3, [], [BEN, REY], None, [], Customs())
    assert [f.rule for f in notes] == ["handlers_per_visit"]
    visit = Visit(3, court.id, VisitKind.TEA, datetime(2026, 11, 26, 15), "the yard", True, ())
    assert [f.rule for f in visit_notes(visit, Customs())] == ["handlers_per_visit"]
    dinner = Visit(4, court.id, VisitKind.DINNER, datetime(2026, 11, 27, 19), "home", True,
                   (MAZ.id,))
    assert "needs 2 handler(s)" in visit_notes(dinner, Customs())[0].reason


@pytest.mark.parametrize("cmd", [
    c.RegisterPerson("Ancient", date(1, 1, 1)),
    c.RegisterPerson("Too early", date(1899, 12, 31)),
    c.RecordHeat(2, 2, date(2026, 8, 20), date(9999, 12, 31)),
    c.ScheduleVisit(1, "tea", datetime(9999, 12, 31, 23, 59), "the yard", True, (9,)),
    c.ScheduleCeremony(1, 9, ("Han",), date(2032, 1, 1)),
])
def test_a_date_outside_the_registrys_range_is_refused_with_a_sentence(cmd: object) -> None:
    with pytest.raises(InvalidInput) as e:
        check_command_dates(cmd, TODAY)
    assert e.value.rule == "date_range" and "1900-01-01 to 2031-11-25" in e.value.message


def test_the_range_runs_from_1900_to_five_years_after_today() -> None:
    check_command_dates(c.RegisterPerson("Oldest", EARLIEST), TODAY)
    check_command_dates(c.ScheduleCeremony(1, 9, ("Han",), latest(TODAY)), TODAY)
    assert latest(date(2028, 2, 29)) == date(2033, 2, 28)
