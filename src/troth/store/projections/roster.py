"""Projections of rostering events: residences, requests, handlers, rosters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, insert, update

from troth.domain import rostering_events as ro
from troth.store.tables import roster as tr


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


def residence_recorded(conn: Connection, e: ro.ResidenceRecorded, _seq: int) -> None:
    conn.execute(delete(tr.residences).where(tr.residences.c.person_id == e.person_id))
    conn.execute(insert(tr.residences).values(person_id=e.person_id, address=e.address,
                                              district=e.district, lat=e.lat, lon=e.lon,
                                              since=e.on))


def visit_requested(conn: Connection, e: ro.VisitRequested, _seq: int) -> None:
    conn.execute(insert(tr.visit_requests).values(
        id=e.request_id, courtship_id=e.courtship_id, kind=e.visit_kind, week=e.week,
        windows=[list(w) for w in e.windows], place=e.place, district=e.district, lat=e.lat,
        lon=e.lon, at_omega_residence=e.at_omega_residence, required=e.required,
        withdrawn=False, visit_id=None, requested_on=e.on, note=""))


def visit_request_withdrawn(conn: Connection, e: ro.VisitRequestWithdrawn, _seq: int) -> None:
    conn.execute(update(tr.visit_requests).where(tr.visit_requests.c.id == e.request_id)
                 .values(withdrawn=True, note=e.reason))


def handler_registered(conn: Connection, e: ro.HandlerRegistered, _seq: int) -> None:
    conn.execute(insert(tr.handler_profiles).values(
        id=e.handler_id, person_id=e.person_id, district=e.district, lat=e.lat, lon=e.lon,
        weekly_cap=e.weekly_cap, active=True, since=e.on))


def handler_availability_recorded(conn: Connection, e: ro.HandlerAvailabilityRecorded,
                                  _seq: int) -> None:
    conn.execute(insert(tr.handler_availability), [
        {"handler_id": e.handler_id, "starts_at": _dt(s), "ends_at": _dt(t)}
        for s, t in e.windows])


def unavailability_recorded(conn: Connection, e: ro.UnavailabilityRecorded, _seq: int) -> None:
    conn.execute(insert(tr.unavailability).values(
        person_id=e.person_id, starts_at=_dt(e.starts_at), ends_at=_dt(e.ends_at),
        reason=e.reason, on=e.on))


def roster_proposed(conn: Connection, e: ro.RosterProposed, seq: int) -> None:
    conn.execute(insert(tr.rosters).values(
        id=e.roster_id, week=e.week, district=e.district, method=e.method,
        required=e.required, placed=len(e.placements), bound=e.bound, seconds=e.seconds,
        proposed_on=e.on, unplaced=[list(u) for u in e.unplaced],
        released=[list(u) for u in e.released], ledger_seq=seq))
    if e.placements:
        conn.execute(insert(tr.roster_placements), [
            {"roster_id": e.roster_id, "request_id": r, "starts_at": _dt(s), "ends_at": _dt(t),
             "handler_ids": list(hs), "window_index": w}
            for r, s, t, hs, w in e.placements])


def roster_placement_accepted(conn: Connection, e: ro.RosterPlacementAccepted, _seq: int) -> None:
    conn.execute(update(tr.visit_requests).where(tr.visit_requests.c.id == e.request_id)
                 .values(visit_id=e.visit_id))
