"""An in-memory unit of work for handler unit tests: the registry's UnitOfWork,
CourtshipUnitOfWork and BulkUnitOfWork protocols over plain dicts.

State is held once, in memory; `record(event)` appends the event and applies it (people,
guardianships, and the opening, consent and end of courtships; other events are recorded
but change no state here). Leaving the with-block without `commit()` puts everything back
as it was at the last commit, as a rolled-back transaction would; `begin_command`,
`end_command` and `abandon_command` do the same for one command in bulk mode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any

from troth.domain import courtship_events as ec
from troth.domain import events as ev
from troth.domain.bonding import Bond, Ceremony, Petition
from troth.domain.courtship import Consent, Courtship, CourtshipStatus, Visit
from troth.domain.errors import NotFound
from troth.domain.guardianship import Guardianship
from troth.domain.linkage import LinkRecord
from troth.domain.people import Designation, OtherName, Person, Scent
from troth.domain.welfare import Incident


def _next(rows: dict[int, Any]) -> int:
    return max(rows, default=0) + 1


class FakePeople:
    def __init__(self) -> None:
        self.rows: dict[int, Person] = {}

    def get(self, person_id: int) -> Person:
        if person_id not in self.rows:
            raise NotFound(f"no person #{person_id} in the registry", rule="person_exists")
        return self.rows[person_id]

    def get_many(self, ids: Sequence[int]) -> list[Person]:
        return [self.get(i) for i in ids]

    def link_candidates(self, record: LinkRecord) -> list[LinkRecord]:
        """Every person (no blocking: a fake holds few)."""
        return [LinkRecord(p.id, p.legal_name, p.born, tuple(n.name for n in p.other_names),
                           p.parents, "", p.designation.value if p.designation else None)
                for p in self.rows.values()]

    def next_id(self) -> int:
        return _next(self.rows)


class FakeGuardianships:
    def __init__(self) -> None:
        self.rows: dict[int, Guardianship] = {}
        self.reviews: list[Incident] = []

    def get(self, guardianship_id: int) -> Guardianship:
        if guardianship_id not in self.rows:
            raise NotFound(f"no guardianship #{guardianship_id}", rule="guardianship_exists")
        return self.rows[guardianship_id]

    def for_ward(self, ward_id: int) -> list[Guardianship]:
        return sorted((g for g in self.rows.values() if g.ward_id == ward_id),
                      key=lambda g: g.start)

    def current(self, ward_id: int) -> Guardianship | None:
        open_ = [g for g in self.for_ward(ward_id) if g.end is None]
        return open_[-1] if open_ else None

    def open_as_guardian(self, guardian_id: int) -> list[Guardianship]:
        return [g for g in self.rows.values() if g.guardian_id == guardian_id and g.end is None]

    def open_reviews_of_guardian(self, guardian_id: int) -> list[Incident]:
        """Reviews are given to the fake directly (no incident events are applied here)."""
        return [i for i in self.reviews if i.guardianship_id in self.rows
                and self.rows[i.guardianship_id].guardian_id == guardian_id]

    def next_id(self) -> int:
        return _next(self.rows)


class FakeCourtships:
    def __init__(self) -> None:
        self.rows: dict[int, Courtship] = {}
        self.visits: dict[int, Visit] = {}

    def get(self, courtship_id: int) -> Courtship:
        if courtship_id not in self.rows:
            raise NotFound(f"no courtship #{courtship_id}", rule="courtship_exists")
        return self.rows[courtship_id]

    def between(self, alpha_id: int, omega_id: int) -> list[Courtship]:
        return [c for c in self.rows.values() if c.parties() == (alpha_id, omega_id)]

    def visit(self, visit_id: int) -> Visit:
        if visit_id not in self.visits:
            raise NotFound(f"no Visit #{visit_id}", rule="visit_exists")
        return self.visits[visit_id]

    def visits_of_handlers(self, handler_ids: Sequence[int], around: datetime) -> list[Visit]:
        day = timedelta(days=1)
        return [v for v in self.visits.values() if set(v.handlers) & set(handler_ids)
                and around - day <= v.starts_at <= around + day]

    def next_id(self) -> int:
        return _next(self.rows)

    def next_visit_id(self) -> int:
        return _next(self.visits)

    def next_waiver_id(self) -> int:
        return 1 + sum(len(c.waivers) for c in self.rows.values())


class FakeBonds:
    """Bonds are given to the fake directly (no bonding events are applied here)."""

    def __init__(self) -> None:
        self.rows: dict[int, Bond] = {}

    def bonded(self, person_ids: Sequence[int], on: date) -> list[int]:
        return sorted({p for b in self.rows.values() if b.active_on(on)
                       for p in (b.alpha_id, b.omega_id) if p in person_ids})

    def get(self, bond_id: int) -> Bond:
        if bond_id not in self.rows:
            raise NotFound(f"no bond #{bond_id}", rule="bond_exists")
        return self.rows[bond_id]

    def ceremony(self, ceremony_id: int) -> Ceremony:
        raise NotFound(f"no ceremony #{ceremony_id}", rule="ceremony_exists")

    def petition(self, petition_id: int) -> Petition:
        raise NotFound(f"no petition #{petition_id}", rule="petition_exists")

    def incident(self, incident_id: int) -> Incident:
        raise NotFound(f"no incident #{incident_id}", rule="incident_exists")

    def next_ids(self) -> dict[str, int]:
        return {"bond": _next(self.rows), "ceremony": 1, "petition": 1, "incident": 1}

    def secret(self, fallback: str) -> str:
        return fallback


class FakeUnitOfWork:
    """One in-memory registry; `uow_factory` hands it to the Registry for every command."""

    def __init__(self) -> None:
        self.people = FakePeople()
        self.guardianships = FakeGuardianships()
        self.courtships = FakeCourtships()
        self.bonds = FakeBonds()
        self.events: list[ev.Event] = []
        self.commits = 0
        self._committed = self._state()
        self._savepoint: tuple[Any, ...] | None = None

    def uow_factory(self, actor: str) -> FakeUnitOfWork:
        return self

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, et: type[BaseException] | None, ev_: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._restore(self._committed)  # what was not committed is rolled back

    def commit(self) -> None:
        self.commits += 1
        self._committed = self._state()

    def begin_command(self) -> None:
        self._savepoint = self._state()

    def end_command(self) -> None:
        self._savepoint = None

    def abandon_command(self) -> None:
        if self._savepoint is not None:
            self._restore(self._savepoint)
            self._savepoint = None

    def record(self, event: ev.Event) -> int:
        self.events.append(event)
        apply = _APPLY.get(type(event))
        if apply is not None:
            apply(self, event)
        return len(self.events)

    def is_bonded(self, person_id: int, on: date) -> bool:
        return bool(self.bonds.bonded([person_id], on))

    def _state(self) -> tuple[Any, ...]:
        # Entities are replaced, never changed in place, so copies of the dicts suffice.
        return (dict(self.people.rows), dict(self.guardianships.rows),
                dict(self.courtships.rows), dict(self.courtships.visits),
                dict(self.bonds.rows), len(self.events))

    def _restore(self, state: tuple[Any, ...]) -> None:
        people, guardianships, courtships, visits, bonds, n = state
        self.people.rows, self.guardianships.rows = dict(people), dict(guardianships)
        self.courtships.rows, self.courtships.visits = dict(courtships), dict(visits)
        self.bonds.rows = dict(bonds)
        del self.events[n:]


# --- how the fake applies events ----------------------------------------------------------


def _registered(uow: FakeUnitOfWork, e: ev.PersonRegistered) -> None:
    scent = Scent(e.scent_gives, e.scent_draws, e.scent_notes) if e.scent_gives else None
    uow.people.rows[e.person_id] = Person(
        e.person_id, e.legal_name, e.born, [OtherName(k, n) for k, n in e.other_names],
        tuple(sorted(e.parents)), scent=scent)


def _died(uow: FakeUnitOfWork, e: ev.DeathRecorded) -> None:
    rows = uow.people.rows
    rows[e.person_id] = replace(rows[e.person_id], died=e.died)


def _presented(uow: FakeUnitOfWork, e: ev.Presented) -> None:
    rows = uow.people.rows
    rows[e.person_id] = replace(rows[e.person_id], designation=Designation(e.designation),
                                presented_on=e.on)


def _appointed(uow: FakeUnitOfWork, e: ev.GuardianAppointed) -> None:
    uow.guardianships.rows[e.guardianship_id] = Guardianship(
        e.guardianship_id, e.ward_id, e.guardian_id, e.court, e.order_ref, e.start)


def _ended(uow: FakeUnitOfWork, e: ev.GuardianshipEnded) -> None:
    rows = uow.guardianships.rows
    rows[e.guardianship_id] = replace(rows[e.guardianship_id], end=e.end, how_ended=e.how)


def _proposed(uow: FakeUnitOfWork, e: ec.IntroductionProposed) -> None:
    uow.courtships.rows[e.courtship_id] = Courtship(e.courtship_id, e.alpha_id, e.omega_id,
                                                    e.sponsor_id, e.on)


def _consent(uow: FakeUnitOfWork, e: ec.ConsentRecorded) -> None:
    court = uow.courtships.rows[e.courtship_id]
    status = court.status
    if e.stage == "courtship" and not e.given:
        status = CourtshipStatus.DECLINED
    elif (e.stage == "courtship" and e.person_id == court.omega_id
          and status is CourtshipStatus.PROPOSED):
        status = CourtshipStatus.OPEN
    uow.courtships.rows[e.courtship_id] = replace(
        court, status=status,
        consents=[*court.consents, Consent(e.person_id, e.stage, e.given, e.on)])


def _courtship_ended(uow: FakeUnitOfWork, e: ec.CourtshipEnded) -> None:
    court = uow.courtships.rows[e.courtship_id]
    uow.courtships.rows[e.courtship_id] = replace(
        court, status=CourtshipStatus.ENDED, ended_by=e.by_id, ended_on=e.on,
        end_reason=e.reason)


_APPLY: dict[type[ev.Event], Callable[[FakeUnitOfWork, Any], None]] = {
    ev.PersonRegistered: _registered,
    ev.DeathRecorded: _died,
    ev.Presented: _presented,
    ev.GuardianAppointed: _appointed,
    ev.GuardianshipEnded: _ended,
    ec.IntroductionProposed: _proposed,
    ec.ConsentRecorded: _consent,
    ec.CourtshipEnded: _courtship_ended,
}
