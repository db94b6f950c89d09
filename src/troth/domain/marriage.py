"""Marriages of Betas: civil records like births and deaths, outside courtship customs.

Two adult Betas marry by their own consents, each recorded by the person themself (or
given in person at the office, the registrar attesting it), before an officiant with at
least one witness; the registry issues a marriage certificate with a verification code.
No Visits, handlers, guardians or waivers apply. Either spouse may petition to dissolve
the marriage; the registrar decides on record, with reasons (docs/customs.md, "Marriages").

The commands, the events, the records and their plain words live here; the rules that
judge them in marriage_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from troth.domain import events as ev
from troth.domain.commands import Command

GROUNDS = ("breakdown", "mutual_wish", "cruelty", "desertion", "other")

__all__ = ["GROUNDS", "ConsentToMarriage", "DecideDissolution", "DissolutionDecided",
           "DissolutionPetition", "DissolutionPetitioned", "Marriage",
           "MarriageConsentRecorded", "MarriageConsentWithdrawn", "MarriageSolemnised",
           "PetitionDissolution", "SolemniseMarriage", "WithdrawMarriageConsent"]


# --- commands --------------------------------------------------------------------------

@dataclass(frozen=True)
class ConsentToMarriage(Command):
    """The person's own consent to marry the partner. `attested_by`: the registrar's
    account when the consent is given in person at the office (the interface fills it)."""

    person_id: int
    partner_id: int
    on: date
    attested_by: int | None = None


@dataclass(frozen=True)
class WithdrawMarriageConsent(Command):
    """Either person withdraws their consent before the marriage is solemnised: the notice
    lapses, and nothing is solemnised on it."""

    marriage_id: int
    person_id: int
    on: date
    attested_by: int | None = None


@dataclass(frozen=True)
class SolemniseMarriage(Command):
    marriage_id: int
    officiant_id: int
    witnesses: tuple[str, ...]
    on: date


@dataclass(frozen=True)
class PetitionDissolution(Command):
    marriage_id: int
    petitioner_id: int
    grounds: str
    on: date
    evidence: str = ""
    attested_by: int | None = None


@dataclass(frozen=True)
class DecideDissolution(Command):
    petition_id: int
    granted: bool
    reasons: str
    on: date
    dissolve_on: date | None = None


# --- events ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _OnDate(ev.Event):
    kind: ClassVar[str] = "_marriage_on_date"

    @property
    def effective(self) -> date:
        return self.on  # type: ignore[attr-defined, no-any-return]


@dataclass(frozen=True)
class MarriageConsentRecorded(_OnDate):
    """The first consent of a pair gives notice of the marriage (`notice`: its record opens,
    the person its first spouse); the second completes it."""

    kind: ClassVar[str] = "marriage_consent_recorded"
    marriage_id: int
    person_id: int
    partner_id: int
    attested_by: int | None
    on: date
    notice: bool = False

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id, self.partner_id)


@dataclass(frozen=True)
class MarriageConsentWithdrawn(_OnDate):
    kind: ClassVar[str] = "marriage_consent_withdrawn"
    marriage_id: int
    person_id: int
    other_id: int
    attested_by: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id, self.other_id)


@dataclass(frozen=True)
class MarriageSolemnised(_OnDate):
    kind: ClassVar[str] = "marriage_solemnised"
    marriage_id: int
    spouse1_id: int
    spouse2_id: int
    officiant_id: int
    witnesses: tuple[str, ...]
    certificate_code: str
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.spouse1_id, self.spouse2_id, self.officiant_id)


@dataclass(frozen=True)
class DissolutionPetitioned(_OnDate):
    kind: ClassVar[str] = "dissolution_petitioned"
    petition_id: int
    marriage_id: int
    petitioner_id: int
    other_id: int
    grounds: str
    evidence: str
    attested_by: int | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.petitioner_id, self.other_id)


@dataclass(frozen=True)
class DissolutionDecided(_OnDate):
    kind: ClassVar[str] = "dissolution_decided"
    petition_id: int
    marriage_id: int
    spouse1_id: int
    spouse2_id: int
    granted: bool
    reasons: str
    dissolved_on: date | None
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.spouse1_id, self.spouse2_id)


# --- records ---------------------------------------------------------------------------

@dataclass
class Marriage:
    """A marriage from its notice (the first consent) to its dissolution, if any."""

    id: int
    spouse1_id: int  # the first to consent
    spouse2_id: int
    consents: dict[int, date] = field(default_factory=dict)
    status: str = "intended"  # intended | withdrawn | solemnised | dissolved
    officiant_id: int | None = None
    witnesses: tuple[str, ...] = ()
    solemnised_on: date | None = None
    certificate_code: str = ""
    dissolved_on: date | None = None

    def spouses(self) -> tuple[int, int]:
        return (self.spouse1_id, self.spouse2_id)

    def other(self, person_id: int) -> int:
        return self.spouse2_id if person_id == self.spouse1_id else self.spouse1_id

    def in_force_on(self, day: date) -> bool:
        return (self.solemnised_on is not None and self.solemnised_on <= day
                and (self.dissolved_on is None or day < self.dissolved_on))


@dataclass(frozen=True)
class DissolutionPetition:
    id: int
    marriage_id: int
    petitioner_id: int
    grounds: str
    evidence: str
    filed_on: date
    status: str = "filed"  # filed | granted | refused
    decided_on: date | None = None
    reasons: str = ""


# --- plain words -------------------------------------------------------------------------

Who = Callable[[int], str]


def tell_marriage_consent_recorded(e: MarriageConsentRecorded, who: Who) -> str:
    how = (f", given in person at the office (attested by account #{e.attested_by})"
           if e.attested_by is not None else "")
    return (f"{who(e.person_id)} consented to marry {who(e.partner_id)} on {e.on}"
            f" (marriage #{e.marriage_id}){how}")


def tell_marriage_consent_withdrawn(e: MarriageConsentWithdrawn, who: Who) -> str:
    how = (f", in person at the office (attested by account #{e.attested_by})"
           if e.attested_by is not None else "")
    return (f"{who(e.person_id)} withdrew their consent to marry {who(e.other_id)} on {e.on};"
            f" the notice of marriage #{e.marriage_id} lapsed{how}")


def tell_marriage_solemnised(e: MarriageSolemnised, who: Who) -> str:
    return (f"Marriage #{e.marriage_id} of {who(e.spouse1_id)} and {who(e.spouse2_id)}"
            f" solemnised on {e.on} before {who(e.officiant_id)}; witnesses:"
            f" {', '.join(e.witnesses)}; certificate {e.certificate_code}")


def tell_dissolution_petitioned(e: DissolutionPetitioned, who: Who) -> str:
    return (f"{who(e.petitioner_id)} petitioned to dissolve marriage #{e.marriage_id} with"
            f" {who(e.other_id)} on {e.on} (grounds: {e.grounds.replace('_', ' ')};"
            f" petition #{e.petition_id})")


def tell_dissolution_decided(e: DissolutionDecided, who: Who) -> str:
    if e.granted:
        return (f"Petition #{e.petition_id} granted on {e.on}: marriage #{e.marriage_id} of"
                f" {who(e.spouse1_id)} and {who(e.spouse2_id)} dissolved from"
                f" {e.dissolved_on} ({e.reasons})")
    return (f"Petition #{e.petition_id} to dissolve marriage #{e.marriage_id} refused on"
            f" {e.on} ({e.reasons})")
