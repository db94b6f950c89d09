"""Commands on a person's own health record (private to the owner): heats, pregnancies,
shares. Their rules: health.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from troth.domain.commands import Command


@dataclass(frozen=True)
class RecordHeat(Command):
    person_id: int
    by_id: int
    start: date
    end: date | None = None
    temperature: float | None = None
    scent_intensity: int | None = None
    seeks_partner: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CorrectHeat(Command):
    heat_id: int
    by_id: int
    start: date
    end: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class ExcludeHeat(Command):
    heat_id: int
    by_id: int
    reason: str
    excluded: bool = True


@dataclass(frozen=True)
class RecordPregnancy(Command):
    person_id: int
    by_id: int
    estimated_conception: date | None = None
    heat_id: int | None = None


@dataclass(frozen=True)
class EndPregnancy(Command):
    pregnancy_id: int
    by_id: int
    on: date
    outcome: str  # birth | loss | other
    child_id: int | None = None


@dataclass(frozen=True)
class ShareHealth(Command):
    """The owner grants (or revokes) read access to a physician or a partner."""

    owner_id: int
    grantee_id: int
    role: str = "physician"
    grant: bool = True
    by_id: int | None = None  # who asks; only the owner may (None: the owner herself)
