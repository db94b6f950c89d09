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

__all__ = ["MatchmakingOptInSet", "SetMatchmakingOptIn", "set_opt_in"]


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


def tell_matchmaking_opt_in_set(e: MatchmakingOptInSet, who: Callable[[int], str]) -> str:
    name = who(e.person_id)
    if e.opted_in:
        return f"{name} opted in to the registry's matchmaking, from {e.on}"
    return f"{name} opted out of the registry's matchmaking, from {e.on}"
