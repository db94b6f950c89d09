"""Apply events to the state tables. The ledger entry and its projection are written by
the same unit of work, in the same transaction: no state change without its entry.

PROJECTORS is the one table of projections, an entry per event type. A projection that
writes a person's rows (people, names, parents) writes them only for people among the
event's subjects and is listed in CHANGES_PEOPLE: the unit of work then forgets those
subjects from its cache of people it has loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from troth.domain import events as ev
from troth.domain import events_courtship as ec
from troth.domain import events_roster as er
from troth.domain import identity as idn
from troth.domain import matchmaking as mm
from troth.store.projections import courtship, match, people, roster
from troth.store.search import search_key

Projector = Callable[[Connection, Any, int], None]


def written_beside(conn: Connection, e: Any, seq: int) -> None:
    """Nothing to project: the event's rows (accounts, invitations) are written beside the
    ledger by the unit of work, in the same transaction, and are not derived from it."""

PROJECTORS: dict[type[ev.Event], Projector] = {
    # people and guardianships
    ev.PersonRegistered: people.person_registered,
    ev.DeathRecorded: people.death_recorded,
    ev.Presented: people.presented,
    ev.GuardianAppointed: people.guardian_appointed,
    ev.GuardianshipEnded: people.guardianship_ended,
    # courtship, Visits, incidents, waivers, bonding, annulment, private health
    ec.IntroductionProposed: courtship.introduction_proposed,
    ec.ConsentRecorded: courtship.consent_recorded,
    ec.GuardianAcknowledged: courtship.guardian_acknowledged,
    ec.CourtshipEnded: courtship.courtship_ended,
    ec.VisitScheduled: courtship.visit_scheduled,
    ec.VisitHeld: courtship.visit_held,
    ec.VisitMissed: courtship.visit_missed,
    ec.VisitCancelled: courtship.visit_cancelled,
    ec.IncidentReported: courtship.incident_reported,
    ec.IncidentClosed: courtship.incident_closed,
    ec.WelfareReviewDecided: courtship.welfare_review_decided,
    ec.WaiverGranted: courtship.waiver_granted,
    ec.CeremonyScheduled: courtship.ceremony_scheduled,
    ec.BondSealed: courtship.bond_sealed,
    ec.AnnulmentPetitioned: courtship.annulment_petitioned,
    ec.AnnulmentDecided: courtship.annulment_decided,
    ec.HealthEntryRecorded: courtship.health_entry_recorded,
    ec.FindingReleased: courtship.finding_released,
    ec.FindingReleaseWithdrawn: courtship.finding_release_withdrawn,
    # who an account is: the rows are written by SqlAccounts in the same transaction
    idn.InvitationIssued: written_beside,
    idn.AccountEnrolled: written_beside,
    idn.AccountCreated: written_beside,
    idn.AccountRoleGranted: written_beside,
    idn.AccountRoleRevoked: written_beside,
    idn.AccountLinkConfirmed: written_beside,
    idn.AccountUnlinked: written_beside,
    # the registry's matchmaking
    mm.MatchmakingOptInSet: match.matchmaking_opt_in_set,
    # rostering
    er.ResidenceRecorded: roster.residence_recorded,
    er.VisitRequested: roster.visit_requested,
    er.VisitRequestWithdrawn: roster.visit_request_withdrawn,
    er.HandlerRegistered: roster.handler_registered,
    er.HandlerAvailabilityRecorded: roster.handler_availability_recorded,
    er.UnavailabilityRecorded: roster.unavailability_recorded,
    er.RosterProposed: roster.roster_proposed,
    er.RosterPlacementAccepted: roster.roster_placement_accepted,
}

# The projections that write people's rows (only their subjects').
CHANGES_PEOPLE: frozenset[type[ev.Event]] = frozenset({
    ev.PersonRegistered, ev.DeathRecorded, ev.Presented,
})


def project(conn: Connection, event: ev.Event, seq: int) -> None:
    PROJECTORS[type(event)](conn, event, seq)


__all__ = ["CHANGES_PEOPLE", "PROJECTORS", "Projector", "project", "search_key"]
