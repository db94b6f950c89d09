"""Read queries for dashboards and record pages.

Dashboards ask "what needs me now?" from many angles (a handler's week, an officiant's
ceremonies, the registrar's pending petitions); these are small SQLAlchemy Core queries
on the courtship tables, read-only (on the server: its pooled readers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from troth.domain.bonding import Ceremony
from troth.domain.courtship import Courtship, Visit
from troth.domain.guardianship import Guardianship
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.courtship import courtship_from_rows, load_visits
from troth.store.repositories.people import guardianship_from_row, load_people
from troth.store.tables import courtship as tc


def ceremony_from_row(r: Any) -> Ceremony:
    return Ceremony(r["id"], r["courtship_id"], r["officiant_id"], tuple(r["witnesses"]),
                    r["on"], r["status"], r["at"], r["place"])


@dataclass
class DashboardReads:
    engines: Engines

    def _conn(self) -> Connection:
        return self.engines.reader.connect()

    def names(self, ids: Iterable[int | None]) -> dict[int, str]:
        clean = sorted({i for i in ids if i is not None})
        if not clean:
            return {}
        with self._conn() as conn:
            return {pid: p.legal_name for pid, p in load_people(conn, clean).items()}

    # --- Visits ----------------------------------------------------------------------

    def visit(self, visit_id: int) -> Visit | None:
        with self._conn() as conn:
            found = load_visits(conn, tc.visits.c.id == visit_id)
        return found[0] if found else None

    def visits_of_handler(self, person_id: int, start: datetime, end: datetime) -> list[Visit]:
        vh = tc.visit_handlers
        mine = select(vh.c.visit_id).where(vh.c.person_id == person_id, vh.c.role == "assigned")
        v = tc.visits.c
        with self._conn() as conn:
            return load_visits(conn, and_(v.id.in_(mine), v.starts_at >= start,
                                          v.starts_at < end))

    def unreported_visits_of_handler(self, person_id: int, before: datetime) -> list[Visit]:
        vh = tc.visit_handlers
        mine = select(vh.c.visit_id).where(vh.c.person_id == person_id, vh.c.role == "assigned")
        v = tc.visits.c
        with self._conn() as conn:
            return load_visits(conn, and_(v.id.in_(mine), v.starts_at < before,
                                          v.status == "scheduled"))

    def visits_of_courtships(self, ids: list[int], start: datetime, end: datetime
                             ) -> list[Visit]:
        if not ids:
            return []
        v = tc.visits.c
        with self._conn() as conn:
            return load_visits(conn, and_(v.courtship_id.in_(ids), v.starts_at >= start,
                                          v.starts_at < end))

    # --- courtships, ceremonies, bonds -----------------------------------------------

    def courtships(self, ids: list[int]) -> list[Courtship]:
        if not ids:
            return []
        c = tc.courtships
        with self._conn() as conn:
            rows = conn.execute(select(c).where(c.c.id.in_(ids)).order_by(c.c.id.desc())
                                ).mappings().all()
            return [courtship_from_rows(conn, r) for r in rows]

    def ceremonies(self, *, courtship_id: int | None = None, officiant_id: int | None = None,
                   status: str | None = None) -> list[Ceremony]:
        c = tc.ceremonies
        q = select(c).order_by(c.c.on.desc(), c.c.id.desc())
        if courtship_id is not None:
            q = q.where(c.c.courtship_id == courtship_id)
        if officiant_id is not None:
            q = q.where(c.c.officiant_id == officiant_id)
        if status is not None:
            q = q.where(c.c.status == status)
        with self._conn() as conn:
            return [ceremony_from_row(r) for r in conn.execute(q).mappings().all()]

    def ceremony(self, ceremony_id: int) -> Ceremony | None:
        c = tc.ceremonies
        with self._conn() as conn:
            r = conn.execute(select(c).where(c.c.id == ceremony_id)).mappings().first()
        return None if r is None else ceremony_from_row(r)

    def bond_of_ceremony(self, ceremony_id: int) -> int | None:
        b = tc.bonds
        with self._conn() as conn:
            r = conn.execute(select(b.c.id).where(b.c.ceremony_id == ceremony_id)).first()
        return None if r is None else int(r[0])

    def petitions(self, *, bond_id: int | None = None, status: str | None = None
                  ) -> list[dict[str, Any]]:
        p = tc.annulment_petitions
        q = select(p).order_by(p.c.filed_on, p.c.id)
        if bond_id is not None:
            q = q.where(p.c.bond_id == bond_id)
        if status is not None:
            q = q.where(p.c.status == status)
        with self._conn() as conn:
            return [_no_finding(r) for r in conn.execute(q).mappings().all()]

    def petition(self, petition_id: int) -> dict[str, Any] | None:
        p = tc.annulment_petitions
        with self._conn() as conn:
            r = conn.execute(select(p).where(p.c.id == petition_id)).mappings().first()
        return None if r is None else _no_finding(r)

    # --- incidents and guardianships -------------------------------------------------

    def incident(self, incident_id: int) -> dict[str, Any] | None:
        i = tc.incidents
        with self._conn() as conn:
            r = conn.execute(select(i).where(i.c.id == incident_id)).mappings().first()
        return None if r is None else dict(r)

    def incidents(self, *, guardianship_id: int | None = None, visit_ids: list[int] | None = None
                  ) -> list[dict[str, Any]]:
        i = tc.incidents
        conds = []
        if guardianship_id is not None:
            conds.append(i.c.guardianship_id == guardianship_id)
        if visit_ids:
            conds.append(i.c.visit_id.in_(visit_ids))
        if not conds:
            return []
        with self._conn() as conn:
            rows = conn.execute(select(i).where(or_(*conds)).order_by(i.c.on.desc(),
                                                                       i.c.id.desc()))
            return [dict(r) for r in rows.mappings().all()]

    def guardianship(self, guardianship_id: int) -> Guardianship | None:
        g = t.guardianships
        with self._conn() as conn:
            r = conn.execute(select(g).where(g.c.id == guardianship_id)).mappings().first()
        return None if r is None else guardianship_from_row(r)

    def wards_of(self, guardian_id: int, on: date) -> list[Guardianship]:
        g = t.guardianships
        with self._conn() as conn:
            rows = conn.execute(select(g).where(
                g.c.guardian_id == guardian_id, g.c.start <= on,
                or_(g.c.end.is_(None), g.c.end > on)).order_by(g.c.start)).mappings().all()
        return [guardianship_from_row(r) for r in rows]

    def courtship_ids_of(self, person_ids: list[int]) -> list[int]:
        if not person_ids:
            return []
        c = tc.courtships.c
        with self._conn() as conn:
            rows = conn.execute(select(c.id).where(or_(
                c.alpha_id.in_(person_ids), c.omega_id.in_(person_ids))).order_by(c.id.desc()))
            return [int(r[0]) for r in rows]


def _no_finding(row: Any) -> dict[str, Any]:
    """A petition without a finding's text or physician (once copied into petitions;
    released findings are read from their owner's file: Lookups.petition)."""
    return {**row, "finding": "", "physician_id": None}
