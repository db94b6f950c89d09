"""Read queries for rostering: one week's planning inputs, rosters, requests, handlers."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, or_, select

from troth.domain.courtship import DURATION_MINUTES, VisitKind
from troth.domain.rostering import (
    HandlerProfile,
    Parties,
    RosterRecord,
    Span,
    VisitRequestRecord,
    WeekInputs,
    check_week,
)
from troth.store import tables as t
from troth.store.engine import Engines
from troth.store.repositories.roster import (
    SqlRostering,
    handlers_where,
    requests_where,
    roster_from_rows,
)
from troth.store.tables import courtship as tc
from troth.store.tables import roster as tr


def week_span(week: str) -> Span:
    year, num = check_week(week).split("-W")
    monday = datetime.fromisocalendar(int(year), int(num), 1)
    return monday, monday + timedelta(days=7)


class RosterReads:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def requests(self, week: str, district: str = "") -> list[VisitRequestRecord]:
        vr = tr.visit_requests.c
        where = and_(vr.week == check_week(week), *([vr.district == district] if district else []))
        with self.engines.reader.connect() as conn:
            return requests_where(conn, where)

    def handlers(self, district: str = "") -> list[HandlerProfile]:
        hp = tr.handler_profiles.c
        with self.engines.reader.connect() as conn:
            return handlers_where(conn, and_(hp.active.is_(True),
                                             *([hp.district == district] if district else [])))

    def request(self, request_id: int) -> VisitRequestRecord:
        with self.engines.reader.connect() as conn:
            return SqlRostering(conn).request(request_id)

    def availability(self, week: str, district: str = "") -> dict[int, tuple[Span, ...]]:
        start, end = week_span(week)
        ids = [h.id for h in self.handlers(district)]
        with self.engines.reader.connect() as conn:
            return _availability(conn, ids, start, end)

    def unavailability(self, week: str) -> dict[int, tuple[Span, ...]]:
        start, end = week_span(week)
        with self.engines.reader.connect() as conn:
            return _unavailability(conn, start, end)

    def roster(self, roster_id: int) -> RosterRecord:
        with self.engines.reader.connect() as conn:
            return SqlRostering(conn).roster(roster_id)

    def latest_roster(self, week: str, district: str = "") -> RosterRecord | None:
        c = tr.rosters.c
        with self.engines.reader.connect() as conn:
            row = conn.execute(select(tr.rosters).where(c.week == check_week(week),
                                                        c.district == district)
                               .order_by(c.id.desc()).limit(1)).mappings().first()
            return None if row is None else roster_from_rows(conn, row)

    def week_inputs(self, week: str, district: str = "") -> WeekInputs:
        """The open and scheduled requests of the week's open courtships, the handlers on
        the list with their availability, everyone's unavailability and other Visits, and
        the handlers' kin."""
        week = check_week(week)
        requests = [q for q in self.requests(week, district) if q.status != "withdrawn"]
        handlers = self.handlers(district)
        start, end = week_span(week)
        with self.engines.reader.connect() as conn:
            parties = _parties(conn, sorted({q.courtship_id for q in requests}))
            requests = [q for q in requests if q.courtship_id in parties]
            available = _availability(conn, [h.id for h in handlers], start, end)
            kin = _kin(conn, [h.person_id for h in handlers])
            visits, busy = _visits(conn, requests, start, end)
            for person, spans in _unavailability(conn, start, end).items():
                busy[person] = busy.get(person, ()) + spans
        return WeekInputs(week, district, tuple(requests), parties, tuple(handlers), available,
                          busy, kin, visits)


def _parties(conn: Connection, courtship_ids: list[int]) -> dict[int, Parties]:
    if not courtship_ids:
        return {}
    c, g = tc.courtships.c, t.guardianships.c
    rows = conn.execute(select(c.id, c.alpha_id, c.omega_id, c.proposed_on)
                        .where(c.id.in_(courtship_ids), c.status == "open")).all()
    guardians = dict(conn.execute(select(g.ward_id, g.guardian_id).where(
        g.ward_id.in_([r.omega_id for r in rows]), g.end.is_(None))).all())
    return {r.id: Parties(r.id, r.alpha_id, r.omega_id, guardians.get(r.omega_id),
                          r.proposed_on) for r in rows}


