"""Handlers for people and guardianships: load, ask the domain, record; the bus commits."""

from __future__ import annotations

from troth.domain import commands as c
from troth.domain import guardianship as gd
from troth.domain import linkage as lk
from troth.domain import people_rules as rp
from troth.domain.errors import InvalidInput
from troth.registry.context import CommandContext
from troth.registry.ports import UnitOfWork


def register_person(cmd: c.RegisterPerson, uow: UnitOfWork, ctx: CommandContext) -> int:
    parents = uow.people.get_many(cmd.parents)
    event = rp.register_person(cmd, uow.people.next_id(), parents, ctx.clock.today())
    record = lk.registering(event)
    matches = lk.judge(record, uow.people.link_candidates(record))
    event = lk.settle(event, matches, declared=cmd.not_duplicate_of,
                      reason=cmd.not_duplicate_reason, bulk=ctx.bulk)
    if event.not_duplicate_of:
        uow.people.get_many(event.not_duplicate_of)  # each must be a registered person
    uow.record(event)
    return event.person_id


def register_birth(cmd: c.RegisterBirth, uow: UnitOfWork, ctx: CommandContext) -> int:
    parents = uow.people.get_many(cmd.parents)
    event = rp.register_birth(cmd, uow.people.next_id(), parents, ctx.clock.today())
    uow.record(event)
    return event.person_id


def record_death(cmd: c.RecordDeath, uow: UnitOfWork, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    today = ctx.clock.today()
    uow.record(rp.record_death(person, cmd.died, today))
    for g in _guardianships_touching(uow, person.id):
        if g.end is None and g.start < cmd.died:
            uow.record(gd.end(g, g.ward_id, cmd.died, "died", f"death of #{person.id}", today))
    return person.id


def _guardianships_touching(uow: UnitOfWork, person_id: int) -> list[gd.Guardianship]:
    current = uow.guardianships.current(person_id)
    as_guardian = uow.guardianships.open_as_guardian(person_id)
    return ([current] if current else []) + list(as_guardian)


def record_presentation(cmd: c.RecordPresentation, uow: UnitOfWork, ctx: CommandContext) -> int:
    person = uow.people.get(cmd.person_id)
    uow.record(rp.record_presentation(person, cmd, ctx.clock.today(), ctx.customs))
    return person.id


def appoint_guardian(cmd: c.AppointGuardian, uow: UnitOfWork, ctx: CommandContext) -> int:
    return record_appointment(cmd, uow, ctx)


def record_appointment(cmd: c.AppointGuardian, uow: UnitOfWork, ctx: CommandContext) -> int:
    """Judge an appointment and record it: the step appointment, transfer and a welfare
    review's transfer share. Loads the ward's parents and the guardian's open reviews."""
    ward, guardian = uow.people.get_many([cmd.ward_id, cmd.guardian_id])
    event = gd.appoint(
        cmd, uow.guardianships.next_id(), ward, guardian, uow.guardianships.for_ward(ward.id),
        uow.is_bonded(ward.id, cmd.start), ctx.clock.today(), ctx.customs,
        parents=uow.people.get_many(ward.parents),
        open_reviews=uow.guardianships.open_reviews_of_guardian(guardian.id),
    )
    uow.record(event)
    return event.guardianship_id


def transfer_guardianship(cmd: c.TransferGuardianship, uow: UnitOfWork, ctx: CommandContext) -> int:
    today = ctx.clock.today()
    current = uow.guardianships.current(cmd.ward_id)
    uow.record(gd.end(current, cmd.ward_id, cmd.on, "transferred", cmd.reason, today))
    return record_appointment(
        c.AppointGuardian(cmd.ward_id, cmd.new_guardian_id, cmd.court, cmd.order_ref, cmd.on,
                          cmd.reason, cmd.court_waiver_ref), uow, ctx)


def end_guardianship(cmd: c.EndGuardianship, uow: UnitOfWork, ctx: CommandContext) -> int:
    if cmd.how not in ("ended", "revoked"):
        raise InvalidInput("a guardianship is ended or revoked here", rule="guardianship_end")
    current = uow.guardianships.current(cmd.ward_id)
    event = gd.end(current, cmd.ward_id, cmd.on, cmd.how, cmd.note, ctx.clock.today())
    uow.record(event)
    return event.guardianship_id
