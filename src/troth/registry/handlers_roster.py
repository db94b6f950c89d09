"""Handlers for rostering: residences, Visit requests, handlers' list, rosters.

Accepting a roster placement runs the ordinary ScheduleVisit handler — the same verdicts
and the same ledger entry as `troth visit schedule` — inside the same transaction as the
entry that marks the placement accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from troth.domain import commands as c
from troth.domain import events_roster as ev
from troth.domain import rostering as ro
from troth.domain.verdicts import refuse
from troth.registry.handlers import HANDLERS, CommandContext, handles
from troth.registry.ports import CourtshipUnitOfWork


class RosterRepo(Protocol):
    def residence(self, person_id: int) -> ro.Residence | None: ...

    def request(self, request_id: int) -> ro.VisitRequestRecord: ...

    def requests(self, ids: Sequence[int]) -> dict[int, ro.VisitRequestRecord]: ...

    def handler(self, handler_id: int) -> ro.HandlerProfile: ...

    def handler_of_person(self, person_id: int) -> ro.HandlerProfile | None: ...

    def active_handlers(self, ids: Sequence[int]) -> dict[int, ro.HandlerProfile]: ...

    def roster(self, roster_id: int) -> ro.RosterRecord: ...

    def latest_roster_id(self, week: str, district: str) -> int: ...

    def next_ids(self) -> dict[str, int]: ...


class RosterUnitOfWork(CourtshipUnitOfWork, Protocol):
    @property
    def rostering(self) -> RosterRepo: ...


U = RosterUnitOfWork


@handles(ro.RecordResidence)
def record_residence(cmd: ro.RecordResidence, uow: U, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    uow.record(ro.record_residence(cmd, person))
    uow.commit()
    return person.id


def _home(uow: U, omega_id: int) -> ro.Residence | None:
    """The Omega's residence: her own record, else her current guardian's house."""
    own = uow.rostering.residence(omega_id)
    if own is not None:
        return own
    g = uow.guardianships.current(omega_id)
    return uow.rostering.residence(g.guardian_id) if g else None


@handles(ro.RequestVisit)
def request_visit(cmd: ro.RequestVisit, uow: U, ctx: CommandContext) -> int:
    court = uow.courtships.get(cmd.courtship_id)
    event = ro.request_visit(cmd, uow.rostering.next_ids()["request"], court,
                             _home(uow, court.omega_id), ctx.customs)
    uow.record(event)
    uow.commit()
    return event.request_id


@handles(ro.WithdrawVisitRequest)
def withdraw_request(cmd: ro.WithdrawVisitRequest, uow: U, ctx: CommandContext) -> int:
    uow.record(ro.withdraw(uow.rostering.request(cmd.request_id), cmd))
    uow.commit()
    return cmd.request_id


@handles(ro.RegisterHandler)
def register_handler(cmd: ro.RegisterHandler, uow: U, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    event = ro.register_handler(cmd, uow.rostering.next_ids()["handler"], person,
                                uow.rostering.handler_of_person(person.id),
                                uow.rostering.residence(person.id), ctx.customs)
    uow.record(event)
    uow.commit()
    return event.handler_id


@handles(ro.RecordHandlerAvailability)
def record_availability(cmd: ro.RecordHandlerAvailability, uow: U, ctx: CommandContext) -> int:
    uow.record(ro.availability(cmd, uow.rostering.handler(cmd.handler_id)))
    uow.commit()
    return cmd.handler_id


@handles(ro.RecordUnavailability)
def record_unavailability(cmd: ro.RecordUnavailability, uow: U, ctx: CommandContext) -> int:
    uow.record(ro.unavailability(cmd, uow.people.get(cmd.person_id)))
    uow.commit()
    return cmd.person_id


@handles(ro.ProposeRoster)
def propose_roster(cmd: ro.ProposeRoster, uow: U, ctx: CommandContext) -> int:
    requests = uow.rostering.requests([p.request_id for p in cmd.placements])
    handlers = uow.rostering.active_handlers(
        sorted({h for p in cmd.placements for h in p.handler_ids}))
    event = ro.propose_roster(cmd, uow.rostering.next_ids()["roster"], requests, set(handlers))
    uow.record(event)
    uow.commit()
    return event.roster_id


class _HeldCommit:
    """The unit of work as the ordinary ScheduleVisit handler sees it, with its commit held
    back so that the Visit and the roster's acceptance entry land in one transaction."""

    def __init__(self, uow: U) -> None:
        self._uow = uow

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)

    def commit(self) -> None:
        return None


@handles(ro.AcceptRosterPlacement)
def accept_placement(cmd: ro.AcceptRosterPlacement, uow: U, ctx: CommandContext) -> int:
    roster = uow.rostering.roster(cmd.roster_id)
    req = uow.rostering.request(cmd.request_id)
    mine = [p.handler_ids for p in roster.placements if p.request_id == req.id]
    handlers = uow.rostering.active_handlers(sorted({h for hs in mine for h in hs}))

    def person_of(h: int) -> int:
        if h not in handlers:
            raise refuse("handler_active", f"handler #{h} is no longer on the list")
        return handlers[h].person_id

    schedule = ro.placement_visit(roster, uow.rostering.latest_roster_id(
        roster.week, roster.district), req, person_of)
    visit_id = HANDLERS[c.ScheduleVisit](schedule, _HeldCommit(uow), ctx)
    uow.record(ev.RosterPlacementAccepted(roster.id, req.id, visit_id, ctx.clock.today()))
    uow.commit()
    return visit_id
