"""Marriages and petitions to dissolve them, inside a unit of work."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, bindparam, or_, select

from troth.domain.errors import NotFound
from troth.domain.marriage import DissolutionPetition, Marriage
from troth.store import tables as t
from troth.store.ids import next_id
from troth.store.tables import marriage as tm

_m, _p = tm.marriages.c, tm.marriage_petitions.c
_GET = select(tm.marriages).where(_m.id == bindparam("mid"))
_BETWEEN = select(tm.marriages).where(
    or_(and_(_m.spouse1_id == bindparam("a"), _m.spouse2_id == bindparam("b")),
        and_(_m.spouse1_id == bindparam("b2"), _m.spouse2_id == bindparam("a2"))),
    _m.status == "intended")
_NOTICES = select(tm.marriages).where(
    or_(_m.spouse1_id.in_(bindparam("ids", expanding=True)),
        _m.spouse2_id.in_(bindparam("ids2", expanding=True))),
    _m.status == "intended").order_by(_m.id)
_s1, _s2 = t.people.alias("s1"), t.people.alias("s2")
# In force on a day: solemnised by then, not dissolved by then, and both spouses living.
_MARRIED = (select(_m.spouse1_id, _m.spouse2_id)
            .join(_s1, _s1.c.id == _m.spouse1_id).join(_s2, _s2.c.id == _m.spouse2_id)
            .where(or_(_m.spouse1_id.in_(bindparam("ids", expanding=True)),
                       _m.spouse2_id.in_(bindparam("ids2", expanding=True))),
                   _m.solemnised_on <= bindparam("on"),
                   or_(_m.dissolved_on.is_(None), _m.dissolved_on > bindparam("on2")),
                   or_(_s1.c.died.is_(None), _s1.c.died > bindparam("on3")),
                   or_(_s2.c.died.is_(None), _s2.c.died > bindparam("on4"))))
_PETITION = select(tm.marriage_petitions).where(_p.id == bindparam("pid"))
_OPEN = select(_p.id).where(_p.marriage_id == bindparam("mid"), _p.status == "filed")


def marriage_from_row(r: Mapping[Any, Any]) -> Marriage:
    consents = {r["spouse1_id"]: r["spouse1_consent_on"], r["spouse2_id"]: r["spouse2_consent_on"]}
    return Marriage(id=r["id"], spouse1_id=r["spouse1_id"], spouse2_id=r["spouse2_id"],
                    consents={k: v for k, v in consents.items() if v is not None},
                    status=r["status"], officiant_id=r["officiant_id"],
                    witnesses=tuple(r["witnesses"] or ()), solemnised_on=r["solemnised_on"],
                    certificate_code=r["certificate_code"], dissolved_on=r["dissolved_on"])


def petition_from_row(r: Mapping[Any, Any]) -> DissolutionPetition:
    return DissolutionPetition(id=r["id"], marriage_id=r["marriage_id"],
                               petitioner_id=r["petitioner_id"], grounds=r["grounds"],
                               evidence=r["evidence"], filed_on=r["filed_on"],
                               status=r["status"], decided_on=r["decided_on"],
                               reasons=r["reasons"])


def married_among(conn: Connection, person_ids: Sequence[int], on: date) -> list[int]:
    ids = list(person_ids)
    rows = conn.execute(_MARRIED, {"ids": ids, "ids2": ids, "on": on, "on2": on, "on3": on,
                                   "on4": on}).all()
    return sorted({p for row in rows for p in row if p in ids})


class SqlMarriages:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, marriage_id: int) -> Marriage:
        r = self.conn.execute(_GET, {"mid": marriage_id}).mappings().first()
        if r is None:
            raise NotFound(f"no marriage #{marriage_id}", rule="marriage_exists")
        return marriage_from_row(r)

    def intended_between(self, a: int, b: int) -> Marriage | None:
        r = self.conn.execute(_BETWEEN, {"a": a, "b": b, "a2": a, "b2": b}).mappings().first()
        return None if r is None else marriage_from_row(r)

    def notices(self, person_ids: Sequence[int]) -> list[Marriage]:
        ids = list(person_ids)
        return [marriage_from_row(r) for r in
                self.conn.execute(_NOTICES, {"ids": ids, "ids2": ids}).mappings()]

    def married(self, person_ids: Sequence[int], on: date) -> list[int]:
        return married_among(self.conn, person_ids, on)

    def petition(self, petition_id: int) -> DissolutionPetition:
        r = self.conn.execute(_PETITION, {"pid": petition_id}).mappings().first()
        if r is None:
            raise NotFound(f"no petition #{petition_id} to dissolve a marriage",
                           rule="petition_exists")
        return petition_from_row(r)

    def open_petitions(self, marriage_id: int) -> list[int]:
        return [int(r[0]) for r in self.conn.execute(_OPEN, {"mid": marriage_id})]

    def next_ids(self) -> dict[str, int]:
        return {"marriage": next_id(self.conn, _m.id),
                "petition": next_id(self.conn, _p.id)}
