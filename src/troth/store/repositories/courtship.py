"""Repositories for courtships, Visits, bonds and incidents, inside one unit of work."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, RowMapping, bindparam, insert, or_, select

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
from troth.store.ids import next_id
from troth.store.repositories.people import incident_from_row
from troth.store.tables import courtship as tc

# The unit of work's statements, built once (every execution a compiled-cache hit).
_c, _v, _vh = tc.courtships.c, tc.visits.c, tc.visit_handlers.c
_HANDLERS_OF = select(tc.visit_handlers).where(_vh.visit_id.in_(bindparam("ids",
                                                                          expanding=True)))


def visit_from_row(r: Mapping[Any, Any], handlers: Sequence[Mapping[Any, Any]]) -> Visit:
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
    """Visits matching `where` (built per call: for ad hoc reads), with their handlers."""
    rows = conn.execute(select(tc.visits).where(where).order_by(tc.visits.c.starts_at)
                        ).mappings().all()
    if not rows:
        return []
    handlers = conn.execute(_HANDLERS_OF, {"ids": [r["id"] for r in rows]}).mappings().all()
    return [visit_from_row(r, handlers) for r in rows]


_cs, _w = tc.consents.c, tc.waivers.c
# Courtships with their consents and waivers joined on: a row per (consent, waiver) pair.
_COURTSHIP_ROWS = (select(tc.courtships, _cs.id.label("consent_id"),
                          _cs.person_id.label("consent_by"), _cs.stage.label("consent_stage"),
                          _cs.given.label("consent_given"), _cs.on.label("consent_on"),
                          _w.id.label("waiver_id"), _w.custom.label("waiver_custom"),
                          _w.granted_by.label("waiver_by"), _w.reason.label("waiver_reason"),
                          _w.on.label("waiver_on"), _w.granted_by_ids.label("waiver_ids"),
                          _w.relations.label("waiver_relations"))
                   .outerjoin(tc.consents, _cs.courtship_id == _c.id)
                   .outerjoin(tc.waivers, _w.courtship_id == _c.id))
_COURTSHIP = _COURTSHIP_ROWS.where(_c.id == bindparam("cid"))
_BETWEEN = (_COURTSHIP_ROWS.where(_c.alpha_id == bindparam("alpha"),
                                  _c.omega_id == bindparam("omega")).order_by(_c.id))
_CONSENTS = (select(tc.consents).where(tc.consents.c.courtship_id == bindparam("cid"))
             .order_by(tc.consents.c.id))
_WAIVERS = (select(tc.waivers).where(tc.waivers.c.courtship_id == bindparam("cid"))
            .order_by(tc.waivers.c.id))
# Visits with their handlers joined on: a Visit's row once per handler (or once alone).
_VISIT_ROWS = (select(tc.visits, _vh.person_id.label("handler_id"), _vh.role.label("role"))
               .outerjoin(tc.visit_handlers, _vh.visit_id == _v.id))
_VISITS_OF = _VISIT_ROWS.where(_v.courtship_id == bindparam("cid")).order_by(_v.starts_at,
                                                                              _v.id)
_VISIT = _VISIT_ROWS.where(_v.id == bindparam("vid"))
_NEAR = (_VISIT_ROWS
         .where(_v.id.in_(select(_vh.visit_id).where(
             _vh.person_id.in_(bindparam("handlers", expanding=True)),
             _vh.role == "assigned")),
                _v.starts_at > bindparam("after"), _v.starts_at < bindparam("before"))
         .order_by(_v.starts_at, _v.id))


def _joined_visits(rows: Sequence[RowMapping]) -> list[Visit]:
    """Visits from rows of _VISIT_ROWS, in the rows' order."""
    first: dict[int, RowMapping] = {}
    handlers: list[dict[str, Any]] = []
    for r in rows:
        first.setdefault(r["id"], r)
        if r["handler_id"] is not None:
            handlers.append({"visit_id": r["id"], "person_id": r["handler_id"],
                             "role": r["role"]})
    return [visit_from_row(r, handlers) for r in first.values()]


