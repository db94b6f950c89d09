"""A person's history: events folded into "what the registry says" as of a date, and each
event told in plain words. FOLDERS and TELLERS, at the end, are the tables: every event
type has a teller (some are told by their kind alone); only events that change what the
registry says of a person have a folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from troth.domain import correction as co
from troth.domain import courtship_events as ec
from troth.domain import courtship_history as hc
from troth.domain import events as ev
from troth.domain import identity as idn
from troth.domain import marriage as mr
from troth.domain import matchmaking as mm
from troth.domain import notices as nt
from troth.domain import rostering_events as er
from troth.domain.people import Scent


@dataclass
class Snapshot:
    """What the registry says about one person on a date."""

    person_id: int
    on: date
    exists: bool = False
    legal_name: str = ""
    born: date | None = None
    died: date | None = None
    designation: str | None = None
    presented_on: date | None = None
    guardian_id: int | None = None
    wards: list[int] = field(default_factory=list)
    bonded_to: int | None = None
    married_to: int | None = None
    other_names: list[str] = field(default_factory=list)  # "kind: name"
    parents: list[int] = field(default_factory=list)
    district: str = ""
    extra: dict[str, str] = field(default_factory=dict)


Folder = Callable[[Snapshot, Any], None]
Who = Callable[[int], str]
Teller = Callable[[Any, Who], str]


def fold(person_id: int, on: date, events: Iterable[ev.Event]) -> Snapshot:
    """Apply, in ledger order, every event concerning the person effective on or before `on`.

    "As of" is defined once, here: the facts in effect on `on`, as the events given say
    them. The events given are what the registry knew: the store passes those recorded by
    `on` (the registry's "as of"), or by today ("as known today"). A correction approved
    among them corrects the fact itself, from its first day: the registration (or
    presentation) is read as corrected, so a corrected date of birth also moves the day the
    person is on record from."""
    events = list(events)
    fixes = {e.field: e.new for e in events
             if isinstance(e, co.CorrectionApproved) and e.person_id == person_id}
    if fixes:
        events = [co.amend(e, fixes, person_id) for e in events]
    snap = Snapshot(person_id=person_id, on=on)
    for e in events:
        if e.effective <= on and person_id in e.subjects:
            folder = FOLDERS.get(type(e))  # events that change no snapshot have none
            if folder is not None:
                folder(snap, e)
    return snap


def fold_person_registered(s: Snapshot, e: ev.PersonRegistered) -> None:
    if e.person_id == s.person_id:
        s.exists, s.legal_name, s.born = True, e.legal_name, e.born
        s.other_names = [f"{k}: {n}" for k, n in e.other_names]
        s.parents, s.district = list(e.parents), e.district


def scent_on(person_id: int, on: date, events: Iterable[ev.Event]) -> Scent | None:
    """Her scent signature on `on`: the latest measured on or before it (or the one given at
    her registration), as the events given say them (corrections applied, as in `fold`)."""
    events = list(events)
    fixes = {e.field: e.new for e in events
             if isinstance(e, co.CorrectionApproved) and e.person_id == person_id}
    found: tuple[date, Scent] | None = None
    for e in events:
        if fixes:
            e = co.amend(e, fixes, person_id)
        if e.effective > on:
            continue
        scent = None
        if isinstance(e, ev.PersonRegistered) and e.person_id == person_id and e.scent_gives:
            scent = Scent(tuple(e.scent_gives), tuple(e.scent_draws), e.scent_notes)
        elif isinstance(e, ev.ScentMeasured) and e.person_id == person_id:
            scent = Scent(tuple(e.gives), tuple(e.draws), e.notes)
        if scent is not None and (found is None or e.effective >= found[0]):
            found = (e.effective, scent)
    return None if found is None else found[1]


def fold_death_recorded(s: Snapshot, e: ev.DeathRecorded) -> None:
    s.died = e.died


def fold_presented(s: Snapshot, e: ev.Presented) -> None:
    s.designation, s.presented_on = e.designation, e.on


def fold_guardian_appointed(s: Snapshot, e: ev.GuardianAppointed) -> None:
    if e.ward_id == s.person_id:
        s.guardian_id = e.guardian_id
    else:
        s.wards.append(e.ward_id)


def fold_guardianship_ended(s: Snapshot, e: ev.GuardianshipEnded) -> None:
    if e.ward_id == s.person_id:
        if s.guardian_id == e.guardian_id:
            s.guardian_id = None
    elif e.ward_id in s.wards:
        s.wards.remove(e.ward_id)


def fold_bond_sealed(s: Snapshot, e: ec.BondSealed) -> None:
    # the officiant and witnesses are among the event's subjects too: only the pair bonds
    if s.person_id == e.alpha_id:
        s.bonded_to = e.omega_id
    elif s.person_id == e.omega_id:
        s.bonded_to = e.alpha_id
        s.guardian_id = None


def fold_annulment_decided(s: Snapshot, e: ec.AnnulmentDecided) -> None:
    if e.granted and e.dissolved_on is not None and e.dissolved_on <= s.on:
        s.bonded_to = None


def fold_marriage_solemnised(s: Snapshot, e: mr.MarriageSolemnised) -> None:
    # the officiant is among the subjects too: only the spouses marry
    if s.person_id in (e.spouse1_id, e.spouse2_id):
        s.married_to = e.spouse2_id if s.person_id == e.spouse1_id else e.spouse1_id


def fold_dissolution_decided(s: Snapshot, e: mr.DissolutionDecided) -> None:
    if e.granted and e.dissolved_on is not None and e.dissolved_on <= s.on:
        s.married_to = None


# --- plain words ------------------------------------------------------------------------


def describe(e: ev.Event, names: Mapping[int, str]) -> str:
    def who(pid: int) -> str:
        return f"{names.get(pid, 'person')} (#{pid})"

    return TELLERS[type(e)](e, who)


def tell_by_kind(e: ev.Event, who: Who) -> str:
    """The generic words, for events told by their kind alone ("Roster proposed")."""
    return e.kind.replace("_", " ").capitalize()


def tell_person_registered(e: ev.PersonRegistered, who: Who) -> str:
    verb = "Birth registered" if e.as_birth else "Registered"
    parents = f", child of {' and '.join(who(p) for p in e.parents)}" if e.parents else ""
    return f"{verb}: {who(e.person_id)}, born {e.born}{parents}"


def tell_death_recorded(e: ev.DeathRecorded, who: Who) -> str:
    return f"Death of {who(e.person_id)} recorded, on {e.died}"


def tell_presented(e: ev.Presented, who: Who) -> str:
    note = f" (reason recorded: {e.reason})" if e.reason else ""
    return f"{who(e.person_id)} presented as {e.designation.title()} on {e.on}{note}"


def tell_scent_measured(e: ev.ScentMeasured, who: Who) -> str:
    """Who measured it (their number: the physician is not a subject of her entry, so it
    joins no history of theirs) and when; never the values (others see only compatibility)."""
    verb = "re-measured" if e.remeasured else "recorded"
    return f"Scent signature of {who(e.person_id)} {verb} by #{e.by_id} on {e.on}"


def tell_guardian_appointed(e: ev.GuardianAppointed, who: Who) -> str:
    return (f"{who(e.guardian_id)} appointed guardian of {who(e.ward_id)} by {e.court},"
            f" order {e.order_ref}, from {e.start}")


def tell_guardianship_ended(e: ev.GuardianshipEnded, who: Who) -> str:
    how = {"transferred": "transferred", "revoked": "revoked by the court",
           "bonded": "ended by the ward's bonding", "died": "ended by a death",
           "ended": "ended"}.get(e.how, e.how)
    return f"Guardianship of {who(e.ward_id)} by {who(e.guardian_id)} {how} on {e.end}"


# --- the tables: an entry per event type ------------------------------------------------

FOLDERS: dict[type[ev.Event], Folder] = {
    ev.PersonRegistered: fold_person_registered,
    ev.DeathRecorded: fold_death_recorded,
    ev.Presented: fold_presented,
    ev.GuardianAppointed: fold_guardian_appointed,
    ev.GuardianshipEnded: fold_guardianship_ended,
    ec.BondSealed: fold_bond_sealed,
    ec.AnnulmentDecided: fold_annulment_decided,
    mr.MarriageSolemnised: fold_marriage_solemnised,
    mr.DissolutionDecided: fold_dissolution_decided,
}

TELLERS: dict[type[ev.Event], Teller] = {
    # people and guardianships
    ev.PersonRegistered: tell_person_registered,
    ev.DeathRecorded: tell_death_recorded,
    ev.Presented: tell_presented,
    ev.ScentMeasured: tell_scent_measured,
    ev.GuardianAppointed: tell_guardian_appointed,
    ev.GuardianshipEnded: tell_guardianship_ended,
    # corrections by two hands
    co.CorrectionRequested: co.tell_correction_requested,
    co.CorrectionApproved: co.tell_correction_approved,
    co.CorrectionRejected: co.tell_correction_rejected,
    # courtship, Visits, incidents, waivers, bonding, annulment, private health
    ec.IntroductionProposed: hc.tell_introduction_proposed,
    ec.ConsentRecorded: hc.tell_consent_recorded,
    ec.GuardianAcknowledged: hc.tell_guardian_acknowledged,
    ec.CourtshipEnded: hc.tell_courtship_ended,
    ec.VisitScheduled: hc.tell_visit_scheduled,
    ec.VisitHeld: hc.tell_visit_held,
    ec.VisitMissed: hc.tell_visit_missed,
    ec.VisitCancelled: hc.tell_visit_cancelled,
    ec.IncidentReported: hc.tell_incident_reported,
    ec.IncidentClosed: tell_by_kind,
    ec.WelfareReviewDecided: hc.tell_welfare_review_decided,
    ec.WelfareReviewAssigned: hc.tell_welfare_review_assigned,
    ec.WaiverGranted: hc.tell_waiver_granted,
    ec.CeremonyScheduled: hc.tell_ceremony_scheduled,
    ec.BondSealed: hc.tell_bond_sealed,
    ec.AnnulmentPetitioned: hc.tell_annulment_petitioned,
    ec.AnnulmentDecided: hc.tell_annulment_decided,
    ec.HealthEntryRecorded: tell_by_kind,  # its content is private; the words say no more
    ec.FindingReleased: hc.tell_finding_released,
    ec.FindingReleaseWithdrawn: hc.tell_finding_release_withdrawn,
    # marriages of Betas
    mr.MarriageConsentRecorded: mr.tell_marriage_consent_recorded,
    mr.MarriageConsentWithdrawn: mr.tell_marriage_consent_withdrawn,
    mr.MarriageSolemnised: mr.tell_marriage_solemnised,
    mr.DissolutionPetitioned: mr.tell_dissolution_petitioned,
    mr.DissolutionDecided: mr.tell_dissolution_decided,
    # who an account is
    idn.InvitationIssued: idn.tell_invitation_issued,
    idn.AccountEnrolled: idn.tell_account_enrolled,
    idn.AccountCreated: idn.tell_account_created,
    idn.AccountRoleGranted: idn.tell_account_role_granted,
    idn.AccountRoleRevoked: idn.tell_account_role_revoked,
    idn.AccountLinkConfirmed: idn.tell_account_link_confirmed,
    idn.AccountUnlinked: idn.tell_account_unlinked,
    # a contact e-mail (the address is not in the ledger)
    nt.ContactEmailChanged: nt.tell_contact_changed,
    # the registry's matchmaking
    mm.MatchmakingOptInSet: mm.tell_matchmaking_opt_in_set,
    # rostering
    er.ResidenceRecorded: er.tell_residence_recorded,
    er.VisitRequested: er.tell_visit_requested,
    er.VisitRequestWithdrawn: tell_by_kind,
    er.HandlerRegistered: er.tell_handler_registered,
    er.HandlerAvailabilityRecorded: er.tell_handler_availability_recorded,
    er.UnavailabilityRecorded: er.tell_unavailability_recorded,
    er.RosterProposed: tell_by_kind,
    er.RosterPlacementAccepted: tell_by_kind,
}