def _availability(conn: Connection, ids: list[int], start: datetime, end: datetime
                  ) -> dict[int, tuple[Span, ...]]:
    ha = tr.handler_availability.c
    out: dict[int, list[Span]] = defaultdict(list)
    if ids:
        for r in conn.execute(select(ha.handler_id, ha.starts_at, ha.ends_at).where(
                ha.handler_id.in_(ids), ha.starts_at < end, ha.ends_at > start)
                .order_by(ha.starts_at)):
            out[r.handler_id].append((r.starts_at, r.ends_at))
    return {h: tuple(spans) for h, spans in out.items()}


def _unavailability(conn: Connection, start: datetime, end: datetime
                    ) -> dict[int, tuple[Span, ...]]:
    u = tr.unavailability.c
    out: dict[int, list[Span]] = defaultdict(list)
    for r in conn.execute(select(u.person_id, u.starts_at, u.ends_at).where(
            u.starts_at < end, u.ends_at > start)):
        out[r.person_id].append((r.starts_at, r.ends_at))
    return {p: tuple(spans) for p, spans in out.items()}


def _kin(conn: Connection, persons: list[int]) -> dict[int, frozenset[int]]:
    """Parents, children and siblings of each person (as the Visit rules judge kin)."""
    if not persons:
        return {}
    pp = t.person_parents.c
    links = conn.execute(select(pp.child_id, pp.parent_id).where(
        or_(pp.child_id.in_(persons), pp.parent_id.in_(persons)))).all()
    parents: dict[int, set[int]] = defaultdict(set)
    for child, parent in links:
        parents[child].add(parent)
    grand = sorted({p for x in persons for p in parents.get(x, ())})
    siblings: dict[int, set[int]] = defaultdict(set)
    if grand:
        for child, parent in conn.execute(select(pp.child_id, pp.parent_id)
                                          .where(pp.parent_id.in_(grand))).all():
            siblings[parent].add(child)
    out = {}
    for x in persons:
        kin = set(parents.get(x, ())) | {c for c, p in links if p == x}
        kin |= {s for p in parents.get(x, ()) for s in siblings[p]}
        out[x] = frozenset(kin - {x})
    return out


def _visits(conn: Connection, requests: list[VisitRequestRecord], start: datetime,
            end: datetime) -> tuple[dict[int, tuple[datetime, tuple[int, ...]]],
                                    dict[int, tuple[Span, ...]]]:
    """Scheduled requests' Visits, and every other Visit near the week (not cancelled) as
    busy time for its parties and handlers."""
    v, vh, c = tc.visits.c, tc.visit_handlers.c, tc.courtships.c
    rows = conn.execute(select(v.id, v.kind, v.starts_at, c.alpha_id, c.omega_id)
                        .join(tc.courtships, c.id == v.courtship_id).where(
        v.status != "cancelled", v.starts_at < end, v.starts_at > start - timedelta(days=1))
    ).all()
    staff: dict[int, list[int]] = defaultdict(list)
    if rows:
        for vid, person in conn.execute(select(vh.visit_id, vh.person_id).where(
                vh.visit_id.in_([r.id for r in rows]), vh.role == "assigned")).all():
            staff[vid].append(person)
    of_request = {q.visit_id: q.id for q in requests if q.visit_id is not None}
    visits: dict[int, tuple[datetime, tuple[int, ...]]] = {}
    busy: dict[int, tuple[Span, ...]] = {}
    for r in rows:
        hs = tuple(sorted(staff[r.id]))
        if r.id in of_request:
            visits[of_request[r.id]] = (r.starts_at, hs)
            continue
        span = (r.starts_at, r.starts_at + timedelta(minutes=DURATION_MINUTES[VisitKind(r.kind)]))
        for person in (r.alpha_id, r.omega_id, *hs):
            busy[person] = (*busy.get(person, ()), span)
    return visits, busy
