"""A bonding verdict carries every finding — each safeguard that refuses and each custom a
waiver would need — so the families learn what a waiver would need before the ceremony."""

from __future__ import annotations

from datetime import date, datetime

from troth.domain.bonding import bonding_verdict
from troth.domain.courtship import (
    Consent,
    Courtship,
    CourtshipStatus,
    Visit,
    VisitKind,
    VisitStatus,
)
from troth.domain.customs import Customs
from troth.domain.people import Designation, Person

ON = date(2026, 11, 20)
BEN = Person(1, "Ben Solo", date(1999, 10, 25), designation=Designation.ALPHA)
REY = Person(2, "Rey", date(2006, 3, 1), designation=Designation.OMEGA)


def courting(held: int, *consents: Consent) -> Courtship:
    court = Courtship(7, BEN.id, REY.id, None, date(2026, 11, 1), CourtshipStatus.OPEN,
                      consents=[Consent(REY.id, "courtship", True, date(2026, 11, 2)),
                                *consents])
    court.visits = [Visit(i, 7, VisitKind.TEA, datetime(2026, 11, 5 + i, 15), "the yard", True,
                          (9,), VisitStatus.HELD, (9,), True, True) for i in range(held)]
    return court


def test_a_refused_bonding_also_names_the_custom_a_waiver_would_need() -> None:
    v = bonding_verdict(courting(2), BEN, REY, [], ON, Customs())
    assert v.outcome == "refused"
    rules = [f.rule for f in v.findings]
    assert rules[:2] == ["omega_consent", "alpha_consent"]
    assert "min_visits_before_bonding" in rules
    assert ("2 of the 8 customary Visits have been held; a bonding now needs a recorded"
            " waiver") in v.reasons


def test_with_both_consents_only_the_custom_remains() -> None:
    both = [Consent(p.id, "bonding", True, ON) for p in (BEN, REY)]
    v = bonding_verdict(courting(2, *both), BEN, REY, [], ON, Customs())
    assert v.outcome == "needs_waiver"
    assert [f.rule for f in v.findings] == ["min_visits_before_bonding"]
