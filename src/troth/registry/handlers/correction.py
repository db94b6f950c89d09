"""Handlers for corrections by two hands: load, ask the domain, record; the bus commits.

The accounts named (requested_by, decided_by) are checked to be registrars' here, inside
the transaction; that the decider is not the requester is the domain's rule."""

from __future__ import annotations

from troth.domain import correction as co
from troth.domain import correction_rules as cr
from troth.registry.context import CommandContext
from troth.registry.ports import CorrectionUnitOfWork


def request(cmd: co.RequestCorrection, uow: CorrectionUnitOfWork, ctx: CommandContext) -> int:
    cr.registrar(cmd.requested_by, uow.accounts.roles(cmd.requested_by), "request")
    person = uow.people.get(cmd.person_id)
    field = co.field_named(cmd.field)
    value = co.parse_input(field, cmd.value)
    parents = uow.people.get_many(cr.parents_judged(field, value, person))
    event = cr.request(cmd, uow.corrections.next_id(), person, parents,
                       uow.corrections.standing(person.id),
                       uow.corrections.pending_fields(person.id), ctx.clock.today(),
                       ctx.customs)
    uow.record(event)
    return event.correction_id


def approve(cmd: co.ApproveCorrection, uow: CorrectionUnitOfWork, ctx: CommandContext) -> int:
    cr.registrar(cmd.decided_by, uow.accounts.roles(cmd.decided_by), "approve")
    found = uow.corrections.get(cmd.correction_id)
    person = uow.people.get(found.person_id)
    value = co.decode(found.field, found.new)
    parents = uow.people.get_many(cr.parents_judged(found.field, value, person))
    uow.record(cr.approve(found, cmd.decided_by, cmd.reason, person, parents,
                          uow.corrections.standing(person.id), ctx.clock.today(),
                          ctx.customs))
    return found.id


def reject(cmd: co.RejectCorrection, uow: CorrectionUnitOfWork, ctx: CommandContext) -> int:
    cr.registrar(cmd.decided_by, uow.accounts.roles(cmd.decided_by), "reject")
    found = uow.corrections.get(cmd.correction_id)
    uow.record(cr.reject(found, cmd.decided_by, cmd.reason, ctx.clock.today()))
    return found.id
