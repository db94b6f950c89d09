"""Guardianship integrity and welfare decisions on real databases (SQLite and PostgreSQL):
living parents, guardians under review, a review decided and leaving the queue, a threat
flagged on the verdict, and a guardian's record across wards and years."""

from datetime import date, datetime

import pytest

from tests.registry.helpers import add, ledger_count
from troth.domain import commands as c
from troth.domain.errors import Refused, TrothError
from troth.domain.guardianship import Guardianship

JFC = "Jakku Family Court"


def cast(reg):
    rey = add(reg, "Rey", date(2007, 3, 1), "omega")  # presents 2021-03-01
    plutt = add(reg, "Unkar Plutt", date(1970, 2, 3), "beta")
    maz = add(reg, "Maz Kanata", date(1950, 1, 1), "beta")
    registrar = add(reg, "Clerk Vane", date(1980, 1, 1), "beta")
    gid = reg.execute(c.AppointGuardian(rey, plutt, JFC, "JFC-118", date(2021, 6, 1)))
    return rey, plutt, maz, registrar, gid


def demand(reg, rey, plutt, gid, on=date(2026, 3, 22)):
    return reg.execute(c.ReportIncident("payment_demand", rey, on, "asked to be paid",
                                        about_id=plutt, guardianship_id=gid))


def test_an_omega_with_two_living_parents_cannot_be_placed_under_a_guardian_without_the_orders_stated_reason(  # noqa: E501
        registry) -> None:
    mother = add(registry, "Mother", date(1980, 1, 1), "beta")
    father = add(registry, "Father", date(1979, 1, 1), "beta")
    ward = add(registry, "Kira", date(2006, 5, 1), "omega", parents=(mother, father))
    plutt = add(registry, "Unkar Plutt", date(1970, 2, 3), "beta")
    before = ledger_count(registry)
    with pytest.raises(Refused) as e:
        registry.execute(c.AppointGuardian(ward, plutt, JFC, "JFC-7", date(2022, 1, 1)))
    assert e.value.rule == "ward_has_living_parents"
    assert ledger_count(registry) == before
    why = "both parents found unable to provide for her (order JFC-7, para. 3)"
    gid = registry.execute(c.AppointGuardian(ward, plutt, JFC, "JFC-7", date(2022, 1, 1), why))
    held = registry.queries.people.guardian_of(ward, date(2022, 2, 1))
    assert (held.id, held.reason) == (gid, why)


def test_a_ward_cannot_be_placed_before_she_presented(registry) -> None:
    rey = add(registry, "Rey", date(2007, 3, 1), "omega")
    plutt = add(registry, "Unkar Plutt", date(1970, 2, 3), "beta")
    with pytest.raises(Refused) as e:
        registry.execute(c.AppointGuardian(rey, plutt, JFC, "JFC-118", date(2015, 4, 2)))
    assert e.value.rule == "ward_is_omega" and "2021-03-01" in e.value.message


def test_a_guardian_under_review_cannot_be_appointed_without_the_courts_reason(registry) -> None:
    rey, plutt, _, _, gid = cast(registry)
    iid = demand(registry, rey, plutt, gid)
    jannah = add(registry, "Jannah", date(2005, 6, 14), "omega")
    before = ledger_count(registry)
    with pytest.raises(Refused) as e:
        registry.execute(c.AppointGuardian(jannah, plutt, JFC, "JFC-301", date(2026, 4, 1)))
    assert e.value.rule == "guardian_under_review" and f"#{iid}" in e.value.message
    assert ledger_count(registry) == before
    new = registry.execute(c.AppointGuardian(jannah, plutt, JFC, "JFC-301", date(2026, 4, 1),
                                             court_waiver_ref="JFC-2026-W12"))
    held = registry.queries.people.guardian_of(jannah, date(2026, 4, 2))
    assert (held.id, held.court_waiver_ref) == (new, "JFC-2026-W12")
    told = [h.text for h in registry.queries.people.history(plutt)]
    assert any("appointed guardian of Jannah" in t for t in told)


def test_a_review_decided_as_revoked_ends_the_guardianship_and_leaves_the_queue(registry) -> None:
    rey, plutt, _, registrar, gid = cast(registry)
    iid = demand(registry, rey, plutt, gid)
    assert [i["id"] for i in registry.queries.courtships.welfare_queue()] == [iid]
    registry.execute(c.DecideWelfareReview(iid, "revoked", "the demand is proven", registrar,
                                           date(2026, 4, 10)))
    assert registry.queries.courtships.welfare_queue() == []
    assert registry.queries.people.guardian_of(rey, date(2026, 4, 10)) is None
    ended = registry.queries.people.guardianships_of(rey)[0]
    assert (ended.end, ended.how_ended) == (date(2026, 4, 10), "revoked")
    closed = registry.queries.courtships.welfare_queue("closed")[0]
    assert (closed["decision"], closed["outcome"], closed["decided_by"]) == (
        "revoked", "the demand is proven", registrar)
    assert registry.queries.people.verify().ok


