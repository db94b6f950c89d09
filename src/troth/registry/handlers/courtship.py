"""Handlers for courtship, Visits, incidents, waivers, bonding and annulment."""

from __future__ import annotations

from troth.domain import bonding as bd
from troth.domain import commands as c
from troth.domain import courtship_events as ev
from troth.domain import courtship_rules as cr
from troth.domain import guardianship as gd
from troth.domain import welfare
from troth.domain.customs import Customs
from troth.registry.certificates import certificate_code, registry_secret_fallback
from troth.registry.context import CommandContext
from troth.registry.handlers.findings import finding_of
from troth.registry.ports import CourtshipUnitOfWork, FindingsUnitOfWork

U = CourtshipUnitOfWork


def propose(cmd: c.ProposeIntroduction, uow: U, ctx: CommandContext) -> int:
    alpha, omega = uow.people.get_many([cmd.alpha_id, cmd.omega_id])
    if cmd.sponsor_id is not None:
        uow.people.get(cmd.sponsor_id)
    event = cr.propose(cmd, uow.courtships.next_id(), alpha, omega,
                       uow.courtships.between(alpha.id, omega.id),
                       uow.bonds.bonded([alpha.id, omega.id], cmd.on), ctx.clock.today(),
                       ctx.customs)
    uow.record(event)
    return event.courtship_id


def consent(cmd: c.RecordConsent, uow: U, ctx: CommandContext) -> int:
    court = uow.courtships.get(cmd.courtship_id)
    uow.record(cr.consent(court, cmd, ctx.clock.today()))
    return court.id


def acknowledge(cmd: c.AcknowledgeAsGuardian, uow: U, ctx: CommandContext) -> int:
    court = uow.courtships.get(cmd.courtship_id)
    g = uow.guardianships.current(court.omega_id)
    uow.record(cr.acknowledge(court, g.guardian_id if g else None, cmd))
    return court.id


def end(cmd: c.EndCourtship, uow: U, ctx: CommandContext) -> int:
    court = uow.courtships.get(cmd.courtship_id)
    uow.record(cr.end(court, cmd))
    return court.id


def _guardian_id(uow: U, omega_id: int) -> int | None:
    g = uow.guardianships.current(omega_id)
    return g.guardian_id if g else None


def schedule_visit(cmd: c.ScheduleVisit, uow: U, ctx: CommandContext) -> int:
    return record_visit(cmd, uow, ctx.customs)


def record_visit(cmd: c.ScheduleVisit, uow: U, customs: Customs) -> int:
    """Judge a Visit and record it: the step ScheduleVisit and roster acceptance share."""
    court = uow.courtships.get(cmd.courtship_id)
    handlers = uow.people.get_many(cmd.handlers)
    parties = uow.people.get_many(court.parties())
    event, _notes = cr.schedule_visit(
        court, cmd, uow.courtships.next_visit_id(), handlers, parties,
        _guardian_id(uow, court.omega_id),
        uow.courtships.visits_of_handlers(cmd.handlers, cmd.starts_at), customs)
    uow.record(event)
    return event.visit_id


def visit_held(cmd: c.RecordVisitHeld, uow: U, ctx: CommandContext) -> int:
    visit = uow.courtships.visit(cmd.visit_id)
    court = uow.courtships.get(visit.courtship_id)
    present = uow.people.get_many(cmd.handlers_present)
    parties = uow.people.get_many(court.parties())
    uow.record(cr.held(visit, court, cmd, present, parties, _guardian_id(uow, court.omega_id),
                       ctx.customs, ctx.clock.today()))
    return visit.id


def visit_missed(cmd: c.RecordVisitMissed, uow: U, ctx: CommandContext) -> int:
    visit = uow.courtships.visit(cmd.visit_id)
    uow.record(cr.missed(visit, uow.courtships.get(visit.courtship_id), cmd,
                         ctx.clock.today()))
    return visit.id


