"""An independent check of a roster against every hard rule.

Written from the dataclasses and datetimes alone — none of the solver's arrays, grids or
caches — so that tests can hold the solver to the rules rather than to itself.
Returns one sentence per violation; an empty list means the roster is lawful.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from troth.schedule.model import Customs, Handler, Place, Placement, Problem, Roster, VisitRequest


def _km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def _overlap(a0: datetime, a1: datetime, b0: datetime, b1: datetime) -> bool:
    return a0 < b1 and b0 < a1


def _fits_window(req: VisitRequest, p: Placement) -> bool:
    return p.end - p.start == timedelta(minutes=req.duration_minutes) and any(
        w.start <= p.start and p.end <= w.end for w in req.windows
    )


def _placement_rules(req: VisitRequest, p: Placement, hands: dict[int, Handler],
                     customs: Customs) -> Iterable[str]:
    tag = f"request {req.id}"
    if not _fits_window(req, p):
        yield f"{tag}: placed outside its acceptable windows"
    need = customs.handlers_needed(req)
    if len(set(p.handler_ids)) != need or len(p.handler_ids) != need:
        yield f"{tag}: {len(p.handler_ids)} handlers, the customs need {need}"
    for u in req.unavailable:
        if _overlap(p.start, p.end, u.window.start, u.window.end):
            yield f"{tag}: person {u.person_id} is unavailable then"
    for hid in p.handler_ids:
        h = hands.get(hid)
        if h is None:
            yield f"{tag}: unknown handler {hid}"
            continue
        if not any(w.start <= p.start and p.end <= w.end for w in h.available):
            yield f"{tag}: handler {hid} is not available then"
        if {h.person_id} & set(req.persons) or (h.kin | h.excluded) & set(req.persons):
            yield f"{tag}: handler {hid} is a party, the guardian, kin or excluded"
        if _km(h.home, req.place) > customs.max_handler_km + 1e-9:
            yield f"{tag}: handler {hid} lives beyond {customs.max_handler_km:g} km"


def _evening(p: Placement, customs: Customs) -> bool:
    midnight = datetime.combine(p.start.date(), datetime.min.time())
    return (p.end - midnight) > timedelta(minutes=customs.evening_ends_after_minute)


def _morning(p: Placement, customs: Customs) -> bool:
    return p.start.hour * 60 + p.start.minute < customs.morning_starts_before_minute


def _handler_rules(hid: int, duties: list[tuple[Placement, VisitRequest]],
                   cap: int, customs: Customs) -> Iterable[str]:
    if len(duties) > cap:
        yield f"handler {hid}: {len(duties)} Visits exceed the weekly cap of {cap}"
    duties = sorted(duties, key=lambda d: d[0].start)
    for i, (a, ra) in enumerate(duties):
        for b, rb in duties[i + 1:]:
            if _overlap(a.start, a.end, b.start, b.end):
                yield f"handler {hid}: requests {ra.id} and {rb.id} overlap"
                continue
            gap = (b.start - a.end).total_seconds() / 60
            if gap < customs.travel_minutes(_km(ra.place, rb.place)):
                yield f"handler {hid}: no time to travel from request {ra.id} to {rb.id}"
            if (_evening(a, customs) and _morning(b, customs)
                    and b.start.date() == a.start.date() + timedelta(days=1)
                    and gap < customs.rest_minutes):
                yield f"handler {hid}: too little rest between requests {ra.id} and {rb.id}"


def violations(roster: Roster, problem: Problem,
               keep: Iterable[Placement] = ()) -> list[str]:
    reqs = {r.id: r for r in problem.requests}
    hands = {h.id: h for h in problem.handlers}
    out: list[str] = []
    seen: set[int] = set()
    by_handler: dict[int, list[tuple[Placement, VisitRequest]]] = defaultdict(list)
    by_person: dict[int, list[tuple[Placement, int]]] = defaultdict(list)
    for p in roster.placements:
        req = reqs.get(p.request_id)
        if req is None or p.request_id in seen:
            out.append(f"request {p.request_id}: unknown or placed twice")
            continue
        seen.add(p.request_id)
        out.extend(_placement_rules(req, p, hands, problem.customs))
        for hid in p.handler_ids:
            by_handler[hid].append((p, req))
            if hid in hands:
                by_person[hands[hid].person_id].append((p, req.id))
        for person in req.persons:
            by_person[person].append((p, req.id))
    for hid, duties in by_handler.items():
        cap = hands[hid].weekly_cap if hid in hands else 0
        out.extend(_handler_rules(hid, duties, cap, problem.customs))
    for person, visits in by_person.items():
        for i, (a, ra) in enumerate(visits):
            out.extend(f"person {person}: requests {ra} and {rb} at once"
                       for b, rb in visits[i + 1:]
                       if rb != ra and _overlap(a.start, a.end, b.start, b.end))
    placed = {p.request_id: p for p in roster.placements}
    for k in keep:
        if placed.get(k.request_id) != k:
            out.append(f"request {k.request_id}: accepted placement was not kept")
    return out
