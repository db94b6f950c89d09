"""The decision on a welfare review: the incident leaves the queue with its outcome, and a
transfer or revocation ends the guardianship (and appoints the new guardian) in the same
transaction. The appointment is the plain step the other handlers share."""

from __future__ import annotations

from typing import Protocol

from troth.domain import commands as c
from troth.domain import guardianship as gd
from troth.domain import welfare
from troth.registry.context import CommandContext
from troth.registry.handlers.people import record_appointment
from troth.registry.ports import AccountsUnitOfWork, CourtshipUnitOfWork


def _under_review(incident: welfare.Incident, uow: CourtshipUnitOfWork
                  ) -> gd.Guardianship | None:
    """The guardianship the incident names, or (a ward's own report) her current one."""
    if incident.guardianship_id is not None:
        return uow.guardianships.get(incident.guardianship_id)
    return uow.guardianships.current(incident.about_id or incident.reported_by)


def declare_pressure(cmd: c.DeclarePressure, uow: CourtshipUnitOfWork,
                     ctx: CommandContext) -> int:
    """No consent is recorded; the confidential review is the only record written."""
    court = uow.courtships.get(cmd.courtship_id)
    event = welfare.pressured(court, cmd, uow.bonds.next_ids()["incident"], ctx.clock.today())
    uow.record(event)
    return event.incident_id


def decide_review(cmd: c.DecideWelfareReview, uow: CourtshipUnitOfWork,
                  ctx: CommandContext) -> int:
    incident = uow.bonds.incident(cmd.incident_id)
    uow.people.get(cmd.decided_by)
    g = _under_review(incident, uow)
    in_force = g if g is not None and g.end is None else None
    named = g if cmd.outcome == "kept" else in_force
    today = ctx.clock.today()
    uow.record(welfare.decide(incident, cmd, named.id if named else None,
                              g.ward_id if g else None, g.guardian_id if g else None, today))
    if in_force is None or cmd.outcome == "kept":
        return incident.id
    note = f"welfare review of incident #{incident.id}: {cmd.reasons.strip()}"
    uow.record(gd.end(in_force, in_force.ward_id, cmd.on, cmd.outcome, note, today))
    if cmd.outcome == "transferred" and cmd.new_guardian_id is not None:
        record_appointment(c.AppointGuardian(in_force.ward_id, cmd.new_guardian_id, cmd.court,
                                             cmd.order_ref, cmd.on, cmd.reasons), uow, ctx)
    return incident.id


class _AssignUnitOfWork(CourtshipUnitOfWork, AccountsUnitOfWork, Protocol):
    pass


def assign_reviews(cmd: c.AssignWelfareReviews, uow: _AssignUnitOfWork,
                   ctx: CommandContext) -> int:
    """One entry per incident newly assigned, all in this transaction; returns how many."""
    ids = list(dict.fromkeys(cmd.incident_ids))
    incidents = [uow.bonds.incident(i) for i in ids[:welfare.MAX_ASSIGNED + 1]]
    events = welfare.assign(incidents, cmd, uow.accounts.roles(cmd.assignee),
                            ctx.clock.today())
    for event in events:
        uow.record(event)
    return len(events)
