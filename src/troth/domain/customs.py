"""A jurisdiction's customs, declared once as data.

Customs are tradition: configurable in a TOML file, and waivable on record with a reason.
Safeguards are troth's own rules and are never waived (see `safeguards.py`); the only
safeguard with a configurable value is the age of majority.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from troth.domain.errors import InvalidInput


@dataclass(frozen=True)
class CustomSpec:
    name: str
    default: Any
    help: str
    kind: str = "custom"  # custom (waivable) | safeguard (never waived) | parameter

    @property
    def waivable(self) -> bool:
        return self.kind == "custom"


CUSTOM_SPECS: tuple[CustomSpec, ...] = (
    CustomSpec(
        "min_visits_before_bonding", 8,
        "Visits held with their handlers before a bonding; fewer needs a recorded waiver.",
    ),
    CustomSpec(
        "handlers_per_visit", 1,
        "Handlers present at every Visit the Omega attends.",
    ),
    CustomSpec(
        "handlers_per_dinner", 2,
        "Handlers present at a courting dinner.",
    ),
    CustomSpec(
        "first_visits_at_omega_residence", 2,
        "How many first Visits take place at the Omega's residence (the guardian's house).",
    ),
    CustomSpec(
        "guardian_designation", "beta",
        "The designation a court guardian has by custom; another needs a recorded reason.",
    ),
    CustomSpec(
        "presentation_min_age", 10,
        "Youngest usual age at presentation; earlier needs a recorded reason.",
    ),
    CustomSpec(
        "presentation_max_age", 20,
        "Oldest usual age at presentation; later needs a recorded reason.",
    ),
    CustomSpec(
        "age_of_majority", 18,
        "Safeguard: both parties to a courting or bonding are at least this old."
        " Configurable, never waivable.",
        kind="safeguard",
    ),
    CustomSpec(
        "true_match_rate", 0.0001,
        "Share of Alpha-Omega pairs whose attraction is overwhelming both ways (matching).",
        kind="parameter",
    ),
)

_SPEC_BY_NAME = {s.name: s for s in CUSTOM_SPECS}


@dataclass(frozen=True)
class Customs:
    min_visits_before_bonding: int = 8
    handlers_per_visit: int = 1
    handlers_per_dinner: int = 2
    first_visits_at_omega_residence: int = 2
    guardian_designation: str = "beta"
    presentation_min_age: int = 10
    presentation_max_age: int = 20
    age_of_majority: int = 18
    true_match_rate: float = 0.0001
    source: str = field(default="built-in defaults", compare=False)

    @classmethod
    def from_mapping(cls, values: dict[str, Any], source: str = "") -> Customs:
        unknown = sorted(set(values) - set(_SPEC_BY_NAME))
        if unknown:
            raise InvalidInput(
                f"unknown custom(s) {', '.join(unknown)}; known: {', '.join(_SPEC_BY_NAME)}",
                rule="customs_file",
            )
        checked: dict[str, Any] = {}
        for name, value in values.items():
            default = _SPEC_BY_NAME[name].default
            if isinstance(default, bool) or type(value) is not type(default):
                if isinstance(default, float) and isinstance(value, int):
                    value = float(value)
                else:
                    raise InvalidInput(
                        f"custom '{name}' must be a {type(default).__name__}, got {value!r}",
                        rule="customs_file",
                    )
            if isinstance(value, int | float) and value < 0:
                raise InvalidInput(f"custom '{name}' cannot be negative", rule="customs_file")
            checked[name] = value
        if checked.get("true_match_rate", 0.0) > 1:
            raise InvalidInput("custom 'true_match_rate' is a share of pairs, from 0 to 1",
                               rule="customs_file")
        lo = checked.get("presentation_min_age", cls.presentation_min_age)
        hi = checked.get("presentation_max_age", cls.presentation_max_age)
        if lo > hi:
            raise InvalidInput(f"presentation_min_age ({lo}) is above presentation_max_age"
                               f" ({hi}); the usual window must run from the youngest age to"
                               " the oldest", rule="customs_file")
        if checked.get("age_of_majority", 18) < 16:
            raise InvalidInput(
                "age_of_majority below 16 is refused: it is a safeguard", rule="customs_file"
            )
        return cls(**checked, source=source or "customs file")

    def as_rows(self) -> list[tuple[str, Any, str, str]]:
        names = {f.name for f in fields(self)}
        return [(s.name, getattr(self, s.name), s.help, s.kind) for s in CUSTOM_SPECS
                if s.name in names]
