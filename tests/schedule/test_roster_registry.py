"""Rostering on the registry (SQLite and PostgreSQL): requests and handlers recorded, a roster
planned and recorded, accepted as ordinary Visits, and re-planned after a change."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.registry.helpers import add
from tests.schedule.registry_world import MONDAY, WEEK, Office
from troth.cli.roster_registry import reads
from troth.domain import commands as c
from troth.domain import rostering as ro
from troth.registry.rostering import accept_in_registry, plan_in_registry

TUE, WED = 1, 2
EVENING, AFTERNOON = (TUE, "17:00", "23:30"), (WED, "13:00", "18:00")


def _visits(reg: Any, courtship: int) -> list[Any]:
    return [v for v in reg.queries.courtships.courtship(courtship).visits
            if v.status.value == "scheduled"]


def _kinds(reg: Any) -> list[str]:
    return [e.kind for e in reg.queries.people.ledger_entries()]


def test_a_planned_roster_accepted_becomes_visits_with_their_handlers(registry: Any) -> None:
    o = Office(registry)
    c1, c2, c3 = (o.courtship(n) for n in (1, 2, 3))
    o.handler(1, [EVENING, AFTERNOON])
    o.handler(2, [EVENING])
    o.request(c1, "tea", [(TUE, "18:00", "19:30")])
    o.request(c2, "tea", [(TUE, "18:00", "19:30"), (WED, "14:00", "15:30")])
    o.request(c3, "dinner", [(TUE, "20:00", "23:00")])
    roster_id, roster = plan_in_registry(registry, WEEK, "Riverside", seconds=5, workers=1)
    assert roster.summary.headline() == "placed 3 of 3; optimal"
    recorded = reads(registry).latest_roster(WEEK, "Riverside")
    assert recorded is not None and recorded.id == roster_id and not recorded.accepted
    results = accept_in_registry(registry, roster_id)
    assert all(r["visit_id"] for r in results) and len(results) == 3
    for p in roster.placements:
        (visit,) = _visits(registry, p.courtship_id)
        assert visit.starts_at == p.start
        assert visit.handlers == tuple(sorted(o.handlers[h] for h in p.handler_ids))
    assert _kinds(registry).count("visit_scheduled") == 3
    assert _kinds(registry).count("roster_placement_accepted") == 3
    again = reads(registry).latest_roster(WEEK, "Riverside")
    assert again is not None and len(again.accepted) == 3
    assert accept_in_registry(registry, roster_id) == []


def test_a_refused_placement_is_reported_with_its_rule_and_the_others_are_scheduled(
        registry: Any) -> None:
    o = Office(registry)
    c1, c2 = o.courtship(1), o.courtship(2)
    o.handler(1, [EVENING])
    o.request(c1, "tea", [(TUE, "18:00", "19:30")])
    o.request(c2, "walk", [(TUE, "20:00", "21:30")])
    roster_id, roster = plan_in_registry(registry, WEEK, seconds=5, workers=1)
    assert len(roster.placements) == 2
    alpha = o.parties[c2][0]
    registry.execute(c.EndCourtship(c2, alpha, date(2026, 11, 25), "no longer wished"))
    results = {r["request_id"]: r for r in accept_in_registry(registry, roster_id)}
    refused = [r for r in results.values() if r["visit_id"] is None]
    assert [r["rule"] for r in refused] == ["courtship_open"]
    assert len(_visits(registry, c1)) == 1 and _visits(registry, c2) == []


def test_a_handler_who_is_kin_of_a_party_is_never_rostered(registry: Any) -> None:
    o = Office(registry)
    mother = add(registry, "Mother", date(1960, 5, 5), "beta")
    cid = o.courtship(1, parents=(mother,))
    o.handler(2, [EVENING], parents=(mother,))  # the Alpha's sibling
    rid = o.request(cid, "tea", [(TUE, "18:00", "19:30")])
    _, roster = plan_in_registry(registry, WEEK, seconds=5, workers=1)
    assert roster.placements == ()
    (left,) = roster.unplaced
    assert (left.request_id, left.rule) == (rid, "handlers_excluded")


def test_a_replan_after_a_handler_falls_ill_keeps_accepted_placements(registry: Any) -> None:
    o = Office(registry)
    cs = [o.courtship(n, waited_days=10 * n) for n in (1, 2, 3, 4)]
    for n in (1, 2, 3):
        o.handler(n, [EVENING, AFTERNOON])
    rids = [o.request(cid, "tea", [(TUE, "18:00", "19:30"), (WED, "14:00", "15:30")])
            for cid in cs]
    first_id, first = plan_in_registry(registry, WEEK, seconds=5, workers=1)
    assert len(first.placements) == 4
    accepted = {p.request_id: p for p in first.placements if p.request_id in rids[:2]}
    accept_in_registry(registry, first_id, only=set(accepted))
    busy = {h for p in accepted.values() for h in p.handler_ids}
    ill = next(h for h in o.handlers if h not in busy)
    registry.execute(ro.RecordUnavailability(o.handlers[ill], MONDAY, MONDAY + timedelta(days=7),
                                             date(2026, 11, 26), "unavailable"))
    _, again = plan_in_registry(registry, WEEK, seconds=5, workers=1)
    kept = {p.request_id: p for p in again.placements if p.request_id in accepted}
    assert kept == accepted and again.accepted == frozenset(accepted)
    assert all(ill not in p.handler_ids for p in again.placements)
    assert len(again.placements) == 4 and again.released == ()
    sick = next(iter(busy))
    registry.execute(ro.RecordUnavailability(o.handlers[sick], MONDAY, MONDAY + timedelta(days=7),
                                             date(2026, 11, 26), "unavailable"))
    _, third = plan_in_registry(registry, WEEK, seconds=5, workers=1)
    assert {u.request_id for u in third.released} == {
        r for r, p in accepted.items() if sick in p.handler_ids}
    assert all(f"handler {sick} is no longer available" in u.reason for u in third.released)
