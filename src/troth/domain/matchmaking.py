"""Matchmaking opt-in: a person's own, recorded choice to take part in the registry's
matchmaking (``troth match city``), and the rule that judges it.

Opting in is a standing choice, dated, and can be withdrawn at any time (opting out is
never refused). Only a living, adult Alpha or Omega with a recorded scent can opt in:
matchmaking proposes introductions between them and scores scents. Opting in proposes
nothing by itself; each introduction the matchmaking proposes still awaits the Omega's own
consent like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from troth.domain.commands import Command
from troth.domain.courtship_events import _OnDate
from troth.domain.customs import Customs
from troth.domain.people import Designation, Person
from troth.domain.verdicts import refuse

__all__ = ["MatchmakingOptInSet", "SetMatchmakingOptIn", "not_searchable", "set_opt_in"]


@dataclass(frozen=True)
class SetMatchmakingOptIn(Command):
    """The person's own choice: take part in matchmaking from ``on`` (or stop, from ``on``)."""

    person_id: int
    opted_in: bool
    on: date


@dataclass(frozen=True)
class MatchmakingOptInSet(_OnDate):
    kind: ClassVar[str] = "matchmaking_opt_in_set"
    person_id: int
    opted_in: bool
    on: date

    @property
    def subjects(self) -> tuple[int, ...]:
        return (self.person_id,)


def set_opt_in(cmd: SetMatchmakingOptIn, person: Person, today: date,
               customs: Customs) -> MatchmakingOptInSet:
    """Judge an opt-in (or opt-out); returns the event to record or raises Refused."""
    if cmd.on > today:
        raise refuse("date_in_future", f"{cmd.on} is after today ({today})")
    if cmd.on < person.born:
        raise refuse("person_alive", f"#{person.id} was born on {person.born}, after {cmd.on}")
    if not cmd.opted_in:
        return MatchmakingOptInSet(person.id, False, cmd.on)
    if not person.alive_on(cmd.on):
        raise refuse("person_alive", f"#{person.id} is not living on {cmd.on}")
    if person.designation not in (Designation.ALPHA, Designation.OMEGA):
        raise refuse("matchmaking_alpha_or_omega",
                     f"#{person.id} is {person.designation or 'not yet presented'}; matchmaking"
                     " introduces Alphas and Omegas")
    if person.age_on(cmd.on) < customs.age_of_majority:
        raise refuse("matchmaking_adults_only",
                     f"#{person.id} is {person.age_on(cmd.on)} on {cmd.on}; only adults (at"
                     f" least {customs.age_of_majority}) take part in matchmaking")
    if person.scent is None:
        raise refuse("scent_recorded",
                     f"#{person.id} has no scent signature on record; matchmaking scores"
                     " scents, so one must be recorded first")
    return MatchmakingOptInSet(person.id, True, cmd.on)


def not_searchable(person: Person, on: date, majority: int, bonded: bool,
                   dims: int | None) -> str | None:
    """Why candidates cannot be searched for this person on `on` (the first reason, in
    plain words), or None when they can: a living, presented, adult and unbonded Alpha or
    Omega with a scent signature on record (of the registry's usual length, `dims`)."""
    pid = f"#{person.id}"
    if not person.alive_on(on):
        return f"{pid} is not living on {on}"
    if person.designation is None or person.presented_on is None or person.presented_on > on:
        return (f"{pid} has not presented by {on}; candidates are searched for presented"
                " Alphas and Omegas")
    if person.designation is Designation.BETA:
        return f"{pid} is a Beta; introductions are between an Alpha and an Omega"
    if person.age_on(on) < majority:
        return (f"{pid} is a minor ({person.age_on(on)} on {on}); introductions are for"
                f" adults ({majority} and over)")
    if bonded:
        return f"{pid} is bonded on {on}; candidates are searched only for unbonded people"
    s = person.scent
    if s is None or not any(s.gives) or not any(s.draws):
        return (f"{pid} has no scent signature on record; a physician the person chose"
                " records one (troth person scent)")
    if dims is not None and len(s.gives) != dims:
        return (f"{pid}'s scent signature has {len(s.gives)} numbers, not the {dims} the"
                " registry's other signatures have; a physician the person chose re-measures it")
    return None


def tell_matchmaking_opt_in_set(e: MatchmakingOptInSet, who: Callable[[int], str]) -> str:
    name = who(e.person_id)
    if e.opted_in:
        return f"{name} opted in to the registry's matchmaking, from {e.on}"
    return f"{name} opted out of the registry's matchmaking, from {e.on}"
