"""Notifications on real databases (SQLite and PostgreSQL): written with the ledger entry
they tell of, to the people the table names and no one else, each able to open the record
it links to; an e-mail queued for those who gave an address; a declaration of pressure told
to the registry alone; nothing written when the command is refused."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from tests.registry.helpers import add
from troth.domain import commands as c
from troth.domain.errors import InvalidInput, NotFound, Refused
from troth.domain.notices import SetContactEmail
from troth.domain.policy import ACTION_BY_NAME, Role, decide

ON = date(2026, 11, 20)


def cast(reg: Any) -> dict[str, int]:
    p = {"rey": add(reg, "Rey", date(2005, 3, 1), "omega"),
         "ben": add(reg, "Ben Solo", date(1999, 10, 25), "alpha"),
         "plutt": add(reg, "Unkar Plutt", date(1970, 2, 3), "beta"),
         "maz": add(reg, "Maz Kanata", date(1950, 1, 1), "beta"),
         "finn": add(reg, "Finn", date(2001, 1, 1), "beta")}
    reg.execute(c.AppointGuardian(p["rey"], p["plutt"], "Jakku Family Court", "JFC-118",
                                  date(2021, 6, 1)))
    return p


def inbox(reg: Any, person: int | None, registry: bool = False) -> list[Any]:
    return reg.queries.inbox.inbox(person, registry, 1, 100)[0]


def test_an_introduction_and_a_visit_tell_the_parties_the_guardian_and_the_handler(
        registry: Any) -> None:
    p = cast(registry)
    court = registry.execute(c.ProposeIntroduction(p["ben"], p["rey"], None, date(2026, 11, 18)))
    (told,) = inbox(registry, p["rey"])[:1]
    assert told.words.startswith("An introduction to Ben Solo was proposed") and told.unread
    assert told.href == f"/courtships/{court}" and told.action == "courtship.read"
    assert "your ward" in inbox(registry, p["plutt"])[0].words
    registry.execute(c.RecordConsent(court, p["rey"], True, date(2026, 11, 19)))
    visit = registry.execute(c.ScheduleVisit(court, "tea", datetime(2026, 11, 28, 15),
                                             "the parlour", True, (p["maz"],)))
    for who in ("rey", "ben", "plutt", "maz"):
        assert inbox(registry, p[who])[0].href == f"/visits/{visit}"
    assert "28 November 2026, 15:00" in inbox(registry, p["maz"])[0].words
    assert inbox(registry, p["finn"]) == []  # a stranger is told nothing
    # every notice links only to a record its recipient may open under the policy
    today = registry.clock.today()
    for who in p.values():
        for n in inbox(registry, who):
            rel = registry.queries.relations.relations(
                who, ACTION_BY_NAME[n.action].subject, (n.record_id,), today)
            assert any(decide([r], n.action, rel).allowed for r in Role
                       if r is not Role.REGISTRAR), (who, n.words)


def test_a_declaration_of_pressure_is_told_to_the_registry_only(registry: Any) -> None:
    p = cast(registry)
    court = registry.execute(c.ProposeIntroduction(p["ben"], p["rey"], None, date(2026, 11, 18)))
    before = {k: len(inbox(registry, v)) for k, v in p.items()}
    iid = registry.execute(c.DeclarePressure(court, p["rey"], "courtship", ON))
    assert {k: len(inbox(registry, v)) for k, v in p.items()} == before
    (review,) = inbox(registry, None, registry=True)
    assert review.person_id is None and review.href == f"/incidents/{iid}"
    assert "pressur" not in review.words


def test_a_share_tells_the_grantee_and_never_what_was_shared(registry: Any) -> None:
    p = cast(registry)
    registry.execute(c.RecordHeat(p["rey"], p["rey"], date(2026, 11, 1)))
    registry.execute(c.ShareHealth(p["rey"], p["ben"], "partner"))
    (told,) = inbox(registry, p["ben"])
    assert told.words == "Rey shared part of their health record with you."
    assert inbox(registry, p["plutt"])[0].kind == "guardian_appointed"  # nothing more


def test_an_address_queues_an_email_in_the_same_transaction(registry: Any) -> None:
    p = cast(registry)
    registry.execute(SetContactEmail(p["rey"], " rey@jakku.example "))
    assert registry.queries.inbox.contact_email(p["rey"]) == "rey@jakku.example"
    assert any("contact e-mail" in h.text for h in registry.queries.people.history(p["rey"]))
    registry.execute(c.ProposeIntroduction(p["ben"], p["rey"], None, date(2026, 11, 18)))
    (due,) = registry.queries.outbox.due(datetime(2100, 1, 1))
    assert due.address == "rey@jakku.example" and "Ben Solo" in due.subject
    assert registry.queries.outbox.counts() == {"queued": 1, "sent": 0, "failed": 0}
    registry.execute(SetContactEmail(p["rey"], ""))
    assert registry.queries.inbox.contact_email(p["rey"]) == ""


def test_a_bad_address_or_person_is_refused_and_writes_nothing(registry: Any) -> None:
    p = cast(registry)
    with pytest.raises(InvalidInput):
        registry.execute(SetContactEmail(p["rey"], "rey at jakku"))
    with pytest.raises(NotFound):
        registry.execute(SetContactEmail(99_999, "x@y.example"))
    assert registry.queries.inbox.contact_email(p["rey"]) == ""


def test_a_refused_command_tells_no_one(registry: Any) -> None:
    p = cast(registry)
    before = len(inbox(registry, p["ben"]))
    with pytest.raises(Refused):
        registry.execute(c.ProposeIntroduction(p["rey"], p["ben"], None, ON))
    assert len(inbox(registry, p["ben"])) == before


def test_marking_read_is_per_inbox(registry: Any) -> None:
    p = cast(registry)
    registry.execute(c.ProposeIntroduction(p["ben"], p["rey"], None, date(2026, 11, 18)))
    ib = registry.queries.inbox
    rey_first = inbox(registry, p["rey"])[0].id
    with pytest.raises(NotFound):
        ib.mark_read(p["ben"], False, rey_first)  # not his
    assert ib.unread(p["rey"], False) == 2
    assert ib.mark_read(p["rey"], False, rey_first) == 1
    assert ib.unread(p["rey"], False) == 1 and ib.mark_read(p["rey"], False, None) == 1
    assert ib.unread(p["rey"], False) == 0 and ib.unread(p["ben"], False) == 1


def test_the_inbox_is_newest_first_and_paginated(registry: Any) -> None:
    p = cast(registry)
    court = registry.execute(c.ProposeIntroduction(p["ben"], p["rey"], None, date(2026, 11, 18)))
    registry.execute(c.RecordConsent(court, p["rey"], True, date(2026, 11, 19)))
    for day in (26, 27, 28):
        registry.execute(c.ScheduleVisit(court, "tea", datetime(2026, 12, day, 15), "the parlour",
                                         True, (p["maz"],)))
    ib = registry.queries.inbox
    first, total = ib.inbox(p["ben"], False, 1, 2)
    second, _ = ib.inbox(p["ben"], False, 2, 2)
    assert total == 5 and [len(first), len(second)] == [2, 2]
    ids = [n.id for n in first + second]
    assert ids == sorted(ids, reverse=True)
    assert "28 December 2026" in first[0].words and "27 December 2026" in first[1].words
    assert ib.inbox(p["ben"], False, 3, 2)[0][0].words.startswith("An introduction to Rey")
