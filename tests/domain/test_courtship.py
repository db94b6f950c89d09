"""Courtships and Visits as entities: consents, counted Visits, waivers, and the customs a
Visit or a bonding would depart from."""

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain.courtship import (
    Consent,
    Courtship,
    CourtshipStatus,
    Visit,
    VisitKind,
    VisitStatus,
    Waiver,
    bonding_custom_findings,
    handlers_required,
    visit_findings,
)
from troth.domain.customs import Customs

ALPHA, OMEGA = 1, 2
DAY = date(2026, 3, 1)


def courtship(status: CourtshipStatus = CourtshipStatus.OPEN) -> Courtship:
    return Courtship(10, ALPHA, OMEGA, sponsor_id=5, proposed_on=DAY, status=status)


def visit(vid: int, status: VisitStatus = VisitStatus.HELD, counted: bool = True,
          kind: VisitKind = VisitKind.TEA, hour: int = 15) -> Visit:
    return Visit(vid, 10, kind, datetime(2026, 3, vid, hour), "the guardian's house", True,
                 (30,), status=status, counted=counted)


def waiver(custom: str) -> Waiver:
    return Waiver(1, 10, custom, "families", "the families agree", DAY)


def test_a_proposed_or_open_courtship_is_live_and_an_ended_one_is_not() -> None:
    assert courtship(CourtshipStatus.PROPOSED).is_live
    assert courtship(CourtshipStatus.OPEN).is_live
    for status in (CourtshipStatus.DECLINED, CourtshipStatus.ENDED, CourtshipStatus.BONDED):
        assert not courtship(status).is_live


def test_the_latest_consent_of_a_party_is_the_one_that_stands() -> None:
    c = courtship()
    c.consents += [Consent(OMEGA, "bonding", True, DAY), Consent(OMEGA, "bonding", False, DAY)]
    assert not c.consented(OMEGA, "bonding")
    c.consents.append(Consent(OMEGA, "bonding", True, DAY))
    assert c.consented(OMEGA, "bonding")


def test_a_consent_to_the_courtship_is_not_a_consent_to_the_bonding() -> None:
    c = courtship()
    c.consents.append(Consent(OMEGA, "courtship", True, DAY))
    assert c.consented(OMEGA, "courtship")
    assert not c.consented(OMEGA, "bonding")


def test_only_held_and_counted_visits_count_toward_the_custom() -> None:
    c = courtship()
    c.visits += [visit(1), visit(2, counted=False), visit(3, VisitStatus.MISSED, False),
                 visit(4, VisitStatus.CANCELLED, False), visit(5, VisitStatus.SCHEDULED, False)]
    assert c.counted_visits() == 1


def test_a_dinner_needs_the_dinner_handlers_and_other_visits_the_visit_handlers() -> None:
    customs = Customs(handlers_per_visit=1, handlers_per_dinner=3)
    assert handlers_required(VisitKind.DINNER, customs) == 3
    assert handlers_required(VisitKind.FILM, customs) == 1


def test_visits_overlap_only_when_their_times_intersect() -> None:
    dinner = visit(1, kind=VisitKind.DINNER, hour=18)  # 18:00-21:00
    assert dinner.overlaps(visit(1, kind=VisitKind.TEA, hour=20))
    assert not dinner.overlaps(visit(1, kind=VisitKind.TEA, hour=21))


def test_the_first_visits_away_from_the_omegas_residence_depart_from_custom() -> None:
    found = visit_findings(courtship(), VisitKind.WALK, False, (30,), Customs())
    assert [f.rule for f in found] == ["first_visits_at_omega_residence"]
    assert "Visit 1 is one of the first 2" in found[0].reason


def test_a_waiver_lets_the_first_visits_take_place_elsewhere() -> None:
    c = courtship()
    c.waivers.append(waiver("first_visits_at_omega_residence"))
    assert visit_findings(c, VisitKind.WALK, False, (30,), Customs()) == []


def test_later_visits_may_take_place_elsewhere_by_custom() -> None:
    c = courtship()
    c.visits += [visit(1), visit(2)]
    assert visit_findings(c, VisitKind.WALK, False, (30,), Customs()) == []


def test_cancelled_visits_do_not_count_among_the_first_visits() -> None:
    c = courtship()
    c.visits += [visit(1, VisitStatus.CANCELLED), visit(2, VisitStatus.CANCELLED)]
    assert [f.rule for f in visit_findings(c, VisitKind.WALK, False, (30,), Customs())] == [
        "first_visits_at_omega_residence"]


def test_a_dinner_with_too_few_handlers_is_noted_as_not_counting() -> None:
    found = visit_findings(courtship(), VisitKind.DINNER, True, (30,), Customs())
    assert [f.rule for f in found] == ["handlers_per_visit"]
    assert "needs 2 handler(s)" in found[0].reason and "will not count" in found[0].reason


def test_two_of_eight_visits_need_a_recorded_waiver_before_a_bonding() -> None:
    c = courtship()
    c.visits += [visit(1), visit(2)]
    [finding] = bonding_custom_findings(c, Customs())
    assert finding.rule == "min_visits_before_bonding"
    assert finding.reason.startswith("2 of the 8 customary Visits have been held")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 12), st.integers(0, 12), st.booleans())
def test_a_bonding_needs_a_waiver_iff_fewer_than_the_customary_visits_were_held_unwaived(
        held: int, need: int, waived: bool) -> None:
    c = courtship()
    c.visits += [visit(i + 1) for i in range(held)]
    if waived:
        c.waivers.append(waiver("min_visits_before_bonding"))
    found = bonding_custom_findings(c, Customs(min_visits_before_bonding=need))
    assert bool(found) == (held < need and not waived)


def test_a_waiver_of_another_custom_does_not_waive_the_eight_visits() -> None:
    c = courtship()
    c.waivers.append(waiver("first_visits_at_omega_residence"))
    assert bonding_custom_findings(c, Customs())
