"""Repositories for courtships, Visits, bonds and incidents, inside one unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, or_, select

from troth.domain.bonding import Bond, Ceremony, Petition
from troth.domain.courtship import (
    Consent,
    Courtship,
    CourtshipStatus,
    Visit,
    VisitKind,
    VisitStatus,
    Waiver,
)
from troth.domain.errors import NotFound
from troth.domain.welfare import Incident
from troth.store import tables_courtship as tc
from troth.store.ids import next_id


def visit_from_row(r: RowMapping, handlers: Sequence[RowMapping]) -> Visit:
    mine = [h for h in handlers if h["visit_id"] == r["id"]]
    return Visit(
        id=r["id"], courtship_id=r["courtship_id"], kind=VisitKind(r["kind"]),
        starts_at=r["starts_at"], place=r["place"], at_omega_residence=r["at_omega_residence"],
        handlers=tuple(sorted(h["person_id"] for h in mine if h["role"] == "assigned")),
        status=VisitStatus(r["status"]),
        handlers_present=tuple(sorted(h["person_id"] for h in mine if h["role"] == "present")),
        omega_attended=r["status"] == "held", counted=r["counted"], flag=r["flag"],
        note=r["note"])


def load_visits(conn: Connection, where: Any) -> list[Visit]:
    rows = conn.execute(select(tc.visits).where(where).order_by(tc.visits.c.starts_at)
                        ).mappings().all()
    if not rows:
        return []
    handlers = conn.execute(select(tc.visit_handlers).where(
        tc.visit_handlers.c.visit_id.in_([r["id"] for r in rows]))).mappings().all()
    return [visit_from_row(r, handlers) for r in rows]


def courtship_from_rows(conn: Connection, r: RowMapping) -> Courtship:
    cid = r["id"]
    consents = conn.execute(select(tc.consents).where(tc.consents.c.courtship_id == cid)
                            .order_by(tc.consents.c.id)).mappings().all()
    waivers = conn.execute(select(tc.waivers).where(tc.waivers.c.courtship_id == cid)
                           .order_by(tc.waivers.c.id)).mappings().all()
    return Courtship(
        id=cid, alpha_id=r["alpha_id"], omega_id=r["omega_id"], sponsor_id=r["sponsor_id"],
        proposed_on=r["proposed_on"], status=CourtshipStatus(r["status"]),
        ended_by=r["ended_by"], ended_on=r["ended_on"], end_reason=r["end_reason"],
        guardian_ack=r["guardian_ack"],
        consents=[Consent(x["person_id"], x["stage"], x["given"], x["on"]) for x in consents],
        visits=load_visits(conn, tc.visits.c.courtship_id == cid),
        waivers=[Waiver(w["id"], cid, w["custom"], w["granted_by"], w["reason"], w["on"])
                 for w in waivers])



class SqlCourtships:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, courtship_id: int) -> Courtship:
        r = self.conn.execute(select(tc.courtships).where(tc.courtships.c.id == courtship_id)
                              ).mappings().first()
        if r is None:
            raise NotFound(f"no courtship #{courtship_id}", rule="courtship_exists")
        return courtship_from_rows(self.conn, r)

    def between(self, alpha_id: int, omega_id: int) -> list[Courtship]:
        c = tc.courtships.c
        rows = self.conn.execute(select(tc.courtships).where(
            c.alpha_id == alpha_id, c.omega_id == omega_id).order_by(c.id)).mappings().all()
        return [courtship_from_rows(self.conn, r) for r in rows]

    def visit(self, visit_id: int) -> Visit:
        found = load_visits(self.conn, tc.visits.c.id == visit_id)
        if not found:
            raise NotFound(f"no Visit #{visit_id}", rule="visit_exists")
        return found[0]

    def visits_of_handlers(self, handler_ids: Sequence[int], around: datetime) -> list[Visit]:
        if not handler_ids:
            return []
        vh, v = tc.visit_handlers.c, tc.visits.c
        ids = select(vh.visit_id).where(vh.person_id.in_(handler_ids), vh.role == "assigned")
        window = and_(v.starts_at > around - timedelta(days=1),
                      v.starts_at < around + timedelta(days=1))
        return load_visits(self.conn, and_(v.id.in_(ids), window))

    def next_id(self) -> int:
        return next_id(self.conn, tc.courtships.c.id)

    def next_visit_id(self) -> int:
        return next_id(self.conn, tc.visits.c.id)

    def next_waiver_id(self) -> int:
        return next_id(self.conn, tc.waivers.c.id)


def bond_from_row(r: RowMapping) -> Bond:
    return Bond(r["id"], r["alpha_id"], r["omega_id"], r["courtship_id"], r["sealed_on"],
                r["household"], r["certificate_code"], r["dissolved_on"])


class SqlBonds:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def bonded(self, person_ids: Sequence[int], on: date) -> list[int]:
        b = tc.bonds.c
        rows = self.conn.execute(select(b.alpha_id, b.omega_id).where(
            or_(b.alpha_id.in_(person_ids), b.omega_id.in_(person_ids)), b.sealed_on <= on,
            or_(b.dissolved_on.is_(None), b.dissolved_on > on))).all()
        return sorted({p for row in rows for p in row if p in person_ids})

    def get(self, bond_id: int) -> Bond:
        r = self.conn.execute(select(tc.bonds).where(tc.bonds.c.id == bond_id)).mappings().first()
        if r is None:
            raise NotFound(f"no bond #{bond_id}", rule="bond_exists")
        return bond_from_row(r)

    def ceremony(self, ceremony_id: int) -> Ceremony:
        r = self.conn.execute(select(tc.ceremonies).where(tc.ceremonies.c.id == ceremony_id)
                              ).mappings().first()
        if r is None:
            raise NotFound(f"no ceremony #{ceremony_id}", rule="ceremony_exists")
        return Ceremony(r["id"], r["courtship_id"], r["officiant_id"], tuple(r["witnesses"]),
                        r["on"], r["status"])

    def petition(self, petition_id: int) -> Petition:
        p = tc.annulment_petitions
        r = self.conn.execute(select(p).where(p.c.id == petition_id)).mappings().first()
        if r is None:
            raise NotFound(f"no annulment petition #{petition_id}", rule="petition_exists")
        return Petition(r["id"], r["bond_id"], r["petitioner_id"], r["grounds"], r["status"])

    def incident(self, incident_id: int) -> Incident:
        r = self.conn.execute(select(tc.incidents).where(tc.incidents.c.id == incident_id)
                              ).mappings().first()
        if r is None:
            raise NotFound(f"no incident #{incident_id}", rule="incident_exists")
        return Incident(r["id"], r["kind"], r["reported_by"], r["on"], r["status"])

    def next_ids(self) -> dict[str, int]:
        return {"bond": next_id(self.conn, tc.bonds.c.id),
                "ceremony": next_id(self.conn, tc.ceremonies.c.id),
                "petition": next_id(self.conn, tc.annulment_petitions.c.id),
                "incident": next_id(self.conn, tc.incidents.c.id)}

    def secret(self, fallback: str) -> str:
        s = tc.registry_settings
        row = self.conn.execute(select(s.c.value).where(s.c.key == "certificate_secret")).first()
        if row is not None:
            return str(row[0])
        self.conn.execute(s.insert().values(key="certificate_secret", value=fallback))
        return fallback
