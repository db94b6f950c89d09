"""Commands on people and guardianships: registering, births, deaths, presentations,
a scent signature measured by a physician, appointing, transferring and ending a
guardianship. Their rules: people_rules.py and
guardianship.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from troth.domain.commands import Command
from troth.domain.people import OtherName, Scent


@dataclass(frozen=True)
class RegisterPerson(Command):
    legal_name: str
    born: date
    other_names: tuple[OtherName, ...] = ()
    parents: tuple[int, ...] = ()
    scent: Scent | None = None
    district: str = ""
    # Registering someone who looks like a registered person: who, and why not the same.
    not_duplicate_of: tuple[int, ...] = ()
    not_duplicate_reason: str = ""


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
class RecordScent(Command):
    """A physician the person chose records (or re-measures) her scent signature on `on`.
    An identity attribute, not a health record: others see only compatibility scores."""

    person_id: int
    by_id: int
    on: date
    scent: Scent


@dataclass(frozen=True)
class AppointGuardian(Command):
    ward_id: int
    guardian_id: int
    court: str
    order_ref: str
    start: date
    reason: str = ""  # recorded: a custom set aside, or why a ward with living parents
    court_waiver_ref: str = ""  # the court's reference waiving an open welfare review


@dataclass(frozen=True)
class TransferGuardianship(Command):
    ward_id: int
    new_guardian_id: int
    court: str
    order_ref: str
    on: date
    reason: str = ""
    court_waiver_ref: str = ""


@dataclass(frozen=True)
class EndGuardianship(Command):
    ward_id: int
    on: date
    how: str = "ended"  # ended | revoked
    note: str = ""
