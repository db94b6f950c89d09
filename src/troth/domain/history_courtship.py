"""Plain words and as-of folding for courtship, Visit, bonding and annulment events."""

from __future__ import annotations

from collections.abc import Callable

from troth.domain import events_courtship as ev
from troth.domain.history import Snapshot, folds, tells

Who = Callable[[int], str]


@tells(ev.IntroductionProposed)
def _proposed(e: ev.IntroductionProposed, who: Who) -> str:
    by = f" by {who(e.sponsor_id)}" if e.sponsor_id else " by the registry's matchmaking"
    return (f"Introduction of {who(e.alpha_id)} and {who(e.omega_id)} proposed{by}"
            f" (courtship #{e.courtship_id}); awaiting the Omega's consent")


@tells(ev.ConsentRecorded)
def _consent(e: ev.ConsentRecorded, who: Who) -> str:
    verb = "consented to" if e.given else "declined"
    return f"{who(e.person_id)} {verb} the {e.stage} (courtship #{e.courtship_id})"


@tells(ev.GuardianAcknowledged)
def _ack(e: ev.GuardianAcknowledged, who: Who) -> str:
    return (f"Guardian {who(e.guardian_id)} acknowledged courtship #{e.courtship_id}"
            " (an acknowledgement, not a consent)")


@tells(ev.CourtshipEnded)
def _ended(e: ev.CourtshipEnded, who: Who) -> str:
    why = f": {e.reason}" if e.reason else ""
    return f"Courtship #{e.courtship_id} ended by {who(e.by_id)}{why}"


@tells(ev.VisitScheduled)
def _scheduled(e: ev.VisitScheduled, who: Who) -> str:
    return (f"Visit #{e.visit_id} ({e.visit_kind}) scheduled for {e.starts_at[:16]} at"
            f" {e.place}, {len(e.handlers)} handler(s) assigned")


@tells(ev.VisitHeld)
def _held(e: ev.VisitHeld, who: Who) -> str:
    counted = "counted" if e.counted else f"not counted — {e.flag}"
    return (f"Visit #{e.visit_id} held with {len(e.handlers_present)} handler(s) present;"
            f" {counted}")


@tells(ev.VisitMissed)
def _missed(e: ev.VisitMissed, who: Who) -> str:
    return (f"Visit #{e.visit_id} did not take place (the Omega {e.reason});"
            " not held against her")


@tells(ev.VisitCancelled)
def _cancelled(e: ev.VisitCancelled, who: Who) -> str:
    return f"Visit #{e.visit_id} cancelled: {e.reason}"


@tells(ev.IncidentReported)
def _incident(e: ev.IncidentReported, who: Who) -> str:
    about = f" concerning {who(e.about_id)}" if e.about_id else ""
    review = "; a review of the guardianship is open" if e.opens_review else ""
    return (f"Incident #{e.incident_id} ({e.incident_kind.replace('_', ' ')}) reported by"
            f" {who(e.reported_by)}{about}{review}")


@tells(ev.WaiverGranted)
def _waiver(e: ev.WaiverGranted, who: Who) -> str:
    return (f"Custom '{e.custom}' waived for courtship #{e.courtship_id} by the"
            f" {e.granted_by}: {e.reason}")


@tells(ev.CeremonyScheduled)
def _ceremony(e: ev.CeremonyScheduled, who: Who) -> str:
    return (f"Bonding ceremony of {who(e.alpha_id)} and {who(e.omega_id)} set for {e.on},"
            f" officiant {who(e.officiant_id)}")


@tells(ev.BondSealed)
def _sealed(e: ev.BondSealed, who: Who) -> str:
    return (f"Bond #{e.bond_id} of {who(e.alpha_id)} and {who(e.omega_id)} sealed by"
            f" {who(e.officiant_id)}; certificate {e.certificate_code}")


@tells(ev.AnnulmentPetitioned)
def _petition(e: ev.AnnulmentPetitioned, who: Who) -> str:
    return (f"{who(e.petitioner_id)} petitioned to annul bond #{e.bond_id}"
            f" on grounds of {e.grounds.replace('_', ' ')}")


@tells(ev.FindingReleased)
def _released(e: ev.FindingReleased, who: Who) -> str:
    how = ("in person at the office, attested by account"
           f" #{e.attested_by}" if e.attested_by is not None else "signed in as themself")
    return (f"{who(e.owner_id)} released physician's finding #{e.finding_id} for annulment"
            f" petition #{e.petition_id} ({how})")


@tells(ev.FindingReleaseWithdrawn)
def _withdrawn(e: ev.FindingReleaseWithdrawn, who: Who) -> str:
    return (f"{who(e.owner_id)} withdrew the release of physician's finding #{e.finding_id}"
            f" for annulment petition #{e.petition_id}")


@tells(ev.AnnulmentDecided)
def _decided(e: ev.AnnulmentDecided, who: Who) -> str:
    if e.granted:
        return f"Annulment of bond #{e.bond_id} granted; dissolved on {e.dissolved_on}"
    return f"Annulment of bond #{e.bond_id} refused: {e.reasons}"


@folds(ev.BondSealed)
def _f_sealed(s: Snapshot, e: ev.BondSealed) -> None:
    s.bonded_to = e.omega_id if s.person_id == e.alpha_id else e.alpha_id
    if s.person_id == e.omega_id:
        s.guardian_id = None


@folds(ev.AnnulmentDecided)
def _f_decided(s: Snapshot, e: ev.AnnulmentDecided) -> None:
    if e.granted and e.dissolved_on is not None and e.dissolved_on <= s.on:
        s.bonded_to = None