def _courtship(r: Mapping[Any, Any], consents: list[Consent], visits: list[Visit],
               waivers: list[Waiver]) -> Courtship:
    return Courtship(
        id=r["id"], alpha_id=r["alpha_id"], omega_id=r["omega_id"], sponsor_id=r["sponsor_id"],
        proposed_on=r["proposed_on"], status=CourtshipStatus(r["status"]),
        ended_by=r["ended_by"], ended_on=r["ended_on"], end_reason=r["end_reason"],
        guardian_ack=r["guardian_ack"], consents=consents, visits=visits, waivers=waivers)


def courtship_from_rows(conn: Connection, r: RowMapping) -> Courtship:
    """A courtship from its row, reading its consents, Visits and waivers."""
    cid = r["id"]
    one = {"cid": cid}
    consents = conn.execute(_CONSENTS, one).mappings().all()
    waivers = conn.execute(_WAIVERS, one).mappings().all()
    return _courtship(
        r, [Consent(x["person_id"], x["stage"], x["given"], x["on"]) for x in consents],
        _joined_visits(conn.execute(_VISITS_OF, one).mappings().all()),
        [Waiver(w["id"], cid, w["custom"], w["granted_by"], w["reason"], w["on"],
                tuple(w["granted_by_ids"] or ()), tuple(w["relations"] or ()))
         for w in waivers])


def _joined_courtships(conn: Connection, rows: Sequence[RowMapping]) -> list[Courtship]:
    """Courtships from rows of _COURTSHIP_ROWS (in their order), reading their Visits."""
    first: dict[int, RowMapping] = {}
    consents: dict[int, dict[int, Consent]] = {}
    waivers: dict[int, dict[int, Waiver]] = {}
    for r in rows:
        cid = r["id"]
        first.setdefault(cid, r)
        if r["consent_id"] is not None:
            consents.setdefault(cid, {})[r["consent_id"]] = Consent(
                r["consent_by"], r["consent_stage"], r["consent_given"], r["consent_on"])
        if r["waiver_id"] is not None:
            waivers.setdefault(cid, {})[r["waiver_id"]] = Waiver(
                r["waiver_id"], cid, r["waiver_custom"], r["waiver_by"], r["waiver_reason"],
                r["waiver_on"], tuple(r["waiver_ids"] or ()), tuple(r["waiver_relations"] or ()))
    return [_courtship(r, [x for _, x in sorted(consents.get(cid, {}).items())],
                       _joined_visits(conn.execute(_VISITS_OF, {"cid": cid}).mappings().all()),
                       [w for _, w in sorted(waivers.get(cid, {}).items())])
            for cid, r in first.items()]


class SqlCourtships:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, courtship_id: int) -> Courtship:
        found = _joined_courtships(self.conn, self.conn.execute(
            _COURTSHIP, {"cid": courtship_id}).mappings().all())
        if not found:
            raise NotFound(f"no courtship #{courtship_id}", rule="courtship_exists")
        return found[0]

    def between(self, alpha_id: int, omega_id: int) -> list[Courtship]:
        return _joined_courtships(self.conn, self.conn.execute(
            _BETWEEN, {"alpha": alpha_id, "omega": omega_id}).mappings().all())

    def visit(self, visit_id: int) -> Visit:
        found = _joined_visits(self.conn.execute(_VISIT, {"vid": visit_id}).mappings().all())
        if not found:
            raise NotFound(f"no Visit #{visit_id}", rule="visit_exists")
        return found[0]

    def visits_of_handlers(self, handler_ids: Sequence[int], around: datetime) -> list[Visit]:
        if not handler_ids:
            return []
        return _joined_visits(self.conn.execute(_NEAR, {
            "handlers": list(handler_ids), "after": around - timedelta(days=1),
            "before": around + timedelta(days=1)}).mappings().all())

    def next_id(self) -> int:
        return next_id(self.conn, tc.courtships.c.id)

    def next_visit_id(self) -> int:
        return next_id(self.conn, tc.visits.c.id)

    def next_waiver_id(self) -> int:
        return next_id(self.conn, tc.waivers.c.id)


