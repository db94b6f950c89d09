"""Apply events to the state tables. The ledger entry and its projection are written by
the same unit of work, in the same transaction: no state change without its entry.

PROJECTORS is the one table of projections, an entry per event type. A projection that
writes a person's rows (people, names, parents) writes them only for people among the
event's subjects and is listed in CHANGES_PEOPLE: the unit of work then forgets those
subjects from its cache of people it has loaded.

The table names each event (its module under troth.domain, its class) and its projection
(a module of this package, a function; "" for this module), so that recording an event
imports its own projection's module only: `troth person add` loads the people projections,
not the courtship or roster ones. PROJECTORS, the table with the classes and functions
themselves, is built (importing every projection) when first asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from troth.domain import events as ev
from troth.store.search import search_key

Projector = Callable[[Connection, Any, int], None]


def written_beside(conn: Connection, e: Any, seq: int) -> None:
    """Nothing to project: the event's rows (accounts, invitations) are written beside the
    ledger by the unit of work, in the same transaction, and are not derived from it."""

# (module under troth.domain, event class) -> (module of this package or "", projection)
PROJECTIONS: dict[tuple[str, str], tuple[str, str]] = {
    # people and guardianships
    ("events", "PersonRegistered"): ("people", "person_registered"),
    ("events", "DeathRecorded"): ("people", "death_recorded"),
    ("events", "Presented"): ("people", "presented"),
    ("events", "ScentMeasured"): ("people", "scent_measured"),
    ("events", "GuardianAppointed"): ("people", "guardian_appointed"),
    ("events", "GuardianshipEnded"): ("people", "guardianship_ended"),
    # corrections by two hands
    ("correction", "CorrectionRequested"): ("corrections", "correction_requested"),
    ("correction", "CorrectionApproved"): ("corrections", "correction_approved"),
    ("correction", "CorrectionRejected"): ("corrections", "correction_rejected"),
    # courtship, Visits, incidents, waivers, bonding, annulment, private health
    ("courtship_events", "IntroductionProposed"): ("courtship", "introduction_proposed"),
    ("courtship_events", "ConsentRecorded"): ("courtship", "consent_recorded"),
    ("courtship_events", "GuardianAcknowledged"): ("courtship", "guardian_acknowledged"),
    ("courtship_events", "CourtshipEnded"): ("courtship", "courtship_ended"),
    ("courtship_events", "VisitScheduled"): ("courtship", "visit_scheduled"),
    ("courtship_events", "VisitHeld"): ("courtship", "visit_held"),
    ("courtship_events", "VisitMissed"): ("courtship", "visit_missed"),
    ("courtship_events", "VisitCancelled"): ("courtship", "visit_cancelled"),
    ("courtship_events", "IncidentReported"): ("courtship", "incident_reported"),
    ("courtship_events", "IncidentClosed"): ("courtship", "incident_closed"),
    ("courtship_events", "WelfareReviewDecided"): ("courtship", "welfare_review_decided"),
    ("courtship_events", "WelfareReviewAssigned"): ("courtship", "welfare_review_assigned"),
    ("courtship_events", "WaiverGranted"): ("courtship", "waiver_granted"),
    ("courtship_events", "CeremonyScheduled"): ("courtship", "ceremony_scheduled"),
    ("courtship_events", "BondSealed"): ("courtship", "bond_sealed"),
    ("courtship_events", "AnnulmentPetitioned"): ("courtship", "annulment_petitioned"),
    ("courtship_events", "AnnulmentDecided"): ("courtship", "annulment_decided"),
    ("courtship_events", "HealthEntryRecorded"): ("courtship", "health_entry_recorded"),
    ("courtship_events", "FindingReleased"): ("courtship", "finding_released"),
    ("courtship_events", "FindingReleaseWithdrawn"): ("courtship", "finding_release_withdrawn"),
    # marriages of Betas
    ("marriage", "MarriageConsentRecorded"): ("marriage", "marriage_consent_recorded"),
    ("marriage", "MarriageConsentWithdrawn"): ("marriage", "marriage_consent_withdrawn"),
    ("marriage", "MarriageSolemnised"): ("marriage", "marriage_solemnised"),
    ("marriage", "DissolutionPetitioned"): ("marriage", "dissolution_petitioned"),
    ("marriage", "DissolutionDecided"): ("marriage", "dissolution_decided"),
    # who an account is: the rows are written by SqlAccounts in the same transaction
    ("identity", "InvitationIssued"): ("", "written_beside"),
    ("identity", "AccountEnrolled"): ("", "written_beside"),
    ("identity", "AccountCreated"): ("", "written_beside"),
    ("identity", "AccountRoleGranted"): ("", "written_beside"),
    ("identity", "AccountRoleRevoked"): ("", "written_beside"),
    ("identity", "AccountLinkConfirmed"): ("", "written_beside"),
    ("identity", "AccountUnlinked"): ("", "written_beside"),
    # a contact e-mail: the address is kept beside the ledger (store/notify.SqlContacts)
    ("notices", "ContactEmailChanged"): ("", "written_beside"),
    # the registry's matchmaking
    ("matchmaking", "MatchmakingOptInSet"): ("match", "matchmaking_opt_in_set"),
    # rostering
    ("rostering_events", "ResidenceRecorded"): ("roster", "residence_recorded"),
    ("rostering_events", "VisitRequested"): ("roster", "visit_requested"),
    ("rostering_events", "VisitRequestWithdrawn"): ("roster", "visit_request_withdrawn"),
    ("rostering_events", "HandlerRegistered"): ("roster", "handler_registered"),
    ("rostering_events", "HandlerAvailabilityRecorded"): (
        "roster", "handler_availability_recorded"),
    ("rostering_events", "UnavailabilityRecorded"): ("roster", "unavailability_recorded"),
    ("rostering_events", "RosterProposed"): ("roster", "roster_proposed"),
    ("rostering_events", "RosterPlacementAccepted"): ("roster", "roster_placement_accepted"),
}

# The projections that write people's rows (only their subjects'), by the events' kinds (a
# kind names its class without importing its module: `person add` never loads corrections).
CHANGES_PEOPLE: frozenset[str] = frozenset({
    ev.PersonRegistered.kind, ev.DeathRecorded.kind, ev.Presented.kind, ev.ScentMeasured.kind,
    "correction_approved",
})


def _resolve(module: str, function: str) -> Projector:
    fn: Projector = getattr(importlib.import_module(f"{__name__}.{module}") if module
                            else importlib.import_module(__name__), function)
    return fn


_found: dict[type[Any], Projector] = {}


def projector_of(event: type[Any]) -> Projector:
    """The projection of an event class, importing its module only (KeyError: none)."""
    known = _found.get(event)
    if known is not None:
        return known
    found = PROJECTIONS.get((event.__module__.removeprefix("troth.domain."), event.__name__))
    if found is None or getattr(importlib.import_module(event.__module__),
                                event.__name__, None) is not event:
        raise KeyError(event)
    projector = _found[event] = _resolve(*found)
    return projector


def _every_projector() -> dict[type[ev.Event], Projector]:
    return {getattr(importlib.import_module(f"troth.domain.{module}"), cls): _resolve(*found)
            for (module, cls), found in PROJECTIONS.items()}


if TYPE_CHECKING:
    PROJECTORS: dict[type[ev.Event], Projector]


def __getattr__(name: str) -> Any:
    if name == "PROJECTORS":
        table = _every_projector()
        globals()["PROJECTORS"] = table
        return table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def project(conn: Connection, event: ev.Event, seq: int) -> None:
    projector_of(type(event))(conn, event, seq)


__all__ = ["CHANGES_PEOPLE", "PROJECTIONS", "PROJECTORS", "Projector", "project", "projector_of",
           "search_key"]
