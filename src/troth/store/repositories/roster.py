"""Rostering records from the tables, inside a unit of work or a read connection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, func, select

from troth.domain.errors import NotFound
from troth.domain.rostering import (
    HandlerProfile,
    Left,
    PlannedVisit,
    Residence,
    RosterRecord,
    VisitRequestRecord,
)
from troth.store import tables as t
from troth.store.ids import next_id
from troth.store.tables import courtship as tc
from troth.store.tables import roster as tr


def _status(r: RowMapping) -> str:
    if r["withdrawn"]:
        return "withdrawn"
    live = r["visit_id"] is not None and r["visit_status"] not in (None, "cancelled")
    return "scheduled" if live else "open"


def request_from_row(r: RowMapping) -> VisitRequestRecord:
    live = _status(r) == "scheduled"
    return VisitRequestRecord(
        id=r["id"], courtship_id=r["courtship_id"], kind=r["kind"], week=r["week"],
        windows=tuple((datetime.fromisoformat(a), datetime.fromisoformat(b))
                      for a, b in r["windows"]),
        place=r["place"], district=r["district"], lat=r["lat"], lon=r["lon"],
        at_omega_residence=r["at_omega_residence"], required=r["required"], status=_status(r),
        visit_id=r["visit_id"] if live else None, requested_on=r["requested_on"])


def requests_where(conn: Connection, where: Any) -> list[VisitRequestRecord]:
    vr = tr.visit_requests
    q = (select(vr, tc.visits.c.status.label("visit_status"))
         .outerjoin(tc.visits, tc.visits.c.id == vr.c.visit_id).where(where).order_by(vr.c.id))
    return [request_from_row(r) for r in conn.execute(q).mappings().all()]


def handlers_where(conn: Connection, where: Any) -> list[HandlerProfile]:
    hp = tr.handler_profiles
    q = (select(hp, t.people.c.legal_name).join(t.people, t.people.c.id == hp.c.person_id)
         .where(where).order_by(hp.c.id))
    return [HandlerProfile(r["id"], r["person_id"], r["legal_name"], r["district"], r["lat"],
                           r["lon"], r["weekly_cap"], r["active"])
            for r in conn.execute(q).mappings().all()]


def roster_from_rows(conn: Connection, r: RowMapping) -> RosterRecord:
    rp = tr.roster_placements
    rows = conn.execute(select(rp).where(rp.c.roster_id == r["id"])
                        .order_by(rp.c.starts_at, rp.c.request_id)).mappings().all()
    placements = tuple(PlannedVisit(p["request_id"], p["starts_at"], p["ends_at"],
                                    tuple(p["handler_ids"]), p["window_index"]) for p in rows)
    ids = [p.request_id for p in placements]
    vr = tr.visit_requests
    accepted = frozenset(q.id for q in requests_where(conn, vr.c.id.in_(ids))
                         if q.status == "scheduled") if ids else frozenset()
    return RosterRecord(
        id=r["id"], week=r["week"], district=r["district"], method=r["method"],
        required=r["required"], placed=r["placed"], bound=r["bound"], seconds=r["seconds"],
        proposed_on=r["proposed_on"], placements=placements,
        unplaced=tuple(Left(int(a), b, c) for a, b, c in r["unplaced"]),
        released=tuple(Left(int(a), b, c) for a, b, c in r["released"]), accepted=accepted)


class SqlRostering:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def residence(self, person_id: int) -> Residence | None:
        r = self.conn.execute(select(tr.residences).where(
            tr.residences.c.person_id == person_id)).mappings().first()
        return None if r is None else Residence(r["person_id"], r["address"], r["district"],
                                                r["lat"], r["lon"])

    def request(self, request_id: int) -> VisitRequestRecord:
        found = requests_where(self.conn, tr.visit_requests.c.id == request_id)
        if not found:
            raise NotFound(f"no Visit request #{request_id}", rule="request_exists")
        return found[0]

    def requests(self, ids: Sequence[int]) -> dict[int, VisitRequestRecord]:
        if not ids:
            return {}
        return {q.id: q for q in requests_where(self.conn, tr.visit_requests.c.id.in_(ids))}

    def handler(self, handler_id: int) -> HandlerProfile:
        found = handlers_where(self.conn, tr.handler_profiles.c.id == handler_id)
        if not found:
            raise NotFound(f"no handler #{handler_id} on the list", rule="handler_exists")
        return found[0]

    def handler_of_person(self, person_id: int) -> HandlerProfile | None:
        found = handlers_where(self.conn, tr.handler_profiles.c.person_id == person_id)
        return found[0] if found else None

    def active_handlers(self, ids: Sequence[int]) -> dict[int, HandlerProfile]:
        hp = tr.handler_profiles.c
        if not ids:
            return {}
        return {h.id: h for h in handlers_where(self.conn, hp.id.in_(ids)) if h.active}

    def roster(self, roster_id: int) -> RosterRecord:
        r = self.conn.execute(select(tr.rosters).where(tr.rosters.c.id == roster_id)
                              ).mappings().first()
        if r is None:
            raise NotFound(f"no roster #{roster_id}", rule="roster_exists")
        return roster_from_rows(self.conn, r)

    def latest_roster_id(self, week: str, district: str) -> int:
        c = tr.rosters.c
        found = self.conn.execute(select(func.max(c.id)).where(
            c.week == week, c.district == district)).scalar_one()
        return int(found or 0)

    def next_ids(self) -> dict[str, int]:
        return {"request": next_id(self.conn, tr.visit_requests.c.id),
                "handler": next_id(self.conn, tr.handler_profiles.c.id),
                "roster": next_id(self.conn, tr.rosters.c.id)}