def test_a_review_decided_as_transferred_appoints_the_new_guardian_in_one_transaction(
        registry) -> None:
    rey, plutt, maz, registrar, gid = cast(registry)
    iid = demand(registry, rey, plutt, gid)
    before = ledger_count(registry)
    registry.execute(c.DecideWelfareReview(iid, "transferred", "the ward asked for Maz",
                                           registrar, date(2026, 4, 10), maz, JFC, "JFC-402"))
    assert ledger_count(registry) == before + 3  # decided, ended, appointed
    now = registry.queries.people.guardian_of(rey, date(2026, 4, 10))
    assert (now.guardian_id, now.order_ref) == (maz, "JFC-402")


def test_a_refused_transfer_decision_writes_nothing_and_the_review_stays_open(registry) -> None:
    rey, plutt, _, registrar, gid = cast(registry)
    iid = demand(registry, rey, plutt, gid)
    minor = add(registry, "Young Beta", date(2012, 1, 1), "beta")
    before = ledger_count(registry)
    with pytest.raises(TrothError):
        registry.execute(c.DecideWelfareReview(iid, "transferred", "r", registrar,
                                               date(2026, 4, 10), minor, JFC, "JFC-9"))
    assert ledger_count(registry) == before
    assert [i["id"] for i in registry.queries.courtships.welfare_queue()] == [iid]
    assert registry.queries.people.guardian_of(rey, date(2026, 5, 1)).guardian_id == plutt


def test_a_wards_own_report_opens_a_review_that_is_decided_kept(registry) -> None:
    rey, plutt, _, registrar, _ = cast(registry)
    iid = registry.execute(c.ReportIncident("neglect", rey, date(2026, 2, 1),
                                            "not enough food in the house"))
    with pytest.raises(Refused) as e:
        registry.execute(c.CloseIncident(iid, "done", date(2026, 2, 2)))
    assert e.value.rule == "review_is_decided"
    registry.execute(c.DecideWelfareReview(iid, "kept", "food provided; monthly checks",
                                           registrar, date(2026, 2, 20)))
    assert registry.queries.courtships.welfare_queue() == []
    assert registry.queries.people.guardian_of(rey, date(2026, 3, 1)).guardian_id == plutt


def test_a_waiver_granted_after_a_reported_threat_is_flagged_in_the_verdict(registry) -> None:
    rey, plutt, _, _, _ = cast(registry)
    leia = add(registry, "Leia Organa", date(1968, 6, 10), "beta")
    ben = add(registry, "Ben Solo", date(1999, 10, 25), "alpha", parents=(leia,))
    ada = add(registry, "Ada Wren", date(1972, 11, 2), "beta")
    cid = registry.execute(c.ProposeIntroduction(ben, rey, leia, date(2026, 3, 2)))
    registry.execute(c.RecordConsent(cid, rey, True, date(2026, 3, 4)))
    vid = registry.execute(c.ScheduleVisit(cid, "dinner", datetime(2026, 3, 14, 19), "home",
                                           True, (ada,)))
    registry.execute(c.ReportIncident("threat", ada, date(2026, 3, 21),
                                      "'I can take her whenever I want ... it's up to you'",
                                      about_id=ben, visit_id=vid))
    registry.execute(c.GrantWaiver(cid, "min_visits_before_bonding", "families", "they agree",
                                   date(2026, 3, 28), (leia, plutt), ("the Alpha's mother", "")))
    court = registry.queries.courtships.courtship(cid)
    assert court.waivers[0].granted_by_ids == (leia, plutt)
    assert court.waivers[0].relations == ("the Alpha's mother", "the Omega's guardian")
    v = registry.queries.courtships.bonding_verdict(cid, date(2026, 3, 28), registry.customs)
    assert "waiver_after_threat" in [f.rule for f in v.findings]


def test_a_guardians_record_lists_every_ward_with_incidents_and_decisions(registry) -> None:
    rey, plutt, _, registrar, gid = cast(registry)
    iid = demand(registry, rey, plutt, gid)
    registry.execute(c.DecideWelfareReview(iid, "revoked", "proven", registrar,
                                           date(2026, 4, 10)))
    jannah = add(registry, "Jannah", date(2005, 6, 14), "omega")
    registry.execute(c.AppointGuardian(jannah, plutt, JFC, "JFC-301", date(2026, 4, 20)))
    record = registry.queries.courtships.guardian_record(plutt)
    assert [(w.ward_name, w.guardianship.end) for w in record.wards] == [
        ("Rey", date(2026, 4, 10)), ("Jannah", None)]
    first = record.wards[0].incidents[0]
    assert (first.id, first.decision, first.outcome) == (iid, "revoked", "proven")
    assert record.open_reviews == 0 and isinstance(record.wards[1].guardianship, Guardianship)