def bond_from_row(r: RowMapping) -> Bond:
    return Bond(r["id"], r["alpha_id"], r["omega_id"], r["courtship_id"], r["sealed_on"],
                r["household"], r["certificate_code"], r["dissolved_on"])


_b = tc.bonds.c
_BONDED = select(_b.alpha_id, _b.omega_id).where(
    or_(_b.alpha_id.in_(bindparam("ids", expanding=True)),
        _b.omega_id.in_(bindparam("ids2", expanding=True))),
    _b.sealed_on <= bindparam("on"),
    or_(_b.dissolved_on.is_(None), _b.dissolved_on > bindparam("on2")))
_BOND = select(tc.bonds).where(_b.id == bindparam("bid"))
_CEREMONY = select(tc.ceremonies).where(tc.ceremonies.c.id == bindparam("cid"))
_PETITION = select(tc.annulment_petitions).where(tc.annulment_petitions.c.id == bindparam("pid"))
_INCIDENT = select(tc.incidents).where(tc.incidents.c.id == bindparam("iid"))
_SECRET = select(tc.registry_settings.c.value).where(
    tc.registry_settings.c.key == "certificate_secret")
_NEW_SECRET = insert(tc.registry_settings)


class SqlBonds:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def bonded(self, person_ids: Sequence[int], on: date) -> list[int]:
        ids = list(person_ids)
        rows = self.conn.execute(_BONDED, {"ids": ids, "ids2": ids, "on": on, "on2": on}).all()
        return sorted({p for row in rows for p in row if p in person_ids})

    def get(self, bond_id: int) -> Bond:
        r = self.conn.execute(_BOND, {"bid": bond_id}).mappings().first()
        if r is None:
            raise NotFound(f"no bond #{bond_id}", rule="bond_exists")
        return bond_from_row(r)

    def ceremony(self, ceremony_id: int) -> Ceremony:
        r = self.conn.execute(_CEREMONY, {"cid": ceremony_id}).mappings().first()
        if r is None:
            raise NotFound(f"no ceremony #{ceremony_id}", rule="ceremony_exists")
        return Ceremony(r["id"], r["courtship_id"], r["officiant_id"], tuple(r["witnesses"]),
                        r["on"], r["status"], r["at"], r["place"])

    def petition(self, petition_id: int) -> Petition:
        r = self.conn.execute(_PETITION, {"pid": petition_id}).mappings().first()
        if r is None:
            raise NotFound(f"no annulment petition #{petition_id}", rule="petition_exists")
        return Petition(r["id"], r["bond_id"], r["petitioner_id"], r["grounds"], r["status"])

    def released_findings(self, petition_id: int) -> set[int]:
        """The findings released for this petition and not withdrawn."""
        pf = tc.petition_findings.c
        rows = self.conn.execute(select(pf.finding_id).where(
            pf.petition_id == petition_id, pf.withdrawn_on.is_(None))).all()
        return {int(r.finding_id) for r in rows}

    def incident(self, incident_id: int) -> Incident:
        r = self.conn.execute(_INCIDENT, {"iid": incident_id}).mappings().first()
        if r is None:
            raise NotFound(f"no incident #{incident_id}", rule="incident_exists")
        return incident_from_row(r)

    def next_ids(self) -> dict[str, int]:
        return {"bond": next_id(self.conn, tc.bonds.c.id),
                "ceremony": next_id(self.conn, tc.ceremonies.c.id),
                "petition": next_id(self.conn, tc.annulment_petitions.c.id),
                "incident": next_id(self.conn, tc.incidents.c.id)}

    def secret(self, fallback: str) -> str:
        row = self.conn.execute(_SECRET).first()
        if row is not None:
            return str(row[0])
        self.conn.execute(_NEW_SECRET, {"key": "certificate_secret", "value": fallback})
        return fallback
