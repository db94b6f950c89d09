"""The table of command handlers: one small handler per command.

A handler loads what the command needs, asks the domain, records the events and returns
the id of the record it created or changed. It never commits: the bus (Registry.execute,
Registry.bulk) does, after the handler returns. A step two handlers share is a plain
function both call (courtship.record_visit, people.record_appointment), never one handler
calling another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from troth.domain import commands as c
from troth.domain import identity as idn
from troth.domain import matchmaking as mm
from troth.domain import rostering as ro
from troth.registry.context import CommandContext
from troth.registry.handlers import (
    courtship,
    findings,
    health,
    identity,
    matchmaking,
    people,
    roster,
    welfare,
)

Handler = Callable[[Any, Any, CommandContext], int]

COMMAND_HANDLERS: dict[type[c.Command], Handler] = {
    # people and guardianships
    c.RegisterPerson: people.register_person,
    c.RegisterBirth: people.register_birth,
    c.RecordDeath: people.record_death,
    c.RecordPresentation: people.record_presentation,
    c.AppointGuardian: people.appoint_guardian,
    c.TransferGuardianship: people.transfer_guardianship,
    c.EndGuardianship: people.end_guardianship,
    # courtship, Visits, incidents, waivers, bonding, annulment
    c.ProposeIntroduction: courtship.propose,
    c.RecordConsent: courtship.consent,
    c.AcknowledgeAsGuardian: courtship.acknowledge,
    c.EndCourtship: courtship.end,
    c.ScheduleVisit: courtship.schedule_visit,
    c.RecordVisitHeld: courtship.visit_held,
    c.RecordVisitMissed: courtship.visit_missed,
    c.CancelVisit: courtship.cancel_visit,
    c.ReportIncident: courtship.report_incident,
    c.CloseIncident: courtship.close_incident,
    c.DecideWelfareReview: welfare.decide_review,
    c.GrantWaiver: courtship.grant_waiver,
    c.ScheduleCeremony: courtship.schedule_ceremony,
    c.SealBond: courtship.seal_bond,
    c.PetitionAnnulment: courtship.petition,
    c.DecideAnnulment: courtship.decide,
    # private health records
    c.RecordHeat: health.record_heat,
    c.CorrectHeat: health.correct_heat,
    c.ExcludeHeat: health.exclude_heat,
    c.RecordPregnancy: health.record_pregnancy,
    c.EndPregnancy: health.end_pregnancy,
    c.ShareHealth: health.share,
    # a physician's finding, and her release of it for one petition
    c.RecordFinding: findings.record_finding,
    c.ReleaseFinding: findings.release_finding,
    # who an account is: invitations, enrolment, roles, confirming a link
    idn.IssueInvitation: identity.issue_invitation,
    idn.Enrol: identity.enrol,
    idn.CreateAccount: identity.create_account,
    idn.GrantAccountRole: identity.grant_role,
    idn.RevokeAccountRole: identity.revoke_role,
    idn.ConfirmAccountLink: identity.confirm_link,
    # the registry's matchmaking
    mm.SetMatchmakingOptIn: matchmaking.set_opt_in,
    # rostering
    ro.RecordResidence: roster.record_residence,
    ro.RequestVisit: roster.request_visit,
    ro.WithdrawVisitRequest: roster.withdraw_request,
    ro.RegisterHandler: roster.register_handler,
    ro.RecordHandlerAvailability: roster.record_availability,
    ro.RecordUnavailability: roster.record_unavailability,
    ro.ProposeRoster: roster.propose_roster,
    ro.AcceptRosterPlacement: roster.accept_placement,
}

__all__ = ["COMMAND_HANDLERS", "CommandContext", "Handler"]
