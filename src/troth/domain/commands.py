"""Commands: imperatives a person issues to the registry. Small frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from troth.domain.people import OtherName, Scent


@dataclass(frozen=True)
class Command:
    pass


@dataclass(frozen=True)
class RegisterPerson(Command):
    legal_name: str
    born: date
    other_names: tuple[OtherName, ...] = ()
    parents: tuple[int, ...] = ()
    scent: Scent | None = None
    district: str = ""


@dataclass(frozen=True)
class RegisterBirth(Command):
    legal_name: str
    born: date
    parents: tuple[int, ...]
    district: str = ""


@dataclass(frozen=True)
class RecordDeath(Command):
    person_id: int
    died: date


@dataclass(frozen=True)
class RecordPresentation(Command):
    person_id: int
    designation: str
    on: date
    reason: str = ""


@dataclass(frozen=True)
class AppointGuardian(Command):
    ward_id: int
    guardian_id: int
    court: str
    order_ref: str
    start: date
    reason: str = ""


@dataclass(frozen=True)
class TransferGuardianship(Command):
    ward_id: int
    new_guardian_id: int
    court: str
    order_ref: str
    on: date
    reason: str = ""


@dataclass(frozen=True)
class EndGuardianship(Command):
    ward_id: int
    on: date
    how: str = "ended"  # ended | revoked
    note: str = ""
