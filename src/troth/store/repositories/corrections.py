"""Corrections inside a unit of work: requests, and what a corrected fact must stay true to
(the person's children, bonds, marriages and guardianships held)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, or_, select

from troth.domain.correction import Correction
from troth.domain.correction_rules import Standing
from troth.domain.errors import NotFound
from troth.store import tables as t
from troth.store.ids import next_id
from troth.store.tables import courtship as tc
from troth.store.tables import marriage as tm

_c = t.corrections.c
_GET = select(t.corrections).where(_c.id == bindparam("cid"))
_PENDING = select(_c.field).where(_c.person_id == bindparam("pid"), _c.state == "pending")
_CHILDREN = (select(t.people.c.id, t.people.c.born)
             .join(t.person_parents, t.person_parents.c.child_id == t.people.c.id)
             .where(t.person_parents.c.parent_id == bindparam("pid")))
_b = tc.bonds.c
_BONDS = select(_b.sealed_on).where(or_(_b.alpha_id == bindparam("pid"),
                                        _b.omega_id == bindparam("pid2")))
_k = tc.courtships.c
_COURTING = select(_k.id).where(or_(_k.alpha_id == bindparam("pid"),
                                    _k.omega_id == bindparam("pid2")),
                                _k.status.in_(("proposed", "open")))
_IN_FORCE = select(_b.id).where(or_(_b.alpha_id == bindparam("pid"),
                                    _b.omega_id == bindparam("pid2")),
                                _b.dissolved_on.is_(None))
_w = tm.marriages.c
_MARRYING = select(_w.id).where(or_(_w.spouse1_id == bindparam("pid"),
                                    _w.spouse2_id == bindparam("pid2")),
                                _w.status.in_(("intended", "solemnised")))
_GUARDING = select(t.guardianships.c.start).where(
    t.guardianships.c.guardian_id == bindparam("pid"))


def correction_from_row(r: Mapping[Any, Any]) -> Correction:
    return Correction(id=r["id"], person_id=r["person_id"], field=r["field"], old=r["old"],
                      new=r["new"], evidence=r["evidence"],
                      court_order_ref=r["court_order_ref"], requested_by=r["requested_by"],
                      requested_on=r["requested_on"], state=r["state"],
                      decided_by=r["decided_by"], decided_on=r["decided_on"],
                      reason=r["reason"])


class SqlCorrections:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, correction_id: int) -> Correction:
        row = self.conn.execute(_GET, {"cid": correction_id}).mappings().first()
        if row is None:
            raise NotFound(f"no correction #{correction_id}", rule="correction_exists")
        return correction_from_row(row)

    def pending_fields(self, person_id: int) -> list[str]:
        return sorted(str(r.field) for r in self.conn.execute(_PENDING, {"pid": person_id}))

    def standing(self, person_id: int) -> Standing:
        children = tuple(sorted((int(r.id), r.born) for r in
                                self.conn.execute(_CHILDREN, {"pid": person_id})))
        bonds = tuple(sorted(r.sealed_on for r in
                             self.conn.execute(_BONDS, {"pid": person_id, "pid2": person_id})))
        guarding = tuple(sorted(r.start for r in self.conn.execute(_GUARDING,
                                                                   {"pid": person_id})))
        both = {"pid": person_id, "pid2": person_id}
        engaged = tuple([f"courtship #{r.id}" for r in self.conn.execute(_COURTING, both)]
                        + [f"bond #{r.id}" for r in self.conn.execute(_IN_FORCE, both)]
                        + [f"marriage #{r.id}" for r in self.conn.execute(_MARRYING, both)])
        return Standing(children, bonds, guarding, engaged)

    def next_id(self) -> int:
        return next_id(self.conn, _c.id)
