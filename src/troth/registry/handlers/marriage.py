"""Handlers for marriages of Betas: load, ask the domain, record; the bus commits."""

from __future__ import annotations

from troth.domain import marriage as m
from troth.domain import marriage_rules as mr
from troth.registry.certificates import marriage_certificate_code, registry_secret_fallback
from troth.registry.context import CommandContext
from troth.registry.ports import MarriageUnitOfWork as U


def consent(cmd: m.ConsentToMarriage, uow: U, ctx: CommandContext) -> int:
    person, partner = uow.people.get(cmd.person_id), uow.people.get(cmd.partner_id)
    pair = [cmd.person_id, cmd.partner_id]
    event = mr.consent(cmd, uow.marriages.intended_between(*pair),
                       uow.marriages.next_ids()["marriage"], person, partner,
                       uow.marriages.married(pair, cmd.on), uow.bonds.bonded(pair, cmd.on),
                       uow.marriages.notices(pair), ctx.clock.today(), ctx.customs)
    uow.record(event)
    return event.marriage_id


def withdraw(cmd: m.WithdrawMarriageConsent, uow: U, ctx: CommandContext) -> int:
    found = uow.marriages.get(cmd.marriage_id)
    uow.record(mr.withdraw(found, cmd, ctx.clock.today()))
    return found.id


def solemnise(cmd: m.SolemniseMarriage, uow: U, ctx: CommandContext) -> int:
    found = uow.marriages.get(cmd.marriage_id)
    a, b = uow.people.get(found.spouse1_id), uow.people.get(found.spouse2_id)
    officiant = uow.people.get(cmd.officiant_id)
    secret = uow.bonds.secret(registry_secret_fallback(ctx.secret))
    code = marriage_certificate_code(secret, found.id, a.id, b.id, cmd.on)
    pair = list(found.spouses())
    uow.record(mr.solemnise(found, cmd, (a, b), officiant, uow.marriages.married(pair, cmd.on),
                            uow.bonds.bonded(pair, cmd.on), code, ctx.clock.today(),
                            ctx.customs))
    return found.id


def petition(cmd: m.PetitionDissolution, uow: U, ctx: CommandContext) -> int:
    found = uow.marriages.get(cmd.marriage_id)
    event = mr.petition(found, cmd, uow.marriages.next_ids()["petition"],
                        uow.marriages.open_petitions(found.id), ctx.clock.today())
    uow.record(event)
    return event.petition_id


def decide(cmd: m.DecideDissolution, uow: U, ctx: CommandContext) -> int:
    p = uow.marriages.petition(cmd.petition_id)
    uow.record(mr.decide(p, uow.marriages.get(p.marriage_id), cmd, ctx.clock.today()))
    return p.id
