"""Events: past-tense facts, small frozen dataclasses, appended to the ledger.

Each event names the people it concerns (`subjects`) and the date on which it takes
effect in the world (`effective`), which is what "as of date X" queries read.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

EVENT_TYPES: dict[str, type[Event]] = {}


@dataclass(frozen=True)
class Event:
    kind: ClassVar[str] = "event"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.kind.startswith("_"):
            EVENT_TYPES[cls.kind] = cls

    @property
    def effective(self) -> date:
        raise NotImplementedError

    @property
    def subjects(self) -> tuple[int, ...]:
        raise NotImplementedError

    def to_data(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _revive(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _revive(inner[0], value)
    if tp is date:
        return date.fromisoformat(value)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_revive(args[0], v) for v in value)
        return tuple(_revive(a, v) for a, v in zip(args, value, strict=True))
    return value


_HINTS: dict[str, dict[str, Any]] = {}


def _hints(cls: type[Event]) -> dict[str, Any]:
    """An event class's resolved field types (resolving them costs more than a decode)."""
    hints = _HINTS.get(cls.kind)
    if hints is None:
        hints = _HINTS.setdefault(cls.kind, typing.get_type_hints(cls))
    return hints


def event_from_data(kind: str, data: dict[str, Any]) -> Event:
    """Rebuild an event from its ledger record (the inverse of `to_data`)."""
    cls = EVENT_TYPES[kind]
    hints = _hints(cls)
    values = {f.name: _revive(hints[f.name], data.get(f.name)) for f in dataclasses.fields(cls)
              if f.name in data or f.default is dataclasses.MISSING}
    return cls(**values)  # a field added later (with a default) is absent from old entries


# --- people -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRegistered(Event):
    kind: ClassVar[str] = "person_registered"
    person_id: int
    legal_name: str
    born: date
    other_names: tuple[tuple[str, str], ...] = ()
    parents: tuple[int, ...] = ()
    scent_gives: tuple[float, ...] = ()
    scent_draws: tuple[float, ...] = ()
    scent_notes: str = ""
    district: str = ""
    as_birth: bool = False

    @property
    def effective(self) -> date:
        return self.born

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id, *self.parents)


@dataclass(frozen=True)
class DeathRecorded(Event):
    kind: ClassVar[str] = "death_recorded"
    person_id: int
    died: date

    @property
    def effective(self) -> date:
        return self.died

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


@dataclass(frozen=True)
class Presented(Event):
    kind: ClassVar[str] = "presented"
    person_id: int
    designation: str
    on: date
    reason: str = ""

    @property
    def effective(self) -> date:
        return self.on

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


# --- guardianship -------------------------------------------------------------------------


@dataclass(frozen=True)
class GuardianAppointed(Event):
    kind: ClassVar[str] = "guardian_appointed"
    guardianship_id: int
    ward_id: int
    guardian_id: int
    court: str
    order_ref: str
    start: date
    reason: str = ""
    court_waiver_ref: str = ""  # the court's reference waiving the open reviews below
    reviews_waived: tuple[int, ...] = ()  # open welfare reviews of the guardian (incidents)

    @property
    def effective(self) -> date:
        return self.start

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.ward_id, self.guardian_id)


@dataclass(frozen=True)
class GuardianshipEnded(Event):
    kind: ClassVar[str] = "guardianship_ended"
    guardianship_id: int
    ward_id: int
    guardian_id: int
    end: date
    how: str  # transferred | revoked | ended | bonded | died
    note: str = ""

    @property
    def effective(self) -> date:
        return self.end

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.ward_id, self.guardian_id)
