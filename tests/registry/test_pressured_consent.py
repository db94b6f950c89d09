"""'I am being pressured', on real databases (SQLite and PostgreSQL): no consent is
recorded, one ledger entry opens a review naming her alone, the registrar decides it as
any review, and a pressure declared by someone who is not a party writes nothing."""

from datetime import date

import pytest

from tests.registry.helpers import add, ledger_count
from troth.domain import commands as c
from troth.domain.errors import Refused

ON = date(2026, 11, 20)


def couple(reg):
    rey = add(reg, "Rey", date(2005, 3, 1), "omega")
    ben = add(reg, "Ben Solo", date(1999, 10, 25), "alpha")
    plutt = add(reg, "Unkar Plutt", date(1970, 2, 3), "beta")
    reg.execute(c.AppointGuardian(rey, plutt, "Jakku Family Court", "JFC-118", date(2021, 6, 1)))
    court = reg.execute(c.ProposeIntroduction(ben, rey, None, date(2026, 11, 18)))
    return rey, ben, plutt, court


def test_pressure_records_no_consent_and_one_entry_opening_a_review_of_her_alone(
        registry) -> None:
    rey, ben, _, court = couple(registry)
    before = ledger_count(registry)
    iid = registry.execute(c.DeclarePressure(court, rey, "courtship", ON))
    assert ledger_count(registry) == before + 1
    assert registry.queries.courtships.courtship(court).consents == []
    (row,) = [i for i in registry.queries.courtships.welfare_queue() if i["id"] == iid]
    assert (row["kind"], row["opens_review"], row["reported_by"], row["about_id"]) == (
        "pressured_consent", True, rey, rey)
    assert [h.text for h in registry.queries.people.history(ben)
            if "pressur" in h.text] == []  # not in the other party's history
    assert any("pressured" in h.text for h in registry.queries.people.history(rey))


def test_the_registrar_decides_a_pressure_review_and_it_leaves_the_queue(registry) -> None:
    rey, _, _, court = couple(registry)
    clerk = add(registry, "Clerk Vane", date(1980, 1, 1), "beta")
    iid = registry.execute(c.DeclarePressure(court, rey, "courtship", ON))
    registry.execute(c.DecideWelfareReview(iid, "kept", "spoke with her in confidence; the"
                                           " pressure came from the sponsor's letters", clerk,
                                           ON))
    assert iid not in {i["id"] for i in registry.queries.courtships.welfare_queue()}


def test_pressure_declared_by_someone_not_a_party_writes_nothing(registry) -> None:
    _, _, plutt, court = couple(registry)
    before = ledger_count(registry)
    with pytest.raises(Refused) as e:
        registry.execute(c.DeclarePressure(court, plutt, "courtship", ON))
    assert e.value.rule == "own_consent_only" and ledger_count(registry) == before
