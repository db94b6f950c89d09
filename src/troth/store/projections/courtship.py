"""Projections of courtship, Visit, incident, waiver, bonding and annulment events.

Every statement is built once at import (named parameters), so each execution is a hit in
SQLAlchemy's compiled cache.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select, update

from troth.domain import courtship_events as ev
from troth.store.projections.statements import typed
from troth.store.tables import courtship as tc

_c, _v, _b = tc.courtships.c, tc.visits.c, tc.bonds.c
_COURTSHIP = insert(tc.courtships)
_CLOSED = (update(tc.courtships).where(_c.id == bindparam("cid"))
           .values(version=_c.version + 1, status=typed(_c.status, "v_status"),
                   ended_by=typed(_c.ended_by, "v_by"), ended_on=typed(_c.ended_on, "v_on"),
                   end_reason=typed(_c.end_reason, "v_reason")))
_ACK = (update(tc.courtships).where(_c.id == bindparam("cid"))
        .values(version=_c.version + 1, guardian_ack=typed(_c.guardian_ack, "v_guardian")))
_OPENED = (update(tc.courtships)
           .where(_c.id == bindparam("cid"), _c.omega_id == bindparam("omega"),
                  _c.status == "proposed")
           .values(status="open", version=_c.version + 1))
_BONDED = (update(tc.courtships).where(_c.id == bindparam("cid"))
           .values(version=_c.version + 1, status="bonded"))
_CONSENT = insert(tc.consents)
_VISIT = insert(tc.visits)
_HANDLERS = insert(tc.visit_handlers)
_HELD = (update(tc.visits).where(_v.id == bindparam("vid"))
         .values(status="held", counted=typed(_v.counted, "v_counted"),
                 flag=typed(_v.flag, "v_flag"), note=typed(_v.note, "v_note")))
_VISIT_CLOSED = (update(tc.visits).where(_v.id == bindparam("vid"))
                 .values(status=typed(_v.status, "v_status"), note=typed(_v.note, "v_note")))
_CANCEL_SCHEDULED = (update(tc.visits)
                     .where(_v.courtship_id == bindparam("cid"), _v.status == "scheduled")
                     .values(status="cancelled", note=typed(_v.note, "v_note")))
_INCIDENT = insert(tc.incidents)
_INCIDENT_CLOSED = (update(tc.incidents).where(tc.incidents.c.id == bindparam("iid"))
                    .values(status="closed", outcome=typed(tc.incidents.c.outcome, "v_out")))
_REVIEW_DECIDED = (update(tc.incidents).where(tc.incidents.c.id == bindparam("iid"))
                   .values(status="closed", outcome=typed(tc.incidents.c.outcome, "v_out"),
                           decision=typed(tc.incidents.c.decision, "v_decision"),
                           decided_by=typed(tc.incidents.c.decided_by, "v_by"),
                           decided_on=typed(tc.incidents.c.decided_on, "v_on")))
_REVIEW_ASSIGNED = (update(tc.incidents).where(tc.incidents.c.id == bindparam("iid"))
                    .values(assignee=typed(tc.incidents.c.assignee, "v_to"),
                            assigned_on=typed(tc.incidents.c.assigned_on, "v_on")))
_WAIVER = insert(tc.waivers)
_CEREMONY = insert(tc.ceremonies)
_CEREMONY_SEALED = (update(tc.ceremonies).where(tc.ceremonies.c.id == bindparam("cid"))
                    .values(status="sealed"))
_BOND = insert(tc.bonds)
_p = tc.annulment_petitions.c
_PETITION = insert(tc.annulment_petitions)
_DECIDED = (update(tc.annulment_petitions).where(_p.id == bindparam("pid"))
            .values(status=typed(_p.status, "v_status"),
                    decided_on=typed(_p.decided_on, "v_on"),
                    reasons=typed(_p.reasons, "v_reasons")))
_DISSOLVED = (update(tc.bonds).where(_b.id == bindparam("bid"))
              .values(dissolved_on=typed(_b.dissolved_on, "v_on")))


def _closed(conn: Connection, cid: int, status: str, by: int | None, on: object,
            reason: str) -> None:
    conn.execute(_CLOSED, {"cid": cid, "v_status": status, "v_by": by, "v_on": on,
                           "v_reason": reason})


def introduction_proposed(conn: Connection, e: ev.IntroductionProposed, _seq: int) -> None:
    conn.execute(_COURTSHIP, {
        "id": e.courtship_id, "alpha_id": e.alpha_id, "omega_id": e.omega_id,
        "sponsor_id": e.sponsor_id, "proposed_on": e.on, "status": "proposed",
        "end_reason": "", "version": 1})


def consent_recorded(conn: Connection, e: ev.ConsentRecorded, _seq: int) -> None:
    conn.execute(_CONSENT, {"courtship_id": e.courtship_id, "person_id": e.person_id,
                            "stage": e.stage, "given": e.given, "on": e.on})
    if e.stage == "courtship":
        if not e.given:
            _closed(conn, e.courtship_id, "declined", e.person_id, e.on, "declined")
        elif e.person_id != e.other_id:
            conn.execute(_OPENED, {"cid": e.courtship_id, "omega": e.person_id})


def guardian_acknowledged(conn: Connection, e: ev.GuardianAcknowledged, _seq: int) -> None:
    conn.execute(_ACK, {"cid": e.courtship_id, "v_guardian": e.guardian_id})


def courtship_ended(conn: Connection, e: ev.CourtshipEnded, _seq: int) -> None:
    _closed(conn, e.courtship_id, "ended", e.by_id, e.on, e.reason)
    conn.execute(_CANCEL_SCHEDULED, {"cid": e.courtship_id, "v_note": "courtship ended"})


def visit_scheduled(conn: Connection, e: ev.VisitScheduled, _seq: int) -> None:
    conn.execute(_VISIT, {
        "id": e.visit_id, "courtship_id": e.courtship_id, "kind": e.visit_kind,
        "starts_at": datetime.fromisoformat(e.starts_at), "place": e.place,
        "at_omega_residence": e.at_omega_residence, "status": "scheduled", "counted": False,
        "flag": "", "note": ""})
    if e.handlers:
        conn.execute(_HANDLERS, [{"visit_id": e.visit_id, "person_id": h, "role": "assigned"}
                                 for h in e.handlers])


def visit_held(conn: Connection, e: ev.VisitHeld, _seq: int) -> None:
    conn.execute(_HELD, {"vid": e.visit_id, "v_counted": e.counted, "v_flag": e.flag,
                         "v_note": e.note})
    if e.handlers_present:
        conn.execute(_HANDLERS, [{"visit_id": e.visit_id, "person_id": h, "role": "present"}
                                 for h in e.handlers_present])


def visit_missed(conn: Connection, e: ev.VisitMissed, _seq: int) -> None:
    conn.execute(_VISIT_CLOSED, {"vid": e.visit_id, "v_status": "missed",
                                 "v_note": f"{e.reason}: {e.note}".rstrip(": ")})


def visit_cancelled(conn: Connection, e: ev.VisitCancelled, _seq: int) -> None:
    conn.execute(_VISIT_CLOSED, {"vid": e.visit_id, "v_status": "cancelled",
                                 "v_note": e.reason})


def incident_reported(conn: Connection, e: ev.IncidentReported, _seq: int) -> None:
    conn.execute(_INCIDENT, {
        "id": e.incident_id, "kind": e.incident_kind, "reported_by": e.reported_by,
        "about_id": e.about_id, "visit_id": e.visit_id, "guardianship_id": e.guardianship_id,
        "opens_review": e.opens_review, "description": e.description, "on": e.on,
        "status": "open", "outcome": ""})


def incident_closed(conn: Connection, e: ev.IncidentClosed, _seq: int) -> None:
    conn.execute(_INCIDENT_CLOSED, {"iid": e.incident_id, "v_out": e.outcome})


def welfare_review_decided(conn: Connection, e: ev.WelfareReviewDecided, _seq: int) -> None:
    conn.execute(_REVIEW_DECIDED, {"iid": e.incident_id, "v_out": e.reasons,
                                   "v_decision": e.outcome, "v_by": e.decided_by,
                                   "v_on": e.on})


def welfare_review_assigned(conn: Connection, e: ev.WelfareReviewAssigned, _seq: int) -> None:
    conn.execute(_REVIEW_ASSIGNED, {"iid": e.incident_id, "v_to": e.assignee, "v_on": e.on})


def waiver_granted(conn: Connection, e: ev.WaiverGranted, _seq: int) -> None:
    conn.execute(_WAIVER, {"id": e.waiver_id, "courtship_id": e.courtship_id,
                           "custom": e.custom, "granted_by": e.granted_by,
                           "reason": e.reason, "on": e.on,
                           "granted_by_ids": list(e.granted_by_ids),
                           "relations": list(e.relations)})


def ceremony_scheduled(conn: Connection, e: ev.CeremonyScheduled, _seq: int) -> None:
    conn.execute(_CEREMONY, {"id": e.ceremony_id, "courtship_id": e.courtship_id,
                             "officiant_id": e.officiant_id, "witnesses": list(e.witnesses),
                             "on": e.on, "status": "scheduled", "at": e.at,
                             "place": e.place})


def bond_sealed(conn: Connection, e: ev.BondSealed, seq: int) -> None:
    conn.execute(_BOND, {
        "id": e.bond_id, "alpha_id": e.alpha_id, "omega_id": e.omega_id,
        "courtship_id": e.courtship_id, "ceremony_id": e.ceremony_id, "sealed_on": e.on,
        "household": e.household, "certificate_code": e.certificate_code, "ledger_seq": seq})
    conn.execute(_CEREMONY_SEALED, {"cid": e.ceremony_id})
    conn.execute(_BONDED, {"cid": e.courtship_id})
    conn.execute(_CANCEL_SCHEDULED, {"cid": e.courtship_id, "v_note": "bonded"})


def annulment_petitioned(conn: Connection, e: ev.AnnulmentPetitioned, _seq: int) -> None:
    conn.execute(_PETITION, {
        "id": e.petition_id, "bond_id": e.bond_id, "petitioner_id": e.petitioner_id,
        "grounds": e.grounds, "evidence": e.evidence, "physician_id": e.physician_id,
        "finding": "", "finding_consent_by": e.finding_consent_by, "filed_on": e.on,
        "status": "filed", "reasons": ""})


def annulment_decided(conn: Connection, e: ev.AnnulmentDecided, _seq: int) -> None:
    conn.execute(_DECIDED, {"pid": e.petition_id,
                            "v_status": "granted" if e.granted else "refused",
                            "v_on": e.on, "v_reasons": e.reasons})
    if e.granted:
        conn.execute(_DISSOLVED, {"bid": e.bond_id, "v_on": e.dissolved_on})


def health_entry_recorded(conn: Connection, e: ev.HealthEntryRecorded, seq: int) -> None:
    """Nothing here: the private row is written by SqlHealth.add, in the same transaction
    (troth.store.repositories.health); the public ledger keeps only its digest."""


_pf = tc.petition_findings.c


def finding_released(conn: Connection, e: ev.FindingReleased, _seq: int) -> None:
    """Ids only: the text stays in her health file. A release after a withdrawal of the
    same finding for the same petition opens the row again."""
    key = (_pf.petition_id == e.petition_id) & (_pf.finding_id == e.finding_id)
    if conn.execute(select(_pf.petition_id).where(key)).first() is None:
        conn.execute(insert(tc.petition_findings).values(
            petition_id=e.petition_id, finding_id=e.finding_id, owner_id=e.owner_id,
            released_on=e.on, attested_by=e.attested_by))
    else:
        conn.execute(update(tc.petition_findings).where(key).values(
            released_on=e.on, attested_by=e.attested_by, withdrawn_on=None))


def finding_release_withdrawn(conn: Connection, e: ev.FindingReleaseWithdrawn, _seq: int) -> None:
    conn.execute(update(tc.petition_findings).where(
        _pf.petition_id == e.petition_id, _pf.finding_id == e.finding_id)
        .values(withdrawn_on=e.on))
