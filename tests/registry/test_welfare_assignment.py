"""The welfare queue worked by registrars, on real databases (SQLite and PostgreSQL): an
assignment is a ledger entry per incident, all or none; only a registrar's account is
assigned; the queue narrows by kind, age, district and assignee."""

from datetime import date

import pytest

from tests.registry.helpers import add, ledger_count
from troth.domain import commands as c
from troth.domain.errors import InvalidInput, NotFound, Refused
from troth.domain.identity import CreateAccount
from troth.domain.policy import Role
from troth.registry.views import QueueFilter

TODAY = date(2026, 11, 25)


def queue_world(reg):
    rey = add(reg, "Rey", date(2007, 3, 1), "omega", district="Jakku")
    plutt = add(reg, "Unkar Plutt", date(1970, 2, 3), "beta", district="Jakku")
    ada = add(reg, "Ada Kell", date(1975, 5, 5), "beta", district="Takodana")
    gid = reg.execute(c.AppointGuardian(rey, plutt, "JFC", "JFC-118", date(2021, 6, 1)))
    old = reg.execute(c.ReportIncident("payment_demand", rey, date(2026, 3, 22), "asked",
                                       about_id=plutt, guardianship_id=gid))
    new = reg.execute(c.ReportIncident("contact_breach", ada, date(2026, 11, 20), "close",
                                       about_id=ada))
    clerk = reg.execute(CreateAccount("clerk", "h", (Role.REGISTRAR,)))
    other = reg.execute(CreateAccount("vane", "h", (Role.REGISTRAR,)))
    sponsor = reg.execute(CreateAccount("leia", "h", (Role.SPONSOR,)))
    return old, new, clerk, other, sponsor


def ids(reg, **f):
    return [i.id for i in reg.queries.welfare.queue(QueueFilter(**f), TODAY)]


def test_assigning_records_an_entry_per_incident_and_the_queue_shows_who_works_it(
        registry) -> None:
    old, new, clerk, other, _ = queue_world(registry)
    before = ledger_count(registry)
    assert registry.execute(c.AssignWelfareReviews((old, new, old), clerk, clerk)) == 2
    assert ledger_count(registry) == before + 2
    assert registry.execute(c.AssignWelfareReviews((old,), clerk, other)) == 0  # no change
    assert ledger_count(registry) == before + 2
    registry.execute(c.AssignWelfareReviews((new,), other, clerk))
    assert ids(registry, assignee=clerk) == [old]
    assert ids(registry, assignee=other) == [new]
    assert ids(registry, assignee=0) == []
    item = registry.queries.welfare.queue(QueueFilter(assignee=clerk), TODAY)[0]
    assert (item.assignee_name, item.assigned_on, item.district) == ("clerk", TODAY, "Jakku")
    assert registry.queries.welfare.registrars() == [(clerk, "clerk"), (other, "vane")]
    assert registry.queries.people.verify().ok


def test_only_a_registrar_is_assigned_and_a_closed_or_unknown_incident_refuses_them_all(
        registry) -> None:
    old, new, clerk, _, sponsor = queue_world(registry)
    before = ledger_count(registry)
    with pytest.raises(Refused) as e:
        registry.execute(c.AssignWelfareReviews((old,), sponsor, clerk))
    assert e.value.rule == "assignee_registrar"
    registry.execute(c.CloseIncident(new, "spoken to; no further concern", TODAY))
    with pytest.raises(Refused) as e:
        registry.execute(c.AssignWelfareReviews((old, new), clerk, clerk))
    assert e.value.rule == "incident_state" and f"#{new}" in e.value.message
    with pytest.raises(NotFound):
        registry.execute(c.AssignWelfareReviews((old, 999), clerk, clerk))
    with pytest.raises(InvalidInput):
        registry.execute(c.AssignWelfareReviews((), clerk, clerk))
    assert ledger_count(registry) == before + 1  # the closing alone
    assert ids(registry, assignee=0) == [old]


def test_the_queue_narrows_by_kind_age_and_district(registry) -> None:
    old, new, *_ = queue_world(registry)
    assert ids(registry) == [old, new]
    assert ids(registry, kind="contact_breach") == [new]
    assert ids(registry, older_than=5) == [old]
    assert ids(registry, older_than=4) == [old, new]
    assert ids(registry, district="takodana") == [new]
    assert ids(registry, district="Niima") == []
