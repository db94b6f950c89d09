"""The rules of corrections by two hands, and "as of" with corrections (pure domain)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from troth.domain import correction as co
from troth.domain import correction_rules as cr
from troth.domain import events as ev
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.history import fold
from troth.domain.people import Designation, OtherName, Person, Scent

TODAY = date(2026, 11, 25)
CUSTOMS = Customs()


def person(**kw: object) -> Person:
    base: dict[str, object] = {"id": 7, "legal_name": "Ray", "born": date(2000, 5, 5)}
    return Person(**{**base, **kw})  # type: ignore[arg-type]


def ask(field: str, value: str, who: Person | None = None, evidence: str = "record",
        court: str = "", standing: cr.Standing = cr.Standing(),
        parents: list[Person] | None = None, pending: tuple[str, ...] = ()
        ) -> co.CorrectionRequested:
    return cr.request(co.RequestCorrection(7, field, value, evidence, 1, court), 3,
                      who or person(), parents or [], standing, pending, TODAY, CUSTOMS)


def pending(e: co.CorrectionRequested) -> co.Correction:
    return co.Correction(e.correction_id, e.person_id, e.field, e.old, e.new, e.evidence,
                         e.court_order_ref, e.requested_by, e.on)


def test_a_request_records_the_old_and_the_new_value_in_canonical_text() -> None:
    e = ask("born", "2000-05-04")
    assert (e.field, e.old, e.new, e.requested_by, e.on) == (
        "born", "2000-05-05", "2000-05-04", 1, TODAY)


@pytest.mark.parametrize("field, value, court, rule", [
    ("designation", "omega", "", "designation_court_order"),
    ("designation", "purple", "C-1", "designation"),
    ("legal_name", "Ray", "", "correction_changes_nothing"),
    ("legal_name", "", "", "name_required"),
    ("born", "05/05/2000", "", "correction_value"),
    ("parents", "x", "", "correction_value"),
    ("scent", "0.1", "", "scent_vector"),
    ("other_names", "Kylo", "", "correction_value"),
    ("nickname", "x", "", "correction_field"),
])
def test_a_bad_request_is_refused_with_its_rule(field: str, value: str, court: str,
                                                 rule: str) -> None:
    presented = person(designation=Designation.BETA, presented_on=date(2014, 6, 1))
    with pytest.raises((Refused, InvalidInput)) as e:
        ask(field, value, presented, court=court)
    assert e.value.rule == rule


def test_evidence_is_required_and_a_pending_fact_waits() -> None:
    with pytest.raises(InvalidInput) as e:
        ask("legal_name", "Rey", evidence="  ")
    assert e.value.rule == "evidence_required"
    with pytest.raises(Refused) as r:
        ask("legal_name", "Rey", pending=("legal_name",))
    assert r.value.rule == "correction_pending"


def test_a_designation_is_not_corrected_before_a_presentation() -> None:
    with pytest.raises(Refused) as e:
        ask("designation", "omega", court="C-1")
    assert e.value.rule == "designation_not_recorded"


def test_the_requester_can_neither_approve_nor_reject() -> None:
    c = pending(ask("legal_name", "Rey"))
    with pytest.raises(Refused) as e:
        cr.approve(c, 1, "", person(), [], cr.Standing(), TODAY, CUSTOMS)
    assert e.value.rule == "maker_checker"
    with pytest.raises(Refused) as e:
        cr.reject(c, 1, "no", TODAY)
    assert e.value.rule == "maker_checker"
    assert cr.approve(c, 2, "", person(), [], cr.Standing(), TODAY, CUSTOMS).decided_by == 2


def test_an_approval_of_a_fact_changed_since_is_refused_as_stale() -> None:
    c = pending(ask("legal_name", "Rey"))
    with pytest.raises(Refused) as e:
        cr.approve(c, 2, "", person(legal_name="Rae"), [], cr.Standing(), TODAY, CUSTOMS)
    assert e.value.rule == "correction_stale"


def test_a_parent_correction_obeys_the_rules_of_parents() -> None:
    younger = Person(id=9, legal_name="Young", born=date(2001, 1, 1))
    with pytest.raises(Refused) as e:
        ask("parents", "9", parents=[younger])
    assert e.value.rule == "parent_born_before_child"
    child = cr.Standing(children=((9, date(2001, 1, 1)),))
    older = Person(id=9, legal_name="Older", born=date(1970, 1, 1))
    with pytest.raises(Refused):
        ask("parents", "9", parents=[older], standing=child)
    assert ask("parents", "9", parents=[older]).new == "9"


@given(shift=st.integers(-40 * 365, 20 * 365), bonded=st.dates(date(2010, 1, 1), TODAY))
def test_a_birth_date_is_refused_exactly_when_it_makes_the_bonded_a_minor(
        shift: int, bonded: date) -> None:
    new = date(2000, 5, 5) + timedelta(days=shift)
    assume(new != date(2000, 5, 5) and new <= TODAY)
    adult = person(born=new).age_on(bonded) >= CUSTOMS.age_of_majority
    try:
        ask("born", new.isoformat(), standing=cr.Standing(bonded_on=(bonded,)))
    except Refused as e:
        assert not adult and e.rule == "correction_makes_minor", e.message
    else:
        assert adult


def test_values_round_trip_through_their_canonical_text() -> None:
    for field, value in (("born", date(2000, 1, 2)), ("parents", (3, 4)),
                         ("other_names", (OtherName("work", "Kylo"),)),
                         ("scent", Scent((0.1, 0.2), (0.3, 0.4), "cedar")), ("scent", None),
                         ("legal_name", "Rey"), ("district", "")):
        assert co.decode(field, co.encode(field, value)) == value
    assert co.shown("parents", "") == "none"


def _story(corrected_on: date) -> list[ev.Event]:
    return [ev.PersonRegistered(7, "Ray", date(2000, 5, 5)),
            co.CorrectionApproved(3, 7, "born", "2000-05-05", "2000-06-05", 1, 2,
                                  corrected_on)]


@given(day=st.dates(date(2000, 5, 1), date(2000, 7, 1)))
def test_as_known_today_the_corrected_birth_date_holds_from_its_own_first_day(
        day: date) -> None:
    snap = fold(7, day, _story(date(2026, 6, 1)))
    assert snap.exists == (day >= date(2000, 6, 5))
    if snap.exists:
        assert snap.born == date(2000, 6, 5) and snap.legal_name == "Ray"


def test_as_recorded_before_the_correction_the_original_holds() -> None:
    events = _story(date(2026, 6, 1))
    assert fold(7, date(2000, 5, 20), events[:1]).born == date(2000, 5, 5)


def test_a_designation_in_use_by_a_courtship_or_bond_is_not_corrected() -> None:
    alpha = person(designation=Designation.ALPHA, presented_on=date(2014, 6, 1))
    with pytest.raises(Refused) as e:
        ask("designation", "beta", alpha, court="C-1",
            standing=cr.Standing(engaged=("bond #2",)))
    assert e.value.rule == "designation_in_use" and "bond #2" in e.value.message
    assert ask("designation", "beta", alpha, court="C-1").new == "beta"
