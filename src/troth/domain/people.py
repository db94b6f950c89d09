"""People, designations and scent signatures."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from troth.domain.errors import InvalidInput

MAX_SCENT_DIMENSIONS = 64


class Designation(StrEnum):
    ALPHA = "alpha"
    BETA = "beta"
    OMEGA = "omega"


@dataclass(frozen=True)
class Scent:
    """A personal signature: what a person gives off, and what draws them.

    Both are small float vectors of the same length. Mood (alarm, calm ...) belongs to
    incidents and visit reports, never to identity.
    """

    gives: tuple[float, ...]
    draws: tuple[float, ...]
    notes: str = ""

    def __post_init__(self) -> None:
        for label, vec in (("gives", self.gives), ("draws", self.draws)):
            if not 1 <= len(vec) <= MAX_SCENT_DIMENSIONS:
                raise InvalidInput(
                    f"scent '{label}' must have between 1 and {MAX_SCENT_DIMENSIONS} numbers,"
                    f" got {len(vec)}",
                    rule="scent_vector",
                )
            if not all(isinstance(x, (int, float)) and math.isfinite(x) for x in vec):
                raise InvalidInput(
                    f"scent '{label}' must contain finite numbers only", rule="scent_vector"
                )
        if len(self.gives) != len(self.draws):
            raise InvalidInput(
                f"scent 'gives' ({len(self.gives)} numbers) and 'draws' ({len(self.draws)}"
                " numbers) must have the same length",
                rule="scent_vector",
            )

    @staticmethod
    def parse_vector(text: str, label: str = "vector") -> tuple[float, ...]:
        """Parse '0.1,0.2,-0.3' into a tuple; a clear error on anything else."""
        parts = [p.strip() for p in text.split(",") if p.strip()]
        try:
            values = tuple(float(p) for p in parts)
        except ValueError:
            raise InvalidInput(
                f"scent {label} '{text}' is not a comma-separated list of numbers",
                rule="scent_vector",
            ) from None
        return values


@dataclass(frozen=True)
class OtherName:
    kind: str  # "work", "family", "alias" ...
    name: str


@dataclass
class Person:
    id: int
    legal_name: str
    born: date
    other_names: list[OtherName] = field(default_factory=list)
    parents: tuple[int, ...] = ()
    died: date | None = None
    designation: Designation | None = None
    presented_on: date | None = None
    scent: Scent | None = None
    district: str = ""

    def alive_on(self, day: date) -> bool:
        return self.born <= day and (self.died is None or day <= self.died)

    def age_on(self, day: date) -> int:
        years = day.year - self.born.year
        if (day.month, day.day) < (self.born.month, self.born.day):
            years -= 1
        return years