def cancel_visit(cmd: c.CancelVisit, uow: U, ctx: CommandContext) -> int:
    visit = uow.courtships.visit(cmd.visit_id)
    uow.record(cr.cancel(visit, uow.courtships.get(visit.courtship_id), cmd, ctx.clock.today()))
    return visit.id


def report_incident(cmd: c.ReportIncident, uow: U, ctx: CommandContext) -> int:
    uow.people.get(cmd.reported_by)
    if cmd.about_id is not None:
        uow.people.get(cmd.about_id)
    guardianship_id = cmd.guardianship_id
    if cmd.visit_id is not None:
        visit = uow.courtships.visit(cmd.visit_id)
        g = uow.guardianships.current(uow.courtships.get(visit.courtship_id).omega_id)
        guardianship_id = guardianship_id or (g.id if g else None)
    elif guardianship_id is not None:
        uow.guardianships.get(guardianship_id)
    event = welfare.report(cmd, uow.bonds.next_ids()["incident"], guardianship_id,
                           ctx.clock.today())
    uow.record(event)
    return event.incident_id


def close_incident(cmd: c.CloseIncident, uow: U, ctx: CommandContext) -> int:
    uow.record(welfare.close(uow.bonds.incident(cmd.incident_id), cmd))
    return cmd.incident_id


def grant_waiver(cmd: c.GrantWaiver, uow: U, ctx: CommandContext) -> int:
    court = uow.courtships.get(cmd.courtship_id)
    uow.people.get_many(cmd.granted_by_ids)
    event = cr.waive(court, cmd, uow.courtships.next_waiver_id(),
                     _guardian_id(uow, court.omega_id))
    uow.record(event)
    return event.waiver_id


def schedule_ceremony(cmd: c.ScheduleCeremony, uow: U, ctx: CommandContext) -> int:
    court = uow.courtships.get(cmd.courtship_id)
    event = bd.schedule_ceremony(court, cmd, uow.bonds.next_ids()["ceremony"],
                                 uow.people.get(cmd.officiant_id))
    uow.record(event)
    return event.ceremony_id


def seal_bond(cmd: c.SealBond, uow: U, ctx: CommandContext) -> int:
    ceremony = uow.bonds.ceremony(cmd.ceremony_id)
    court = uow.courtships.get(ceremony.courtship_id)
    alpha, omega = uow.people.get_many(court.parties())
    verdict = bd.bonding_verdict(court, alpha, omega,
                                 uow.bonds.bonded(court.parties(), cmd.on), cmd.on, ctx.customs)
    bond_id = uow.bonds.next_ids()["bond"]
    secret = uow.bonds.secret(registry_secret_fallback(ctx.secret))
    code = certificate_code(secret, bond_id, alpha.id, omega.id, cmd.on)
    today = ctx.clock.today()
    uow.record(bd.seal(ceremony, court, cmd, verdict, bond_id, code, today))
    current = uow.guardianships.current(omega.id)
    if current is not None:
        uow.record(gd.end(current, omega.id, cmd.on, "bonded", f"bond #{bond_id}", today))
    return bond_id


def petition(cmd: c.PetitionAnnulment, uow: FindingsUnitOfWork, ctx: CommandContext) -> int:
    bond = uow.bonds.get(cmd.bond_id)
    found = None if cmd.finding_id is None else finding_of(uow, cmd.finding_id)
    event = bd.petition(bond, cmd, uow.bonds.next_ids()["petition"], found)
    uow.record(event)
    if found is not None:  # her release, for this petition only
        uow.record(ev.FindingReleased(event.petition_id, found.id, found.person_id,
                                      cmd.attested_by, ctx.clock.today()))
    return event.petition_id


def decide(cmd: c.DecideAnnulment, uow: U, ctx: CommandContext) -> int:
    p = uow.bonds.petition(cmd.petition_id)
    uow.record(bd.decide(p, uow.bonds.get(p.bond_id), cmd))
    return p.id
