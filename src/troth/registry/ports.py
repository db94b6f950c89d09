"""What the registry needs from a store, as Protocols; store/ implements them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Protocol

from troth.domain.events import Event
from troth.domain.guardianship import Guardianship
from troth.domain.people import Person


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class PeopleRepo(Protocol):
    def get(self, person_id: int) -> Person: ...

    def get_many(self, ids: Sequence[int]) -> list[Person]: ...

    def next_id(self) -> int: ...


class GuardianshipRepo(Protocol):
    def for_ward(self, ward_id: int) -> list[Guardianship]: ...

    def current(self, ward_id: int) -> Guardianship | None: ...

    def open_as_guardian(self, guardian_id: int) -> list[Guardianship]: ...

    def next_id(self) -> int: ...


class UnitOfWork(Protocol):
    @property
    def people(self) -> PeopleRepo: ...

    @property
    def guardianships(self) -> GuardianshipRepo: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def record(self, event: Event) -> int:
        """Append the event to the ledger and apply it to the state; returns its seq."""
        ...

    def is_bonded(self, person_id: int, on: date) -> bool: ...

    def commit(self) -> None: ...
