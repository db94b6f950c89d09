"""Projections of courtship, Visit, incident, waiver, bonding and annulment events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert, update

from troth.domain import events_courtship as ev
from troth.store import tables_courtship as tc
from troth.store.projector import projects


def _courtship(conn: Connection, cid: int, **values: object) -> None:
    conn.execute(update(tc.courtships).where(tc.courtships.c.id == cid)
                 .values(version=tc.courtships.c.version + 1, **values))


@projects(ev.IntroductionProposed)
def _proposed(conn: Connection, e: ev.IntroductionProposed, _seq: int) -> None:
    conn.execute(insert(tc.courtships).values(
        id=e.courtship_id, alpha_id=e.alpha_id, omega_id=e.omega_id, sponsor_id=e.sponsor_id,
        proposed_on=e.on, status="proposed", end_reason="", version=1))


@projects(ev.ConsentRecorded)
def _consent(conn: Connection, e: ev.ConsentRecorded, _seq: int) -> None:
    conn.execute(insert(tc.consents).values(courtship_id=e.courtship_id, person_id=e.person_id,
                                            stage=e.stage, given=e.given, on=e.on))
    if e.stage == "courtship":
        if not e.given:
            _courtship(conn, e.courtship_id, status="declined", ended_by=e.person_id,
                       ended_on=e.on, end_reason="declined")
        elif e.person_id != e.other_id:
            _open_if_omega(conn, e)


def _open_if_omega(conn: Connection, e: ev.ConsentRecorded) -> None:
    c = tc.courtships.c
    conn.execute(update(tc.courtships).where(c.id == e.courtship_id, c.omega_id == e.person_id,
                                             c.status == "proposed")
                 .values(status="open", version=c.version + 1))


@projects(ev.GuardianAcknowledged)
def _ack(conn: Connection, e: ev.GuardianAcknowledged, _seq: int) -> None:
    _courtship(conn, e.courtship_id, guardian_ack=e.guardian_id)


@projects(ev.CourtshipEnded)
def _ended(conn: Connection, e: ev.CourtshipEnded, _seq: int) -> None:
    _courtship(conn, e.courtship_id, status="ended", ended_by=e.by_id, ended_on=e.on,
               end_reason=e.reason)
    conn.execute(update(tc.visits).where(tc.visits.c.courtship_id == e.courtship_id,
                                         tc.visits.c.status == "scheduled")
                 .values(status="cancelled", note="courtship ended"))


@projects(ev.VisitScheduled)
def _scheduled(conn: Connection, e: ev.VisitScheduled, _seq: int) -> None:
    conn.execute(insert(tc.visits).values(
        id=e.visit_id, courtship_id=e.courtship_id, kind=e.visit_kind,
        starts_at=datetime.fromisoformat(e.starts_at), place=e.place,
        at_omega_residence=e.at_omega_residence, status="scheduled", counted=False, flag="",
        note=""))
    if e.handlers:
        conn.execute(insert(tc.visit_handlers), [
            {"visit_id": e.visit_id, "person_id": h, "role": "assigned"} for h in e.handlers])


def _visit(conn: Connection, vid: int, **values: object) -> None:
    conn.execute(update(tc.visits).where(tc.visits.c.id == vid).values(**values))


@projects(ev.VisitHeld)
def _held(conn: Connection, e: ev.VisitHeld, _seq: int) -> None:
    _visit(conn, e.visit_id, status="held", counted=e.counted, flag=e.flag, note=e.note)
    if e.handlers_present:
        conn.execute(insert(tc.visit_handlers), [
            {"visit_id": e.visit_id, "person_id": h, "role": "present"}
            for h in e.handlers_present])


@projects(ev.VisitMissed)
def _missed(conn: Connection, e: ev.VisitMissed, _seq: int) -> None:
    _visit(conn, e.visit_id, status="missed", note=f"{e.reason}: {e.note}".rstrip(": "))


@projects(ev.VisitCancelled)
def _cancelled(conn: Connection, e: ev.VisitCancelled, _seq: int) -> None:
    _visit(conn, e.visit_id, status="cancelled", note=e.reason)


@projects(ev.IncidentReported)
def _incident(conn: Connection, e: ev.IncidentReported, _seq: int) -> None:
    conn.execute(insert(tc.incidents).values(
        id=e.incident_id, kind=e.incident_kind, reported_by=e.reported_by, about_id=e.about_id,
        visit_id=e.visit_id, guardianship_id=e.guardianship_id, opens_review=e.opens_review,
        description=e.description, on=e.on, status="open", outcome=""))


@projects(ev.IncidentClosed)
def _incident_closed(conn: Connection, e: ev.IncidentClosed, _seq: int) -> None:
    conn.execute(update(tc.incidents).where(tc.incidents.c.id == e.incident_id)
                 .values(status="closed", outcome=e.outcome))


@projects(ev.WaiverGranted)
def _waiver(conn: Connection, e: ev.WaiverGranted, _seq: int) -> None:
    conn.execute(insert(tc.waivers).values(id=e.waiver_id, courtship_id=e.courtship_id,
                                           custom=e.custom, granted_by=e.granted_by,
                                           reason=e.reason, on=e.on))


@projects(ev.CeremonyScheduled)
def _ceremony(conn: Connection, e: ev.CeremonyScheduled, _seq: int) -> None:
    conn.execute(insert(tc.ceremonies).values(id=e.ceremony_id, courtship_id=e.courtship_id,
                                              officiant_id=e.officiant_id,
                                              witnesses=list(e.witnesses), on=e.on,
                                              status="scheduled"))


@projects(ev.BondSealed)
def _sealed(conn: Connection, e: ev.BondSealed, seq: int) -> None:
    conn.execute(insert(tc.bonds).values(
        id=e.bond_id, alpha_id=e.alpha_id, omega_id=e.omega_id, courtship_id=e.courtship_id,
        ceremony_id=e.ceremony_id, sealed_on=e.on, household=e.household,
        certificate_code=e.certificate_code, ledger_seq=seq))
    conn.execute(update(tc.ceremonies).where(tc.ceremonies.c.id == e.ceremony_id)
                 .values(status="sealed"))
    _courtship(conn, e.courtship_id, status="bonded")
    conn.execute(update(tc.visits).where(tc.visits.c.courtship_id == e.courtship_id,
                                         tc.visits.c.status == "scheduled")
                 .values(status="cancelled", note="bonded"))


@projects(ev.AnnulmentPetitioned)
def _petition(conn: Connection, e: ev.AnnulmentPetitioned, _seq: int) -> None:
    conn.execute(insert(tc.annulment_petitions).values(
        id=e.petition_id, bond_id=e.bond_id, petitioner_id=e.petitioner_id, grounds=e.grounds,
        evidence=e.evidence, physician_id=e.physician_id, finding=e.finding,
        finding_consent_by=e.finding_consent_by, filed_on=e.on, status="filed", reasons=""))


@projects(ev.AnnulmentDecided)
def _decided(conn: Connection, e: ev.AnnulmentDecided, _seq: int) -> None:
    conn.execute(update(tc.annulment_petitions).where(tc.annulment_petitions.c.id == e.petition_id)
                 .values(status="granted" if e.granted else "refused", decided_on=e.on,
                         reasons=e.reasons))
    if e.granted:
        conn.execute(update(tc.bonds).where(tc.bonds.c.id == e.bond_id)
                     .values(dissolved_on=e.dissolved_on))

