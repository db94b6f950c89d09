"""Handlers for rostering: residences, Visit requests, handlers' list, rosters.

Accepting a roster placement takes the same step as the ScheduleVisit handler — the same
verdicts and the same ledger entry as `troth visit schedule` — in the same unit of work as
the entry that marks the placement accepted.
"""

from __future__ import annotations

from troth.domain import rostering as ro
from troth.domain import rostering_events as ev
from troth.domain.verdicts import refuse
from troth.registry.context import CommandContext
from troth.registry.handlers.courtship import record_visit
from troth.registry.ports import RosterUnitOfWork

U = RosterUnitOfWork


def record_residence(cmd: ro.RecordResidence, uow: U, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    uow.record(ro.record_residence(cmd, person))
    return person.id


def _home(uow: U, omega_id: int) -> ro.Residence | None:
    """The Omega's residence: her own record, else her current guardian's house."""
    own = uow.rostering.residence(omega_id)
    if own is not None:
        return own
    g = uow.guardianships.current(omega_id)
    return uow.rostering.residence(g.guardian_id) if g else None


def request_visit(cmd: ro.RequestVisit, uow: U, ctx: CommandContext) -> int:
    court = uow.courtships.get(cmd.courtship_id)
    event = ro.request_visit(cmd, uow.rostering.next_ids()["request"], court,
                             _home(uow, court.omega_id), ctx.customs)
    uow.record(event)
    return event.request_id


def withdraw_request(cmd: ro.WithdrawVisitRequest, uow: U, ctx: CommandContext) -> int:
    uow.record(ro.withdraw(uow.rostering.request(cmd.request_id), cmd))
    return cmd.request_id


def register_handler(cmd: ro.RegisterHandler, uow: U, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    event = ro.register_handler(cmd, uow.rostering.next_ids()["handler"], person,
                                uow.rostering.handler_of_person(person.id),
                                uow.rostering.residence(person.id), ctx.customs)
    uow.record(event)
    return event.handler_id


def record_availability(cmd: ro.RecordHandlerAvailability, uow: U, ctx: CommandContext) -> int:
    uow.record(ro.availability(cmd, uow.rostering.handler(cmd.handler_id)))
    return cmd.handler_id


def record_unavailability(cmd: ro.RecordUnavailability, uow: U, ctx: CommandContext) -> int:
    uow.record(ro.unavailability(cmd, uow.people.get(cmd.person_id)))
    return cmd.person_id


def propose_roster(cmd: ro.ProposeRoster, uow: U, ctx: CommandContext) -> int:
    requests = uow.rostering.requests([p.request_id for p in cmd.placements])
    handlers = uow.rostering.active_handlers(
        sorted({h for p in cmd.placements for h in p.handler_ids}))
    event = ro.propose_roster(cmd, uow.rostering.next_ids()["roster"], requests, set(handlers))
    uow.record(event)
    return event.roster_id


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
    visit_id = record_visit(schedule, uow, ctx.customs)
    uow.record(ev.RosterPlacementAccepted(roster.id, req.id, visit_id, ctx.clock.today()))
    return visit_id
