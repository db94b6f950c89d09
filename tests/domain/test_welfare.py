"""Incidents and the welfare queue: payment demands, force and neglect open a review."""

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain import welfare as w
from troth.domain.errors import InvalidInput, Refused

TODAY = date(2026, 4, 12)
HANDLER, GUARDIAN, ALPHA = 5, 3, 1


def report(kind: str, guardianship: int | None = 1, description: str = "what was seen",
           on: date = TODAY) -> ev.IncidentReported:
    cmd = c.ReportIncident(kind, HANDLER, on, description, about_id=GUARDIAN, visit_id=20)
    return w.report(cmd, 7, guardianship, TODAY)


@pytest.mark.parametrize("kind", ["payment_demand", "force_against_ward", "neglect"])
def test_a_payment_demand_force_or_neglect_opens_a_review_of_the_guardianship(kind: str) -> None:
    e = report(kind)
    assert e.opens_review and e.guardianship_id == 1


@pytest.mark.parametrize("kind", ["contact_breach", "assault", "other"])
def test_other_incidents_are_recorded_without_opening_a_review(kind: str) -> None:
    assert not report(kind, guardianship=None).opens_review


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(w.KINDS))
def test_an_incident_opens_a_review_iff_it_is_of_a_kind_that_concerns_the_guardianship(
        kind: str) -> None:
    assert report(kind).opens_review == (kind in w.OPENS_REVIEW)


def test_a_payment_demand_is_recorded_as_a_welfare_incident() -> None:
    e = report("payment_demand", description=" the guardian asked to be paid for letting her go ")
    assert e.incident_kind == "payment_demand"
    assert e.description == "the guardian asked to be paid for letting her go"


def test_a_payment_demand_must_name_the_guardianship_it_concerns() -> None:
    with pytest.raises(Refused) as e:
        report("payment_demand", guardianship=None)
    assert e.value.rule == "incident_needs_guardianship"


def test_an_unknown_kind_of_incident_is_refused_with_the_kinds_listed() -> None:
    with pytest.raises(InvalidInput, match="payment_demand") as e:
        report("rudeness")
    assert e.value.rule == "incident_kind"


def test_an_incident_says_what_happened() -> None:
    with pytest.raises(InvalidInput) as e:
        report("assault", description="  ")
    assert e.value.rule == "incident_description"


def test_an_incident_dated_after_today_is_refused() -> None:
    with pytest.raises(Refused) as e:
        report("assault", on=date(2026, 5, 1))
    assert e.value.rule == "date_in_future"


def test_a_review_ends_with_its_outcome_on_record() -> None:
    e = w.close(w.Incident(7, "neglect", HANDLER, TODAY),
                c.CloseIncident(7, " guardian kept, with monthly visits ", TODAY))
    assert (e.incident_id, e.outcome) == (7, "guardian kept, with monthly visits")


def test_a_review_is_not_closed_without_an_outcome_or_twice() -> None:
    with pytest.raises(InvalidInput):
        w.close(w.Incident(7, "neglect", HANDLER, TODAY), c.CloseIncident(7, " ", TODAY))
    with pytest.raises(Refused) as e:
        w.close(w.Incident(7, "neglect", HANDLER, TODAY, status="closed"),
                c.CloseIncident(7, "transferred", TODAY))
    assert e.value.rule == "incident_state"


def _proposed() -> Any:
    from troth.domain.courtship import Courtship, CourtshipStatus

    return Courtship(10, ALPHA, 2, 4, date(2026, 4, 1), status=CourtshipStatus.PROPOSED)


def test_pressure_said_in_confidence_opens_a_review_naming_her_alone() -> None:
    e = w.pressured(_proposed(), c.DeclarePressure(10, 2, "courtship", TODAY), 9, TODAY)
    assert e.incident_kind == w.PRESSURED and e.opens_review
    assert e.reported_by == e.about_id == 2 and set(e.subjects) == {2}
    assert ALPHA not in e.subjects and e.guardianship_id is None and e.visit_id is None
    assert "courtship #10" in e.description and "No consent was recorded" in e.description


@pytest.mark.parametrize(("person", "stage", "on", "rule"), [
    (7, "courtship", TODAY, "own_consent_only"),
    (2, "courtship", date(2026, 4, 13), "date_in_future"),
    (2, "bonding", TODAY, "courtship_state"),  # a bonding is asked only in an open courtship
])
def test_pressure_is_judged_as_her_consent_would_be(person: int, stage: str, on: date,
                                                     rule: str) -> None:
    with pytest.raises(Refused) as e:
        w.pressured(_proposed(), c.DeclarePressure(10, person, stage, on), 9, TODAY)
    assert e.value.rule == rule


def test_pressure_is_not_a_kind_anyone_reports_through_the_incident_form() -> None:
    assert w.PRESSURED not in w.KINDS and w.PRESSURED in w.OPENS_REVIEW
