"""Plain words for courtship, Visit, incident, waiver, bonding and annulment events
(listed in troth.domain.history.TELLERS)."""

from __future__ import annotations

from collections.abc import Callable

from troth.domain import courtship_events as ev

Who = Callable[[int], str]


def tell_introduction_proposed(e: ev.IntroductionProposed, who: Who) -> str:
    by = f" by {who(e.sponsor_id)}" if e.sponsor_id else " by the registry's matchmaking"
    return (f"Introduction of {who(e.alpha_id)} and {who(e.omega_id)} proposed{by}"
            f" (courtship #{e.courtship_id}); awaiting the Omega's consent")


def tell_consent_recorded(e: ev.ConsentRecorded, who: Who) -> str:
    verb = "consented to" if e.given else "declined"
    return f"{who(e.person_id)} {verb} the {e.stage} (courtship #{e.courtship_id})"


def tell_guardian_acknowledged(e: ev.GuardianAcknowledged, who: Who) -> str:
    return (f"Guardian {who(e.guardian_id)} acknowledged courtship #{e.courtship_id}"
            " (an acknowledgement, not a consent)")


def tell_courtship_ended(e: ev.CourtshipEnded, who: Who) -> str:
    why = f": {e.reason}" if e.reason else ""
    return f"Courtship #{e.courtship_id} ended by {who(e.by_id)}{why}"


def tell_visit_scheduled(e: ev.VisitScheduled, who: Who) -> str:
    return (f"Visit #{e.visit_id} ({e.visit_kind}) scheduled for {e.starts_at[:16]} at"
            f" {e.place}, {len(e.handlers)} handler(s) assigned")


def tell_visit_held(e: ev.VisitHeld, who: Who) -> str:
    counted = "counted" if e.counted else f"not counted — {e.flag}"
    return (f"Visit #{e.visit_id} held with {len(e.handlers_present)} handler(s) present;"
            f" {counted}")


def tell_visit_missed(e: ev.VisitMissed, who: Who) -> str:
    return (f"Visit #{e.visit_id} did not take place (the Omega {e.reason});"
            " not held against her")


def tell_visit_cancelled(e: ev.VisitCancelled, who: Who) -> str:
    return f"Visit #{e.visit_id} cancelled: {e.reason}"


def tell_incident_reported(e: ev.IncidentReported, who: Who) -> str:
    if e.incident_kind == "pressured_consent":
        return (f"{who(e.reported_by)} said in confidence, when asked for a consent, that"
                f" they are being pressured; welfare review #{e.incident_id} is open (the"
                " registry alone sees it)")
    about = f" concerning {who(e.about_id)}" if e.about_id else ""
    review = "; a review of the guardianship is open" if e.opens_review else ""
    return (f"Incident #{e.incident_id} ({e.incident_kind.replace('_', ' ')}) reported by"
            f" {who(e.reported_by)}{about}{review}")


def tell_welfare_review_decided(e: ev.WelfareReviewDecided, who: Who) -> str:
    what = {"kept": "the guardian kept", "transferred": "the guardianship transferred",
            "revoked": "the guardianship revoked"}.get(e.outcome, e.outcome)
    return (f"Welfare review of incident #{e.incident_id} decided by {who(e.decided_by)}:"
            f" {what} ({e.reasons})")


def tell_welfare_review_assigned(e: ev.WelfareReviewAssigned, _who: Who) -> str:
    return (f"Incident #{e.incident_id} in the welfare queue assigned to registrar account"
            f" #{e.assignee}")


def tell_waiver_granted(e: ev.WaiverGranted, who: Who) -> str:
    named = ", ".join(f"{who(p)}, {r}" for p, r in zip(e.granted_by_ids, e.relations,
                                                       strict=False))
    by = f" by the {e.granted_by}" + (f" ({named})" if named else "")
    return f"Custom '{e.custom}' waived for courtship #{e.courtship_id}{by}: {e.reason}"


def tell_ceremony_scheduled(e: ev.CeremonyScheduled, who: Who) -> str:
    at = f" {e.at}" if e.at else ""
    place = f" at {e.place}" if e.place else ""
    return (f"Bonding ceremony of {who(e.alpha_id)} and {who(e.omega_id)} set for {e.on}{at}"
            f"{place}, officiant {who(e.officiant_id)}")


def tell_bond_sealed(e: ev.BondSealed, who: Who) -> str:
    return (f"Bond #{e.bond_id} of {who(e.alpha_id)} and {who(e.omega_id)} sealed by"
            f" {who(e.officiant_id)}; certificate {e.certificate_code}")


def tell_annulment_petitioned(e: ev.AnnulmentPetitioned, who: Who) -> str:
    return (f"{who(e.petitioner_id)} petitioned to annul bond #{e.bond_id}"
            f" on grounds of {e.grounds.replace('_', ' ')}")


def tell_finding_released(e: ev.FindingReleased, who: Who) -> str:
    how = ("in person at the office, attested by account"
           f" #{e.attested_by}" if e.attested_by is not None else "signed in as themself")
    return (f"{who(e.owner_id)} released physician's finding #{e.finding_id} for annulment"
            f" petition #{e.petition_id} ({how})")


def tell_finding_release_withdrawn(e: ev.FindingReleaseWithdrawn, who: Who) -> str:
    return (f"{who(e.owner_id)} withdrew the release of physician's finding #{e.finding_id}"
            f" for annulment petition #{e.petition_id}")


def tell_annulment_decided(e: ev.AnnulmentDecided, who: Who) -> str:
    if e.granted:
        return f"Annulment of bond #{e.bond_id} granted; dissolved on {e.dissolved_on}"
    return f"Annulment of bond #{e.bond_id} refused: {e.reasons}"
