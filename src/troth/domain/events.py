"""Events: past-tense facts, small frozen dataclasses, appended to the ledger.

Each event names the people it concerns (`subjects`) and the date on which it takes
effect in the world (`effective`), which is what "as of date X" queries read.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

EVENT_TYPES: dict[str, type[Event]] = {}
# Every module under troth.domain that defines events. Reading the ledger back needs each
# kind's class whatever the process happened to import before (tests/registry/test_tables.py
# checks the list is whole).
EVENT_MODULES = ("events", "courtship_events", "rostering_events", "identity", "matchmaking",
                 "correction", "notices", "marriage")


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


def _reviver(tp: Any) -> Callable[[Any], Any] | None:
    """`_revive` for one type, resolved once: None where the value is kept as it is."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _reviver(next(a for a in typing.get_args(tp) if a is not type(None)))
        if inner is None:
            return None
        return lambda v: None if v is None else inner(v)
    if tp is date:
        return lambda v: None if v is None else date.fromisoformat(v)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            each = _reviver(args[0])
            if each is None:
                return lambda v: None if v is None else tuple(v)
            return lambda v: None if v is None else tuple(map(each, v))
        parts = [_reviver(a) or _same for a in args]
        return lambda v: None if v is None else tuple(
            f(x) for f, x in zip(parts, v, strict=True))
    return None


def _same(value: Any) -> Any:
    return value


# Per event class: (field name, its reviver or None, whether required, its default), and
# whether the class may be filled in without its __init__ (no __post_init__, no default
# factories, a __dict__): the fields are the whole of a frozen event's state.
_Decoder = tuple[list[tuple[str, Callable[[Any], Any] | None, bool, Any]], bool]
_DECODERS: dict[str, _Decoder] = {}


def _decoder(cls: type[Event]) -> _Decoder:
    hints = _hints(cls)
    fields = dataclasses.fields(cls)
    plain = (not hasattr(cls, "__post_init__") and "__slots__" not in cls.__dict__
             and all(f.default_factory is dataclasses.MISSING for f in fields))
    return ([(f.name, _reviver(hints[f.name]), f.default is dataclasses.MISSING, f.default)
             for f in fields], plain)


def _load_kind(kind: str) -> type[Event]:
    import importlib

    for module in EVENT_MODULES:
        importlib.import_module(f"troth.domain.{module}")
    try:
        return EVENT_TYPES[kind]
    except KeyError:
        raise ValueError(f"the ledger holds an event of kind {kind!r}, which this version of"
                         " troth does not know") from None


def event_from_data(kind: str, data: dict[str, Any]) -> Event:
    """Rebuild an event from its ledger record (the inverse of `to_data`). A field added
    later (with a default) is absent from old entries."""
    cls = EVENT_TYPES.get(kind) or _load_kind(kind)
    decoder = _DECODERS.get(kind)
    if decoder is None:
        decoder = _DECODERS.setdefault(kind, _decoder(cls))
    fields, plain = decoder
    values: dict[str, Any] = {}
    if not plain:
        for name, revive, required, _default in fields:
            if name in data:
                value = data[name]
                values[name] = value if revive is None or value is None else revive(value)
            elif required:
                values[name] = None
        return cls(**values)
    for name, revive, required, default in fields:
        if name in data:
            value = data[name]
            values[name] = value if revive is None or value is None else revive(value)
        else:
            values[name] = None if required else default
    event = object.__new__(cls)
    event.__dict__.update(values)  # what the frozen dataclass's __init__ would set
    return event


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
    # Linkage: people the registrar declared this one is not (and why); in a bulk import,
    # the likely duplicates recorded for review, each with its "p=...: why".
    not_duplicate_of: tuple[int, ...] = ()
    not_duplicate_reason: str = ""
    possible_duplicates: tuple[int, ...] = ()
    duplicate_notes: tuple[str, ...] = ()

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


@dataclass(frozen=True)
class ScentMeasured(Event):
    """A physician she chose measured her scent signature (an identity attribute). The
    values are in the ledger as they are in the registry; only compatibility scores are
    ever shown to others, and her history says who measured it and when, never what."""

    kind: ClassVar[str] = "scent_measured"
    person_id: int
    by_id: int
    on: date
    gives: tuple[float, ...]
    draws: tuple[float, ...]
    notes: str = ""
    remeasured: bool = False  # she had a scent on record before

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
