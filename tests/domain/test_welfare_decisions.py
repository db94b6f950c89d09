"""Welfare reviews decided with an outcome, threats on record, and who grants a waiver."""

from datetime import date

import pytest
from tests.domain.test_bonding import ALPHA, GUARDIAN, OMEGA, court, rules, verdict

from troth.domain import commands as c
from troth.domain import courtship_rules as cr
from troth.domain import welfare as w
from troth.domain.bonding import bonding_verdict
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, Refused
from troth.domain.verdicts import Outcome

TODAY = date(2026, 4, 12)
REGISTRAR, HANDLER, MAZ = 40, 5, 6


def review(status: str = "open", opens: bool = True) -> w.Incident:
    return w.Incident(7, "payment_demand", OMEGA, date(2026, 3, 22), status, about_id=GUARDIAN,
                      guardianship_id=4, opens_review=opens)


def decide(outcome: str, reasons: str = "the court heard both", gid: int | None = 4,
           incident: w.Incident | None = None, **kw: object) -> object:
    cmd = c.DecideWelfareReview(7, outcome, reasons, REGISTRAR, date(2026, 4, 1), **kw)  # type: ignore[arg-type]
    return w.decide(incident or review(), cmd, gid, OMEGA, GUARDIAN, TODAY)


@pytest.mark.parametrize("outcome", ["kept", "revoked"])
def test_a_review_is_decided_with_its_outcome_and_reasons(outcome: str) -> None:
    e = decide(outcome)
    assert (e.incident_id, e.outcome, e.reasons, e.decided_by, e.guardianship_id) == (  # type: ignore[attr-defined]
        7, outcome, "the court heard both", REGISTRAR, 4)


def test_a_transfer_names_the_new_guardian_the_court_and_its_order() -> None:
    with pytest.raises(InvalidInput) as e:
        decide("transferred", new_guardian_id=MAZ)
    assert e.value.rule == "court_order_required"
    ok = decide("transferred", new_guardian_id=MAZ, court="Jakku Family Court", order_ref="T-1")
    assert ok.outcome == "transferred"  # type: ignore[attr-defined]


def test_a_review_is_decided_once_with_reasons_and_only_if_an_incident_opened_one() -> None:
    with pytest.raises(Refused) as e:
        decide("kept", incident=review(status="closed"))
    assert e.value.rule == "incident_state"
    with pytest.raises(Refused) as e:
        decide("kept", incident=review(opens=False))
    assert e.value.rule == "review_open"
    with pytest.raises(InvalidInput) as e2:
        decide("kept", reasons=" ")
    assert e2.value.rule == "review_reasons"
    with pytest.raises(InvalidInput) as e2:
        decide("released")
    assert e2.value.rule == "review_outcome"


def test_a_review_naming_no_guardianship_can_be_kept_but_not_revoked() -> None:
    assert decide("kept", gid=None).outcome == "kept"  # type: ignore[attr-defined]
    with pytest.raises(Refused) as e:
        decide("revoked", gid=None)
    assert e.value.rule == "guardianship_active"


def test_a_review_is_closed_only_by_its_decision() -> None:
    with pytest.raises(Refused) as e:
        w.close(review(), c.CloseIncident(7, "done", TODAY))
    assert e.value.rule == "review_is_decided"


def test_a_wards_own_report_opens_a_review_without_naming_a_guardianship() -> None:
    own = c.ReportIncident("neglect", OMEGA, TODAY, "I am not given enough to eat")
    e = w.report(own, 9, None, TODAY)
    assert e.opens_review and e.guardianship_id is None


def test_a_threat_is_an_incident_kind_that_opens_no_review() -> None:
    cmd = c.ReportIncident("threat", HANDLER, TODAY, "'I can take her whenever I want'",
                           about_id=ALPHA)
    e = w.report(cmd, 9, None, TODAY)
    assert e.incident_kind == "threat" and not e.opens_review


# --- a waiver after a threat ------------------------------------------------------------


def threat(on: date, about: int = ALPHA, visit: int | None = None) -> w.Incident:
    return w.Incident(12, "threat", HANDLER, on, about_id=about, visit_id=visit)


def test_a_waiver_granted_after_a_reported_threat_is_flagged_in_the_verdict() -> None:
    ct = court(visits=3, waived=True)  # the waiver is dated 2026-04-01
    v = bonding_verdict(ct, *_parties(), [], date(2026, 4, 18), Customs(),
                        [threat(date(2026, 3, 25))])
    assert v.outcome is Outcome.ALLOWED
    assert rules(v) == ["waiver_after_threat"]
    assert "after a threat was reported on 2026-03-25 (incident #12)" in v.reasons[0]


def test_a_threat_after_the_waiver_or_about_someone_else_is_not_flagged() -> None:
    ct = court(visits=3, waived=True)
    for t in (threat(date(2026, 4, 5)), threat(date(2026, 3, 25), about=99),
              threat(date(2026, 3, 25), visit=999)):
        assert rules(bonding_verdict(ct, *_parties(), [], date(2026, 4, 18), Customs(),
                                     [t])) == []


def test_the_flag_is_shown_even_when_the_bonding_is_refused() -> None:
    ct = court(visits=3, waived=True, consents=())
    v = bonding_verdict(ct, *_parties(), [], date(2026, 4, 18), Customs(),
                        [threat(date(2026, 3, 25), visit=1)])
    assert v.outcome is Outcome.REFUSED and "waiver_after_threat" in rules(v)


def _parties() -> tuple[object, object]:
    from tests.domain.test_bonding import ben, rey
    return ben(), rey()


# --- who grants a waiver ----------------------------------------------------------------


def waive(ids: tuple[int, ...], relations: tuple[str, ...] = ()) -> object:
    cmd = c.GrantWaiver(10, "min_visits_before_bonding", "families", "both families agree",
                        date(2026, 4, 1), ids, relations)
    return cr.waive(court(visits=3), cmd, 1, guardian_id=GUARDIAN)


def test_a_waiver_names_who_grants_it_and_their_relation_to_the_courtship() -> None:
    e = waive((4, GUARDIAN, 50), ("", "", "the Alpha's father"))
    assert e.granted_by_ids == (4, GUARDIAN, 50)  # type: ignore[attr-defined]
    assert e.relations == ("the sponsor", "the Omega's guardian", "the Alpha's father")  # type: ignore[attr-defined]
    assert set(e.subjects) >= {4, GUARDIAN, 50}  # type: ignore[attr-defined]


def test_a_grantor_the_registry_cannot_place_must_have_a_stated_relation() -> None:
    with pytest.raises(InvalidInput) as e:
        waive((50,))
    assert e.value.rule == "waiver_grantor" and "#50" in e.value.message
    with pytest.raises(InvalidInput):
        waive((4, GUARDIAN), ("the sponsor",))


def test_an_old_waiver_entry_without_grantors_is_still_read() -> None:
    from troth.domain.events import event_from_data
    old = {"waiver_id": 1, "courtship_id": 10, "alpha_id": ALPHA, "omega_id": OMEGA,
           "custom": "min_visits_before_bonding", "granted_by": "families", "reason": "r",
           "on": "2026-04-01"}
    e = event_from_data("waiver_granted", old)
    assert (e.granted_by_ids, e.relations) == ((), ())  # type: ignore[attr-defined]


def test_verdict_helper_still_works_without_incidents() -> None:
    assert verdict(court()).ok
