"""Handlers on the in-memory unit of work, through the real Registry: fast, no database."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import FixedClock
from tests.registry.fakes import FakeUnitOfWork
from troth.domain import commands as c
from troth.domain import courtship_events as ec
from troth.domain import events as ev
from troth.domain.bonding import Bond
from troth.domain.courtship import CourtshipStatus
from troth.domain.customs import Customs
from troth.domain.errors import InvalidInput, NotFound, Refused
from troth.registry.service import Registry


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def reg(uow: FakeUnitOfWork) -> Registry:
    # handlers never read through the queries: the unit of work is all they are given
    return Registry(uow.uow_factory, queries=None, clock=FixedClock(),  # type: ignore[arg-type]
                    customs=Customs())


def person(reg: Registry, name: str, born: date, designation: str | None = None) -> int:
    pid = reg.execute(c.RegisterPerson(name, born))
    if designation:
        reg.execute(c.RecordPresentation(pid, designation, date(born.year + 14, 6, 1)))
    return pid


def cast(reg: Registry) -> tuple[int, int, int]:
    rey = person(reg, "Rey", date(2007, 3, 1), "omega")
    plutt = person(reg, "Unkar Plutt", date(1970, 2, 3), "beta")
    maz = person(reg, "Maz Kanata", date(1950, 1, 1), "beta")
    return rey, plutt, maz


# --- the bus --------------------------------------------------------------------------------


def test_the_bus_commits_exactly_once_per_command(reg: Registry, uow: FakeUnitOfWork) -> None:
    rey = reg.execute(c.RegisterPerson("Rey", date(2007, 3, 1)))
    assert uow.commits == 1
    reg.execute(c.RecordPresentation(rey, "omega", date(2021, 5, 1)))
    assert uow.commits == 2 and len(uow.events) == 2


def test_nothing_is_committed_or_recorded_when_a_handler_refuses(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    rey = reg.execute(c.RegisterPerson("Rey", date(2007, 3, 1)))
    with pytest.raises(Refused):
        reg.execute(c.RecordDeath(rey, date(2030, 1, 1)))  # after today
    assert uow.commits == 1 and [type(e) for e in uow.events] == [ev.PersonRegistered]
    assert uow.people.get(rey).died is None


def test_a_refusal_after_an_event_was_recorded_rolls_that_event_back(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    rey, plutt, _ = cast(reg)
    reg.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    before = list(uow.events)
    with pytest.raises(Refused):  # the end is recorded, then the new appointment refused
        reg.execute(c.TransferGuardianship(rey, rey, "JFC", "2", date(2023, 1, 1), "x"))
    assert uow.events == before and uow.guardianships.current(rey).guardian_id == plutt


def test_a_bulk_session_commits_once_and_a_refused_command_leaves_nothing(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    with reg.bulk() as bulk:
        rey = bulk.execute(c.RegisterPerson("Rey", date(2007, 3, 1)))
        with pytest.raises(Refused):
            bulk.execute(c.RecordDeath(rey, date(2030, 1, 1)))
        bulk.execute(c.RecordPresentation(rey, "omega", date(2021, 5, 1)))
        assert uow.commits == 0
        bulk.commit()
    assert uow.commits == 1 and len(uow.events) == 2


def test_a_bulk_session_not_committed_leaves_nothing(reg: Registry, uow: FakeUnitOfWork) -> None:
    with reg.bulk() as bulk:
        bulk.execute(c.RegisterPerson("Rey", date(2007, 3, 1)))
    assert uow.commits == 0 and uow.events == [] and uow.people.rows == {}


def test_a_command_without_a_handler_is_a_type_error(reg: Registry) -> None:
    with pytest.raises(TypeError, match="no handler for Command"):
        reg.execute(c.Command())


# --- people -----------------------------------------------------------------------------


def test_registering_a_person_records_one_event_and_returns_the_new_id(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    rey = reg.execute(c.RegisterPerson("Rey", date(2007, 3, 1), district="Jakku"))
    (event,) = uow.events
    assert isinstance(event, ev.PersonRegistered) and event.person_id == rey
    assert uow.people.get(rey).legal_name == "Rey"


def test_registering_a_birth_needs_a_parent(reg: Registry, uow: FakeUnitOfWork) -> None:
    with pytest.raises(Refused):
        reg.execute(c.RegisterBirth("Ben", date(2000, 10, 25), ()))
    assert uow.events == [] and uow.commits == 0


def test_a_birth_names_parents_who_are_on_the_register(reg: Registry) -> None:
    with pytest.raises(NotFound):
        reg.execute(c.RegisterBirth("Ben", date(2000, 10, 25), (99,)))


def test_a_registered_birth_is_told_as_a_birth_of_its_parents_child(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    leia = person(reg, "Leia", date(1980, 5, 4))
    ben = reg.execute(c.RegisterBirth("Ben", date(2000, 10, 25), (leia,)))
    event = uow.events[-1]
    assert isinstance(event, ev.PersonRegistered) and event.as_birth
    assert uow.people.get(ben).parents == (leia,)


def test_a_presentation_is_recorded_once(reg: Registry, uow: FakeUnitOfWork) -> None:
    rey = person(reg, "Rey", date(2007, 3, 1), "omega")
    with pytest.raises(Refused):
        reg.execute(c.RecordPresentation(rey, "alpha", date(2022, 1, 1)))
    assert uow.people.get(rey).designation == "omega"


# --- guardianship ---------------------------------------------------------------------------


def test_appointing_a_guardian_records_the_appointment(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    rey, plutt, _ = cast(reg)
    gid = reg.execute(c.AppointGuardian(rey, plutt, "Jakku Family Court", "JFC-118",
                                        date(2021, 6, 1)))
    assert isinstance(uow.events[-1], ev.GuardianAppointed)
    current = uow.guardianships.current(rey)
    assert current is not None and current.id == gid and current.guardian_id == plutt


def test_an_overlapping_guardianship_is_refused_and_records_nothing(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    rey, plutt, maz = cast(reg)
    reg.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    before, commits = len(uow.events), uow.commits
    with pytest.raises(Refused) as e:
        reg.execute(c.AppointGuardian(rey, maz, "JFC", "2", date(2023, 1, 1)))
    assert e.value.rule == "one_guardian_at_a_time"
    assert len(uow.events) == before and uow.commits == commits


def test_a_transfer_ends_one_guardianship_and_opens_the_next_in_one_commit(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    rey, plutt, maz = cast(reg)
    reg.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    commits = uow.commits
    reg.execute(c.TransferGuardianship(rey, maz, "JFC", "2", date(2023, 1, 1), "petition"))
    assert [type(e) for e in uow.events[-2:]] == [ev.GuardianshipEnded, ev.GuardianAppointed]
    assert uow.commits == commits + 1
    assert [g.guardian_id for g in uow.guardianships.for_ward(rey)] == [plutt, maz]


def test_a_death_ends_the_guardianships_it_touches(reg: Registry, uow: FakeUnitOfWork) -> None:
    rey, plutt, _ = cast(reg)
    reg.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    reg.execute(c.RecordDeath(plutt, date(2023, 1, 1)))
    ended = uow.events[-1]
    assert isinstance(ended, ev.GuardianshipEnded) and ended.how == "died"
    assert uow.guardianships.current(rey) is None


def test_a_guardianship_is_ended_or_revoked_here_and_nothing_else(reg: Registry) -> None:
    rey, plutt, _ = cast(reg)
    reg.execute(c.AppointGuardian(rey, plutt, "JFC", "1", date(2021, 6, 1)))
    with pytest.raises(InvalidInput, match="ended or revoked"):
        reg.execute(c.EndGuardianship(rey, date(2023, 1, 1), how="bonded"))


# --- courtship ------------------------------------------------------------------------------


def pair(reg: Registry) -> tuple[int, int]:
    ben = person(reg, "Ben", date(1999, 10, 25), "alpha")
    rey = person(reg, "Rey", date(2000, 3, 1), "omega")
    return ben, rey


def test_an_introduction_awaits_the_omegas_consent_which_opens_the_courtship(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    ben, rey = pair(reg)
    cid = reg.execute(c.ProposeIntroduction(ben, rey, None, date(2026, 1, 1)))
    assert uow.courtships.get(cid).status is CourtshipStatus.PROPOSED
    reg.execute(c.RecordConsent(cid, rey, True, date(2026, 1, 2)))
    assert uow.courtships.get(cid).status is CourtshipStatus.OPEN
    assert isinstance(uow.events[-1], ec.ConsentRecorded)


def test_a_guardians_consent_never_stands_in_for_the_omegas(
        reg: Registry, uow: FakeUnitOfWork) -> None:
    ben, rey = pair(reg)
    plutt = person(reg, "Unkar Plutt", date(1970, 2, 3), "beta")
    cid = reg.execute(c.ProposeIntroduction(ben, rey, None, date(2026, 1, 1)))
    before = len(uow.events)
    with pytest.raises(Refused) as e:
        reg.execute(c.RecordConsent(cid, plutt, True, date(2026, 1, 2)))
    assert e.value.rule == "own_consent_only" and len(uow.events) == before


def test_a_declined_introduction_ends_the_matter(reg: Registry) -> None:
    ben, rey = pair(reg)
    cid = reg.execute(c.ProposeIntroduction(ben, rey, None, date(2026, 1, 1)))
    reg.execute(c.RecordConsent(cid, rey, False, date(2026, 1, 2)))
    with pytest.raises(Refused) as e:
        reg.execute(c.ProposeIntroduction(ben, rey, None, date(2026, 2, 1)))
    assert e.value.rule == "refusal_ends_the_matter"


def test_a_bonded_person_is_not_courted(reg: Registry, uow: FakeUnitOfWork) -> None:
    ben, rey = pair(reg)
    uow.bonds.rows[1] = Bond(1, ben, 99, 7, date(2025, 1, 1), "", "code")
    with pytest.raises(Refused) as e:
        reg.execute(c.ProposeIntroduction(ben, rey, None, date(2026, 1, 1)))
    assert e.value.rule == "neither_bonded"


def test_either_party_may_end_a_courtship(reg: Registry, uow: FakeUnitOfWork) -> None:
    ben, rey = pair(reg)
    cid = reg.execute(c.ProposeIntroduction(ben, rey, None, date(2026, 1, 1)))
    reg.execute(c.EndCourtship(cid, ben, date(2026, 1, 5), "moving away"))
    assert uow.courtships.get(cid).status is CourtshipStatus.ENDED
