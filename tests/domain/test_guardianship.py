"""Court guardianships: who may be appointed, one guardian at a time, and how one ends."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain import commands as c
from troth.domain import events as ev
from troth.domain import guardianship as g
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.people import Designation, Person
from troth.domain.welfare import Incident

WARD, GUARDIAN, OTHER = 2, 3, 8
START = date(2019, 6, 1)
TODAY = date(2026, 6, 1)


def rey() -> Person:
    return Person(WARD, "Rey", date(2006, 4, 1), designation=Designation.OMEGA)


def plutt(designation: Designation | None = Designation.BETA,
          born: date = date(1960, 1, 1)) -> Person:
    return Person(GUARDIAN, "Unkar Plutt", born, designation=designation)


def appoint(ward: Person | None = None, guardian: Person | None = None,
            existing: tuple[g.Guardianship, ...] = (), bonded: bool = False,
            start: date = START, reason: str = "", court: str = "Jakku Family Court",
            order: str = "JFC-2019-114") -> ev.GuardianAppointed:
    cmd = c.AppointGuardian(WARD, GUARDIAN, court, order, start, reason)
    return g.appoint(cmd, 1, ward or rey(), guardian or plutt(), list(existing), bonded, TODAY,
                     Customs())


def refused(**kw: object) -> str:
    with pytest.raises(Refused) as e:
        appoint(**kw)  # type: ignore[arg-type]
    return e.value.rule


def held(start: date = START, end: date | None = None) -> g.Guardianship:
    return g.Guardianship(1, WARD, GUARDIAN, "Jakku Family Court", "JFC-2019-114", start, end)


def test_a_beta_guardian_is_appointed_by_a_court_order() -> None:
    e = appoint()
    assert (e.ward_id, e.guardian_id, e.court, e.order_ref, e.start) == (
        WARD, GUARDIAN, "Jakku Family Court", "JFC-2019-114", START)


@pytest.mark.parametrize(("court", "order"), [(" ", "JFC-1"), ("Jakku Family Court", "")])
def test_an_appointment_names_the_court_and_its_order(court: str, order: str) -> None:
    with pytest.raises(InvalidInput) as e:
        appoint(court=court, order=order)
    assert e.value.rule == "court_order_required"


def test_court_guardianship_is_for_omegas_only() -> None:
    alpha = Person(WARD, "Ben", date(2006, 1, 1), designation=Designation.ALPHA)
    assert refused(ward=alpha) == "ward_is_omega"


def test_a_bonded_omega_is_not_placed_with_a_guardian() -> None:
    assert refused(bonded=True) == "ward_unbonded"


def test_a_ward_is_not_her_own_guardian() -> None:
    assert refused(guardian=Person(WARD, "Rey", date(2006, 4, 1))) == "guardian_not_ward"


def test_a_guardian_under_the_age_of_majority_is_refused() -> None:
    assert refused(guardian=plutt(born=date(2003, 1, 1))) == "guardian_is_adult"


def test_a_guardian_who_died_before_the_start_is_refused() -> None:
    dead = plutt()
    dead.died = date(2018, 1, 1)
    assert refused(guardian=dead) == "alive_on_start"


def test_a_guardian_who_is_not_a_beta_needs_a_recorded_reason() -> None:
    assert refused(guardian=plutt(Designation.ALPHA)) == "guardian_designation_custom"
    e = appoint(guardian=plutt(Designation.ALPHA), reason="the ward's aunt, by her wish")
    assert e.reason == "the ward's aunt, by her wish"


def test_a_start_after_today_is_refused() -> None:
    assert refused(start=TODAY + timedelta(days=1)) == "date_in_future"


def test_a_ward_has_one_guardian_at_a_time() -> None:
    assert refused(existing=(held(),)) == "one_guardian_at_a_time"


def test_a_new_guardian_may_start_on_the_day_the_last_one_ended() -> None:
    e = appoint(existing=(held(end=date(2024, 1, 1)),), start=date(2024, 1, 1))
    assert e.start == date(2024, 1, 1)


@settings(max_examples=40, deadline=None)
@given(st.dates(date(2018, 1, 1), date(2027, 1, 1)), st.none() | st.integers(1, 2000))
def test_a_guardianship_covers_the_half_open_interval_from_start_to_end(
        day: date, days: int | None) -> None:
    end = None if days is None else START + timedelta(days=days)
    assert held(end=end).covers(day) == (day >= START and (end is None or day < end))


@pytest.mark.parametrize("how", ["ended", "revoked", "transferred", "bonded", "died"])
def test_a_guardianship_ends_in_one_of_the_recorded_ways(how: str) -> None:
    e = g.end(held(), WARD, date(2026, 4, 18), how, " note ", TODAY)
    assert (e.how, e.end, e.guardian_id, e.note) == (how, date(2026, 4, 18), GUARDIAN, "note")


def test_a_guardianship_does_not_end_by_payment_or_any_unknown_way() -> None:
    with pytest.raises(InvalidInput) as e:
        g.end(held(), WARD, date(2026, 4, 18), "released", "", TODAY)
    assert e.value.rule == "guardianship_end"


def test_there_is_nothing_to_end_without_a_guardian() -> None:
    with pytest.raises(Refused) as e:
        g.end(None, WARD, date(2026, 4, 18), "ended", "", TODAY)
    assert e.value.rule == "guardianship_active"


@pytest.mark.parametrize(("on", "rule"), [(START, "end_after_start"),
                                          (TODAY + timedelta(days=1), "date_in_future")])
def test_a_guardianship_ends_after_its_start_and_not_in_the_future(on: date, rule: str) -> None:
    with pytest.raises(Refused) as e:
        g.end(held(), WARD, on, "ended", "", TODAY)
    assert e.value.rule == rule


# --- integrity: living parents, the designation on the start date, guardians under review --


def parent(pid: int, died: date | None = None) -> Person:
    return Person(pid, f"Parent {pid}", date(1975, 1, 1), died=died)


def test_an_omega_with_two_living_parents_cannot_be_placed_under_a_guardian_without_the_orders_stated_reason() -> None:  # noqa: E501
    cmd = c.AppointGuardian(WARD, GUARDIAN, "Jakku Family Court", "JFC-9", START)
    with pytest.raises(Refused) as e:
        g.appoint(cmd, 1, rey(), plutt(), [], False, TODAY, Customs(),
                  parents=[parent(20), parent(21)])
    assert e.value.rule == "ward_has_living_parents"
    assert "#20 and #21" in e.value.message and "stated reason" in e.value.message
    stated = c.AppointGuardian(WARD, GUARDIAN, "Jakku Family Court", "JFC-9", START,
                               "both parents found unable to care for her (order, para. 4)")
    e2 = g.appoint(stated, 1, rey(), plutt(), [], False, TODAY, Customs(),
                   parents=[parent(20), parent(21)])
    assert e2.reason == "both parents found unable to care for her (order, para. 4)"


def test_a_ward_whose_parents_died_by_the_start_needs_no_stated_reason() -> None:
    cmd = c.AppointGuardian(WARD, GUARDIAN, "Jakku Family Court", "JFC-9", START)
    e = g.appoint(cmd, 1, rey(), plutt(), [], False, TODAY, Customs(),
                  parents=[parent(20, died=date(2012, 1, 1)), parent(21, died=START)])
    assert e.reason == ""


def test_the_wards_designation_is_judged_on_the_start_date_not_today() -> None:
    ward = rey()
    ward.presented_on = date(2020, 3, 1)
    with pytest.raises(Refused) as e:
        appoint(ward=ward, start=date(2019, 6, 1))
    assert e.value.rule == "ward_is_omega"
    assert "after the start date 2019-06-01" in e.value.message
    assert appoint(ward=ward, start=date(2020, 3, 1)).start == date(2020, 3, 1)


def review(iid: int = 31) -> Incident:
    return Incident(iid, "payment_demand", 9, date(2019, 1, 5), opens_review=True,
                    guardianship_id=4)


def test_a_guardian_under_review_cannot_be_appointed_without_the_courts_reason() -> None:
    cmd = c.AppointGuardian(WARD, GUARDIAN, "Jakku Family Court", "JFC-9", START)
    with pytest.raises(Refused) as e:
        g.appoint(cmd, 1, rey(), plutt(), [], False, TODAY, Customs(), open_reviews=[review()])
    assert e.value.rule == "guardian_under_review"
    assert "incident #31" in e.value.message and "court's reference" in e.value.message
    waived = c.AppointGuardian(WARD, GUARDIAN, "Jakku Family Court", "JFC-9", START,
                               court_waiver_ref=" JFC-2019-W7 ")
    ev_ = g.appoint(waived, 1, rey(), plutt(), [], False, TODAY, Customs(),
                    open_reviews=[review()])
    assert (ev_.court_waiver_ref, ev_.reviews_waived) == ("JFC-2019-W7", (31,))


def test_a_guardian_with_no_open_review_needs_no_waiver() -> None:
    e = appoint()
    assert (e.court_waiver_ref, e.reviews_waived) == ("", ())
